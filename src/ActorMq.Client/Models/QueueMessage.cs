namespace ActorMq.Client;

/// <summary>
/// What every view of a message shows: <see cref="ReceivedMessage"/> (leased), <see cref="PoppedMessage"/> (removed)
/// and <see cref="BrowsedMessage"/> (peeked).
/// </summary>
public abstract record QueueMessage
{
    /// <summary>The queue the message is in (or was popped from).</summary>
    public required string Queue { get; init; }

    /// <summary>The message id, unique within the queue.</summary>
    public required string Id { get; init; }

    /// <summary>The body, byte for byte as published.</summary>
    public required MessageBody Body { get; init; }

    /// <summary>Priority; lower is more urgent.</summary>
    public required int Priority { get; init; }

    /// <summary>Headers (empty when there are none).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The media type the publisher gave, if any.</summary>
    public string? ContentType { get; init; }

    /// <summary>When the message was published.</summary>
    public required DateTimeOffset PublishedAt { get; init; }

    /// <summary>When the message became (or becomes) deliverable, if it was scheduled.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>How many leases have been granted on the message (this one included for a received message).</summary>
    public required int ReceiveCount { get; init; }

    /// <summary>When the message was first leased, if ever.</summary>
    public DateTimeOffset? FirstReceivedAt { get; init; }
}
