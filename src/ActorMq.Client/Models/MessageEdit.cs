namespace ActorMq.Client;

/// <summary>
/// Changes to a scheduled, delayed or ready message; a property left null stays as it is. Give at least one.
/// </summary>
public sealed record MessageEdit
{
    /// <summary>A new due time (a past instant means now). Give this or <see cref="Delay"/>, not both.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>A new due time, this long from now. Give this or <see cref="DeliverAt"/>, not both.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>A new priority, 0 or more.</summary>
    public int? Priority { get; init; }

    /// <summary>A new body.</summary>
    public MessageBody? Body { get; init; }

    /// <summary>New headers: they replace all the old ones.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>A new content type.</summary>
    public string? ContentType { get; init; }
}
