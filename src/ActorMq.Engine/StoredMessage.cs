namespace ActorMq.Engine;

/// <summary>The live states of a message. A message that has left the queue has no state: it is gone.</summary>
public enum MessageState
{
    /// <summary>deliverAt is in the future; not visible to receivers.</summary>
    Scheduled,

    /// <summary>Waiting to be received, in (priority, publish order).</summary>
    Ready,

    /// <summary>Leased to a receiver until the lease expires or is acked, nacked or extended.</summary>
    Inflight,

    /// <summary>Waiting out a retry delay after a lease ended; then ready again at its old position.</summary>
    Delayed,
}

/// <summary>A lease granted by a receive: whoever presents <paramref name="Token"/> before <paramref name="ExpiresAt"/> owns the message.</summary>
public readonly record struct Lease(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// A live message as the queue holds it. Immutable: every change makes a copy with a higher <see cref="Version"/>.
/// </summary>
/// <param name="Id">Unique among the queue's live messages.</param>
/// <param name="Seq">Position key: the publish order within the queue, kept across retries.</param>
/// <param name="Body">The body as published.</param>
/// <param name="ContentType">Optional media type of the body.</param>
/// <param name="Headers">String headers.</param>
/// <param name="Priority">Lower is more urgent.</param>
/// <param name="PublishedAt">When the queue accepted the message.</param>
/// <param name="DeliverAt">Requested delivery instant, if the message was scheduled.</param>
/// <param name="Ttl">Time to live counted from when the message became ready, if any.</param>
/// <param name="DedupId">The dedupId it was published with, if any.</param>
/// <param name="State">Its live state.</param>
/// <param name="ReceiveCount">Leases granted so far (pops count too).</param>
/// <param name="FirstReceivedAt">When the first lease was granted.</param>
/// <param name="Lease">The current lease when <see cref="MessageState.Inflight"/>.</param>
/// <param name="DelayedUntil">When a <see cref="MessageState.Delayed"/> message becomes ready.</param>
/// <param name="Version">Grows with every change; the ETag of the message.</param>
/// <param name="ParkedIn">
/// The schedule bucket (its first instant, in UTC ticks) that holds this scheduled message's body and headers while the
/// queue keeps only its index entry; null when the queue holds the whole message. Parking does not change the version.
/// </param>
public sealed record StoredMessage(
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
    MessageState State,
    int ReceiveCount,
    DateTimeOffset? FirstReceivedAt,
    Lease? Lease,
    DateTimeOffset? DelayedUntil,
    long Version,
    long? ParkedIn = null)
{
    /// <summary>True when the body and headers are in a schedule bucket, not in the queue.</summary>
    public bool IsParked => ParkedIn is not null;

    /// <summary>When the message became (or becomes) ready for the first time: its deliverAt, or its publish time.</summary>
    public DateTimeOffset ReadyFrom => DeliverAt is { } at && at > PublishedAt ? at : PublishedAt;

    /// <summary>When the message expires, if it has a time to live.</summary>
    public DateTimeOffset? ExpiresAt => Ttl is { } ttl ? ReadyFrom + ttl : null;

    /// <summary>True when the message has a time to live that has run out at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } at && at <= now;
}

/// <summary>How many live messages a queue holds in each state.</summary>
public readonly record struct QueueCounts(long Ready, long Scheduled, long Delayed, long Inflight)
{
    /// <summary>Every live message.</summary>
    public long Total => Ready + Scheduled + Delayed + Inflight;
}

/// <summary>Lifetime totals of a queue.</summary>
public readonly record struct QueueTotals(long Published, long Delivered, long Acked, long DeadLettered, long Expired);
