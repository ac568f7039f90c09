namespace ActorMq.Engine;

/// <summary>One message to publish, as a client describes it. Validated by the engine against the queue's settings.</summary>
public sealed record PublishRequest
{
    /// <summary>Client-chosen id, so the client can later edit or cancel it; generated when absent.</summary>
    public string? Id { get; init; }

    /// <summary>The body.</summary>
    public required MessageBody Body { get; init; }

    /// <summary>Optional media type of the body.</summary>
    public string? ContentType { get; init; }

    /// <summary>Optional headers.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>Priority (lower is more urgent); the queue's default when absent.</summary>
    public int? Priority { get; init; }

    /// <summary>Deliver at this instant (a past instant means now). Exclusive with <see cref="Delay"/>.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>Deliver after this delay. Exclusive with <see cref="DeliverAt"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Time to live from when the message becomes ready; the queue's messageTtl when absent.</summary>
    public TimeSpan? Ttl { get; init; }

    /// <summary>A second publish with the same dedupId inside the queue's window stores nothing.</summary>
    public string? DedupId { get; init; }
}

/// <summary>Changes to a scheduled, delayed or ready message; null members are left as they are.</summary>
public sealed record MessagePatch
{
    /// <summary>New delivery instant; a past one makes the message ready now. Exclusive with <see cref="Delay"/>.</summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>Deliver this long after now. Exclusive with <see cref="DeliverAt"/>.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>New priority.</summary>
    public int? Priority { get; init; }

    /// <summary>New body.</summary>
    public MessageBody? Body { get; init; }

    /// <summary>New content type.</summary>
    public string? ContentType { get; init; }

    /// <summary>New headers, replacing all the old ones.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}

/// <summary>A lease presented by a client: the message id and the token its receive returned.</summary>
public readonly record struct LeaseRef(string Id, string Token);

/// <summary>Why a message left its queue for a dead-letter queue, or was moved back.</summary>
public enum TransferReason
{
    /// <summary>It had been delivered maxReceives times when its last lease ended.</summary>
    MaxReceives,

    /// <summary>A consumer nacked it with deadLetter: true.</summary>
    Nack,

    /// <summary>It expired and the queue dead-letters expired messages.</summary>
    Expired,

    /// <summary>A redrive moved it from a dead-letter queue back to a queue.</summary>
    Redrive,
}

/// <summary>What travels from one queue to another (a dead letter, or a redriven message).</summary>
/// <param name="TransferId">Unique for every transfer ever made; the receiving queue drops a second copy.</param>
/// <param name="Reason">Why it moves.</param>
/// <param name="Id">The message id, kept.</param>
/// <param name="Body">Body, kept.</param>
/// <param name="ContentType">Content type, kept.</param>
/// <param name="Headers">Headers, with <c>x-dead-letter-*</c> added for dead letters.</param>
/// <param name="Priority">Priority, kept.</param>
public sealed record TransferMessage(
    string TransferId,
    TransferReason Reason,
    string Id,
    MessageBody Body,
    string? ContentType,
    MessageHeaders Headers,
    int Priority);

/// <summary>A transfer the queue has committed to deliver to <paramref name="TargetQueue"/>, kept until confirmed.</summary>
public sealed record OutboundTransfer(string TargetQueue, TransferMessage Message);
