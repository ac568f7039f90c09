namespace ActorMq.Engine;

/// <summary>Something a client or the node asks of one queue. <see cref="QueueEngine.Decide"/> turns it into events or an error.</summary>
public abstract record QueueCommand;

/// <summary>Create the queue with these settings, or change its settings.</summary>
public sealed record ConfigureQueue(QueueSettings Settings) : QueueCommand;

/// <summary>Delete the queue and all its live messages.</summary>
public sealed record DeleteQueue : QueueCommand
{
    /// <summary>The one instance.</summary>
    public static readonly DeleteQueue Instance = new();

    private DeleteQueue()
    {
    }
}

/// <summary>
/// Publish messages, all or none. A missing queue is created with defaults when <paramref name="AutoCreate"/>. Errors
/// name fields as <c>messages[i].field</c> when <paramref name="IsBatch"/> (or when there are several messages).
/// </summary>
public sealed record Publish(IReadOnlyList<PublishRequest> Messages, bool AutoCreate, bool IsBatch = false) : QueueCommand;

/// <summary>Lease up to <paramref name="Max"/> ready messages for <paramref name="VisibilityTimeout"/> (the queue's when null).</summary>
public sealed record Receive(int Max, TimeSpan? VisibilityTimeout) : QueueCommand;

/// <summary>Receive and delete up to <paramref name="Max"/> ready messages (at-most-once).</summary>
public sealed record Pop(int Max) : QueueCommand;

/// <summary>Acknowledge leased messages; each entry succeeds or fails on its own.</summary>
public sealed record Ack(IReadOnlyList<LeaseRef> Leases) : QueueCommand;

/// <summary>Give a leased message back: ready at once, after <paramref name="Delay"/>, or to the dead-letter queue.</summary>
public sealed record Nack(string Id, string Token, TimeSpan? Delay, bool DeadLetter) : QueueCommand;

/// <summary>Extend a lease to now + <paramref name="VisibilityTimeout"/> (the queue's when null).</summary>
public sealed record Extend(string Id, string Token, TimeSpan? VisibilityTimeout) : QueueCommand;

/// <summary>Edit a scheduled, delayed or ready message; <paramref name="IfMatch"/> must equal its version when given.</summary>
public sealed record EditMessage(string Id, MessagePatch Patch, long? IfMatch) : QueueCommand;

/// <summary>Delete a scheduled, delayed or ready message; <paramref name="IfMatch"/> must equal its version when given.</summary>
public sealed record CancelMessage(string Id, long? IfMatch) : QueueCommand;

/// <summary>Remove every live message, in flight and scheduled included.</summary>
public sealed record Purge : QueueCommand
{
    /// <summary>The one instance.</summary>
    public static readonly Purge Instance = new();

    private Purge()
    {
    }
}

/// <summary>
/// Bring the queue up to now: due scheduled and delayed messages become ready, expired leases end.
/// <see cref="QueueEngine.Execute"/> does this before every command; the node sends it when its timer fires.
/// </summary>
public sealed record Tick : QueueCommand
{
    /// <summary>The one instance.</summary>
    public static readonly Tick Instance = new();

    private Tick()
    {
    }
}

/// <summary>Remove (or dead-letter) every ready or delayed message whose time to live has run out.</summary>
public sealed record SweepExpired : QueueCommand
{
    /// <summary>The one instance.</summary>
    public static readonly SweepExpired Instance = new();

    private SweepExpired()
    {
    }
}

/// <summary>Take messages moved here from another queue; idempotent by transfer id and message id.</summary>
public sealed record AcceptTransfers(IReadOnlyList<TransferMessage> Messages) : QueueCommand;

/// <summary>The target queues have stored these transfers: forget them.</summary>
public sealed record ConfirmTransfers(IReadOnlyList<string> TransferIds) : QueueCommand;

/// <summary>
/// On a dead-letter queue: move up to <paramref name="Max"/> ready messages to <paramref name="To"/>, or to the queue
/// each came from. They leave at once as outbound transfers; the node answers when the targets confirm.
/// </summary>
public sealed record Redrive(string? To, int? Max) : QueueCommand;

/// <summary>
/// Choose up to <paramref name="Max"/> scheduled messages due so late that their bucket (of width
/// <paramref name="BucketWidth"/>) will not be woken within <paramref name="LookAhead"/>, to hand them to their
/// buckets. Opens the buckets not yet known; the node sends the messages once that is written.
/// </summary>
public sealed record StartParking(TimeSpan BucketWidth, TimeSpan LookAhead, int Max) : QueueCommand;

/// <summary>Bucket <paramref name="Bucket"/> stored these messages: keep only their index entries.</summary>
public sealed record ConfirmParked(long Bucket, IReadOnlyList<ParkedRef> Messages) : QueueCommand;

/// <summary>Bucket <paramref name="Bucket"/> gave these messages back; those still parked there at that version return.</summary>
public sealed record Unpark(long Bucket, IReadOnlyList<StoredMessage> Messages) : QueueCommand;

/// <summary>Bucket <paramref name="Bucket"/> is empty: forget it when no message of this queue is parked in it.</summary>
public sealed record CloseBucket(long Bucket) : QueueCommand;
