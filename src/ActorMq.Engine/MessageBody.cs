namespace ActorMq.Engine;

/// <summary>
/// A message body exactly as received: the UTF-8 text of a JSON value, kept byte for byte, or opaque binary
/// (published as <c>bodyBase64</c>). Compared by content.
/// </summary>
public sealed class MessageBody : IEquatable<MessageBody>
{
    private readonly byte[] _bytes;

    private MessageBody(byte[] bytes, bool isBinary)
    {
        _bytes = bytes;
        IsBinary = isBinary;
    }

    /// <summary>No bytes: what a queue holds in place of the body of a message parked in a schedule bucket.</summary>
    public static readonly MessageBody None = new([], isBinary: true);

    /// <summary>The body's bytes: JSON text in UTF-8, or the decoded binary.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>True when the body was published as binary (<c>bodyBase64</c>).</summary>
    public bool IsBinary { get; }

    /// <summary>Size counted against maxMessageBytes.</summary>
    public int Length => _bytes.Length;

    /// <summary>A JSON body from its UTF-8 text; the caller has checked that it is one JSON value.</summary>
    public static MessageBody Json(ReadOnlySpan<byte> utf8JsonText) => new(utf8JsonText.ToArray(), isBinary: false);

    /// <summary>A JSON body from its text; the caller has checked that it is one JSON value.</summary>
    public static MessageBody Json(string jsonText) => new(System.Text.Encoding.UTF8.GetBytes(jsonText), isBinary: false);

    /// <summary>A binary body.</summary>
    public static MessageBody Binary(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), isBinary: true);

    /// <inheritdoc />
    public bool Equals(MessageBody? other) =>
        other is not null && IsBinary == other.IsBinary && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessageBody);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsBinary);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() =>
        IsBinary ? $"binary[{_bytes.Length}]" : System.Text.Encoding.UTF8.GetString(_bytes);
}
