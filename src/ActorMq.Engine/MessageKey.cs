namespace ActorMq.Engine;

/// <summary>
/// A message id as the tables of parked messages take it (<see cref="MessageTable{TValue}"/>): an id of the form the
/// queue generates (<see cref="MessageIds.Generate"/>) as its 128 bits, which the tables keep in 16 bytes in place of
/// an 80-byte string; any other id as its string. <see cref="ToString"/> gives the id back exactly.
/// </summary>
internal readonly struct MessageKey
{
    private MessageKey(IdBits bits, string? text)
    {
        Bits = bits;
        Text = text;
    }

    /// <summary>The bits of a generated id; default when <see cref="Text"/> is set.</summary>
    public IdBits Bits { get; }

    /// <summary>An id that is not of the generated form, or null.</summary>
    public string? Text { get; }

    /// <summary>The key of <paramref name="id"/>.</summary>
    public static MessageKey Of(string id) =>
        MessageIds.TryParse(id, out var bits) ? new MessageKey(new IdBits((ulong)(bits >> 64), (ulong)bits), null) : new MessageKey(default, id);

    /// <summary>The key of a generated id.</summary>
    public static MessageKey Of(IdBits bits) => new(bits, null);

    /// <summary>The id.</summary>
    public override string ToString() => Text ?? MessageIds.Format(((UInt128)Bits.High << 64) | Bits.Low);
}

/// <summary>The 128 bits of a generated message id.</summary>
internal readonly record struct IdBits(ulong High, ulong Low);
