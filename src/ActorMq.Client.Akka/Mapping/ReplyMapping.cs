using E = ActorMq.Engine;

namespace ActorMq.Client.Mapping;

/// <summary>
/// The contracts' replies as the client's models, showing what the HTTP API shows of each: a received message carries
/// its lease, a popped one none, a browsed one its state, version and lease expiry but never the lease's token.
/// </summary>
internal static class ReplyMapping
{
    /// <summary>A message state of the engine.</summary>
    public static E.MessageState ToEngine(MessageState state) => state switch
    {
        MessageState.Ready => E.MessageState.Ready,
        MessageState.Scheduled => E.MessageState.Scheduled,
        MessageState.Delayed => E.MessageState.Delayed,
        MessageState.Inflight => E.MessageState.Inflight,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a message state"),
    };

    /// <summary>A message state of the client.</summary>
    public static MessageState FromEngine(E.MessageState state) => state switch
    {
        E.MessageState.Ready => MessageState.Ready,
        E.MessageState.Scheduled => MessageState.Scheduled,
        E.MessageState.Delayed => MessageState.Delayed,
        E.MessageState.Inflight => MessageState.Inflight,
        _ => throw ErrorMapping.Unexpected($"the message state '{state}' is not one this client knows"),
    };

    /// <summary>A queue; its dead-letter queue is the one in effect, as GET writes it.</summary>
    public static QueueInfo Queue(E.QueueInfo queue)
    {
        var s = queue.Settings;
        var settings = new QueueSettings
        {
            VisibilityTimeout = s.VisibilityTimeout,
            MaxReceives = s.MaxReceives,
            DeadLetterQueue = s.EffectiveDeadLetterQueue(queue.Name),
            RetryDelay = s.RetryDelay,
            MessageTtl = s.MessageTtl,
            DeadLetterExpired = s.DeadLetterExpired,
            DefaultPriority = s.DefaultPriority,
            DedupWindow = s.DedupWindow,
            MaxMessageBytes = s.MaxMessageBytes,
            MaxDepth = s.MaxDepth,
        };
        var c = queue.Counts;
        var t = queue.Totals;
        return new QueueInfo(
            queue.Name,
            settings,
            new QueueCounts(c.Ready, c.Scheduled, c.Delayed, c.Inflight),
            new QueueTotals(t.Published, t.Delivered, t.Acked, t.DeadLettered, t.Expired));
    }

    /// <summary>A publish result.</summary>
    public static PublishResult Published(E.PublishResult result) =>
        new(result.Id, FromEngine(result.State), Utc(result.DeliverAt), result.Duplicate);

    /// <summary>One entry of a batch ack: the status and detail the entry alone would have answered.</summary>
    public static AckResult Acked(E.AckResult result) => result.Error is { } error
        ? new AckResult(result.Id, false, ErrorMapping.StatusOf(error.Kind), error.Detail)
        : new AckResult(result.Id, true, null, null);

    /// <summary>A received message: it must carry its lease.</summary>
    public static ReceivedMessage Received(string queue, E.StoredMessage m) => new()
    {
        Queue = queue,
        Id = m.Id,
        Body = Body(m.Body),
        Priority = m.Priority,
        Headers = m.Headers,
        ContentType = m.ContentType,
        PublishedAt = m.PublishedAt.ToUniversalTime(),
        DeliverAt = Utc(m.DeliverAt),
        ReceiveCount = m.ReceiveCount,
        FirstReceivedAt = Utc(m.FirstReceivedAt),
        Lease = m.Lease is { } lease
            ? new Lease(lease.Token, lease.ExpiresAt.ToUniversalTime())
            : throw ErrorMapping.Unexpected("a received message without a lease token"),
    };

    /// <summary>A popped message.</summary>
    public static PoppedMessage Popped(string queue, E.StoredMessage m) => new()
    {
        Queue = queue,
        Id = m.Id,
        Body = Body(m.Body),
        Priority = m.Priority,
        Headers = m.Headers,
        ContentType = m.ContentType,
        PublishedAt = m.PublishedAt.ToUniversalTime(),
        DeliverAt = Utc(m.DeliverAt),
        ReceiveCount = m.ReceiveCount,
        FirstReceivedAt = Utc(m.FirstReceivedAt),
    };

    /// <summary>A browsed, fetched or edited message.</summary>
    public static BrowsedMessage Browsed(string queue, E.StoredMessage m) => new()
    {
        Queue = queue,
        Id = m.Id,
        Body = Body(m.Body),
        Priority = m.Priority,
        Headers = m.Headers,
        ContentType = m.ContentType,
        PublishedAt = m.PublishedAt.ToUniversalTime(),
        DeliverAt = Utc(m.DeliverAt),
        ReceiveCount = m.ReceiveCount,
        FirstReceivedAt = Utc(m.FirstReceivedAt),
        State = FromEngine(m.State),
        Version = m.Version,
        DelayedUntil = m.State == E.MessageState.Delayed ? Utc(m.DelayedUntil) : null,
        ExpiresAt = Utc(m.ExpiresAt),
        LeaseExpiresAt = Utc(m.Lease?.ExpiresAt),
    };

    private static MessageBody Body(E.MessageBody body) => MessageBody.FromWire(body.Bytes.ToArray(), body.IsBinary);

    private static DateTimeOffset? Utc(DateTimeOffset? at) => at?.ToUniversalTime();
}
