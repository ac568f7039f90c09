namespace ActorMq.Engine;

/// <summary>
/// A fact about one queue: what the node persists. <see cref="QueueEngine.Apply"/> replays them into the same state,
/// so every event carries all it needs (ids, tokens, instants) and nothing is decided while applying.
/// </summary>
public interface IQueueEvent;

/// <summary>The queue was created (<paramref name="Created"/>) or its settings changed.</summary>
public sealed record QueueConfigured(QueueSettings Settings, bool Created, DateTimeOffset At) : IQueueEvent;

/// <summary>The queue and its live messages were deleted.</summary>
public sealed record QueueDeleted(DateTimeOffset At) : IQueueEvent;

/// <summary>
/// A message entered the queue: published, or transferred here (then <paramref name="TransferId"/> is set). It is
/// scheduled when <paramref name="DeliverAt"/> is after <paramref name="PublishedAt"/>, ready otherwise.
/// </summary>
public sealed record MessagePublished(
    string Id,
    long Seq,
    MessageBody Body,
    string? ContentType,
    MessageHeaders Headers,
    int Priority,
    DateTimeOffset PublishedAt,
    DateTimeOffset? DeliverAt,
    TimeSpan? Ttl,
    string? DedupId,
    string? TransferId) : IQueueEvent;

/// <summary>A scheduled or delayed message became ready, at its old position.</summary>
public sealed record MessageReady(string Id) : IQueueEvent;

/// <summary>A receive leased the message.</summary>
public sealed record MessageLeased(string Id, string Token, DateTimeOffset ExpiresAt, DateTimeOffset At) : IQueueEvent;

/// <summary>The lease holder acked the message; it left the queue.</summary>
public sealed record MessageAcked(string Id) : IQueueEvent;

/// <summary>A pop delivered and removed the message.</summary>
public sealed record MessagePopped(string Id, DateTimeOffset At) : IQueueEvent;

/// <summary>A lease ended (expired or nacked): the message is ready again, or delayed until <paramref name="DelayedUntil"/>.</summary>
public sealed record LeaseReleased(string Id, DateTimeOffset? DelayedUntil) : IQueueEvent;

/// <summary>The lease holder extended the lease.</summary>
public sealed record LeaseExtended(string Id, DateTimeOffset ExpiresAt) : IQueueEvent;

/// <summary>
/// The message left for the dead-letter queue <paramref name="TargetQueue"/> as transfer <paramref name="TransferId"/>,
/// or was dropped when the queue has no dead-letter queue (both null).
/// </summary>
public sealed record MessageDeadLettered(string Id, TransferReason Reason, DateTimeOffset At, string? TargetQueue, string? TransferId) : IQueueEvent;

/// <summary>The message's time to live ran out and it was dropped.</summary>
public sealed record MessageExpired(string Id, DateTimeOffset At) : IQueueEvent;

/// <summary>A redrive moved the message to <paramref name="TargetQueue"/> as transfer <paramref name="TransferId"/>.</summary>
public sealed record MessageRedriven(string Id, string TargetQueue, string TransferId) : IQueueEvent;

/// <summary>The message was edited: these are its new values and the live state it is now in.</summary>
public sealed record MessageEdited(
    string Id,
    int Priority,
    MessageBody Body,
    string? ContentType,
    MessageHeaders Headers,
    DateTimeOffset? DeliverAt,
    MessageState State) : IQueueEvent;

/// <summary>The message was deleted before delivery.</summary>
public sealed record MessageCancelled(string Id) : IQueueEvent;

/// <summary>Every live message was removed.</summary>
public sealed record QueuePurged(DateTimeOffset At) : IQueueEvent;

/// <summary>The target queue stored the transfer; it is no longer owed.</summary>
public sealed record TransferConfirmed(string TransferId) : IQueueEvent;

/// <summary>
/// The schedule bucket starting at <paramref name="Bucket"/> (UTC ticks) may hold messages of this queue from now on:
/// the queue remembers it until the bucket says it is empty, so no bucket is forgotten with data in it.
/// </summary>
public sealed record BucketOpened(long Bucket) : IQueueEvent;

/// <summary>The bucket stored these scheduled messages; the queue keeps only their index entries.</summary>
public sealed record MessagesParked(long Bucket, IReadOnlyList<string> Ids) : IQueueEvent;

/// <summary>A parked message came back from its bucket: the queue holds its body and headers again.</summary>
public sealed record MessageUnparked(string Id, MessageBody Body, MessageHeaders Headers) : IQueueEvent;

/// <summary>The bucket is empty and has deleted its journal; the queue forgets it.</summary>
public sealed record BucketClosed(long Bucket) : IQueueEvent;
