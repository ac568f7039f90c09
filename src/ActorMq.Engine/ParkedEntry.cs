namespace ActorMq.Engine;

/// <summary>
/// What a queue keeps of a scheduled message while its body and headers are parked in a schedule bucket: every other
/// member of the <see cref="StoredMessage"/>, packed so that a million of them fit in about a hundred megabytes. The
/// members most messages leave at their defaults (content type, TTL, dedupId, receive count and first receipt) are in
/// one <see cref="ParkedExtras"/>, null when all are defaults and shared by messages that agree on them. A parked
/// message is always scheduled, never leased and never delayed, so those members are not kept.
/// </summary>
internal readonly struct ParkedEntry
{
    private ParkedEntry(StoredMessage m, long bucket, ParkedExtras? extras)
    {
        DeliverAt = m.DeliverAt!.Value.UtcTicks;
        Seq = m.Seq;
        Version = m.Version;
        Bucket = bucket;
        PublishedAt = m.PublishedAt.UtcTicks;
        Priority = m.Priority;
        Extras = extras;
    }

    /// <summary>deliverAt, UTC ticks.</summary>
    public long DeliverAt { get; }

    /// <summary>Position key.</summary>
    public long Seq { get; }

    /// <summary>The message's version (parking does not change it).</summary>
    public long Version { get; }

    /// <summary>The bucket that holds the body and headers: its first instant, UTC ticks.</summary>
    public long Bucket { get; }

    /// <summary>When the queue accepted the message, UTC ticks.</summary>
    public long PublishedAt { get; }

    /// <summary>Priority.</summary>
    public int Priority { get; }

    /// <summary>The rarely set members, or null when all are defaults.</summary>
    public ParkedExtras? Extras { get; }

    /// <summary>
    /// The entry of <paramref name="m"/> parked in <paramref name="bucket"/>, reusing <paramref name="shared"/> when it
    /// holds the same extras. Throws when <paramref name="m"/> is not a scheduled message that may be parked.
    /// </summary>
    public static ParkedEntry Of(StoredMessage m, long bucket, ParkedExtras? shared)
    {
        if (m.State != MessageState.Scheduled || m.DeliverAt is null || m.Lease is not null || m.DelayedUntil is not null)
        {
            throw new InvalidOperationException($"message '{m.Id}' is {m.State}{(m.Lease is null ? "" : ", leased")}{(m.DelayedUntil is null ? "" : ", delayed")}: only a scheduled message can be parked.");
        }

        var extras = ParkedExtras.Of(m);
        return new ParkedEntry(m, bucket, extras is not null && extras == shared ? shared : extras);
    }

    /// <summary>Its index entry among the scheduled messages.</summary>
    public Slot SlotOf(string id) => new(DeliverAt, Seq, id);

    /// <summary>The message with id <paramref name="id"/>, this body and these headers, still parked or not.</summary>
    public StoredMessage ToMessage(string id, MessageBody body, MessageHeaders headers, bool parked) => new(
        id,
        Seq,
        body,
        Extras?.ContentType,
        headers,
        Priority,
        new DateTimeOffset(PublishedAt, TimeSpan.Zero),
        new DateTimeOffset(DeliverAt, TimeSpan.Zero),
        Extras?.Ttl,
        Extras?.DedupId,
        MessageState.Scheduled,
        Extras?.ReceiveCount ?? 0,
        Extras?.FirstReceivedAt,
        Lease: null,
        DelayedUntil: null,
        Version,
        parked ? Bucket : null);
}

/// <summary>The members of a parked message that most messages leave at their defaults.</summary>
internal sealed record ParkedExtras(string? ContentType, TimeSpan? Ttl, string? DedupId, int ReceiveCount, DateTimeOffset? FirstReceivedAt)
{
    /// <summary>The extras of <paramref name="m"/>, or null when all are defaults.</summary>
    public static ParkedExtras? Of(StoredMessage m) =>
        m.ContentType is null && m.Ttl is null && m.DedupId is null && m.ReceiveCount == 0 && m.FirstReceivedAt is null
            ? null
            : new ParkedExtras(m.ContentType, m.Ttl, m.DedupId, m.ReceiveCount, m.FirstReceivedAt);
}
