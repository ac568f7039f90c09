namespace ActorMq.Engine;

/// <summary>What a successful command answers.</summary>
public abstract record QueueReply;

/// <summary>The queue was created (<paramref name="Created"/>) or updated.</summary>
public sealed record QueueConfiguredReply(bool Created, QueueInfo Queue) : QueueReply;

/// <summary>The queue was deleted.</summary>
public sealed record QueueDeletedReply : QueueReply
{
    /// <summary>The one instance.</summary>
    public static readonly QueueDeletedReply Instance = new();

    private QueueDeletedReply()
    {
    }
}

/// <summary>One published message: its id, its state, and whether it was a duplicate of an earlier publish.</summary>
public sealed record PublishResult(string Id, MessageState State, DateTimeOffset? DeliverAt, bool Duplicate);

/// <summary>The results of a publish, in request order.</summary>
public sealed record Published(IReadOnlyList<PublishResult> Results) : QueueReply;

/// <summary>Messages delivered by a receive (each with its lease) or a pop; empty when none was ready.</summary>
public sealed record Delivered(IReadOnlyList<StoredMessage> Messages) : QueueReply;

/// <summary>One entry of an ack: null <paramref name="Error"/> when it was acked.</summary>
public sealed record AckResult(string Id, QueueError? Error);

/// <summary>The results of an ack, in request order.</summary>
public sealed record Acked(IReadOnlyList<AckResult> Results) : QueueReply;

/// <summary>A command that answers nothing but success (nack, cancel, tick, confirm).</summary>
public sealed record Done : QueueReply
{
    /// <summary>The one instance.</summary>
    public static readonly Done Instance = new();

    private Done()
    {
    }
}

/// <summary>The new expiry of an extended lease.</summary>
public sealed record Extended(DateTimeOffset ExpiresAt) : QueueReply;

/// <summary>The message after an edit.</summary>
public sealed record Edited(StoredMessage Message) : QueueReply;

/// <summary>How many messages a purge or sweep removed.</summary>
public sealed record Removed(int Count) : QueueReply;

/// <summary>How many transferred messages were stored, and how many were already here.</summary>
public sealed record TransfersAccepted(int Accepted, int Duplicates) : QueueReply;

/// <summary>The transfers a redrive started; the node answers with their count once the targets confirm them.</summary>
public sealed record RedriveStarted(IReadOnlyList<OutboundTransfer> Transfers) : QueueReply;

/// <summary>A queue's name, settings, counts per state and totals.</summary>
public sealed record QueueInfo(string Name, QueueSettings Settings, QueueCounts Counts, QueueTotals Totals);

/// <summary>
/// The outcome of a command: the events to persist (already applied by <see cref="QueueEngine.Execute"/>), and
/// either a reply or an error. An error comes with no events of the command's own.
/// </summary>
public sealed record Decision(IReadOnlyList<IQueueEvent> Events, QueueReply? Reply, QueueError? Error)
{
    /// <summary>True when the command succeeded.</summary>
    public bool IsSuccess => Error is null;
}

/// <summary>Scheduled messages to hand to one bucket.</summary>
public sealed record BucketLoad(long Bucket, IReadOnlyList<StoredMessage> Messages);

/// <summary>What <see cref="StartParking"/> chose, one load per bucket in time order; empty when nothing is due to park.</summary>
public sealed record ParkingStarted(IReadOnlyList<BucketLoad> Loads) : QueueReply;
