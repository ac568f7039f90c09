namespace ActorMq.Client.Http;

/// <summary>Between the client's models and the wire shapes: durations as seconds, states as their lowercase names.</summary>
internal static class WireMapping
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    /// <summary>A duration as seconds, exact to the tick (<c>30</c>, <c>0.5</c>).</summary>
    public static decimal Seconds(TimeSpan duration) => decimal.Divide(duration.Ticks, TimeSpan.TicksPerSecond);

    /// <summary>A duration as seconds, or null.</summary>
    public static decimal? Seconds(TimeSpan? duration) => duration is { } d ? Seconds(d) : null;

    /// <summary>Seconds as a duration, rounded to the tick.</summary>
    public static TimeSpan Duration(decimal seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));

    /// <summary>The lowercase name of a state, as the API writes and reads it.</summary>
    public static string StateName(MessageState state) => state switch
    {
        MessageState.Ready => "ready",
        MessageState.Scheduled => "scheduled",
        MessageState.Delayed => "delayed",
        MessageState.Inflight => "inflight",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "not a message state"),
    };

    /// <summary>The state a name stands for.</summary>
    public static MessageState State(string? name) => name switch
    {
        "ready" => MessageState.Ready,
        "scheduled" => MessageState.Scheduled,
        "delayed" => MessageState.Delayed,
        "inflight" => MessageState.Inflight,
        _ => throw Unexpected($"the message state '{name}' is not one this client knows (ready, scheduled, delayed, inflight)"),
    };

    /// <summary>A message to publish.</summary>
    public static WirePublish ToWire(PublishMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.Body, nameof(message.Body));
        var (json, binary) = Body(message.Body);
        return new WirePublish
        {
            Body = json,
            BodyBase64 = binary,
            Id = message.Id,
            Priority = message.Priority,
            DeliverAt = message.DeliverAt?.ToUniversalTime(),
            DelaySeconds = Seconds(message.Delay),
            TtlSeconds = Seconds(message.TimeToLive),
            Headers = message.Headers,
            ContentType = message.ContentType,
            DedupId = message.DedupId,
        };
    }

    /// <summary>A message patch.</summary>
    public static WirePatch ToWire(MessageEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var (json, binary) = edit.Body is { } body ? Body(body) : (null, null);
        return new WirePatch
        {
            DeliverAt = edit.DeliverAt?.ToUniversalTime(),
            DelaySeconds = Seconds(edit.Delay),
            Priority = edit.Priority,
            Body = json,
            BodyBase64 = binary,
            Headers = edit.Headers,
            ContentType = edit.ContentType,
        };
    }

    /// <summary>Queue settings, every member written (PUT replaces them all).</summary>
    public static WireSettings ToWire(QueueSettings settings) => new()
    {
        VisibilityTimeoutSeconds = Seconds(settings.VisibilityTimeout),
        MaxReceives = settings.MaxReceives,
        DeadLetterQueue = settings.DeadLetterQueue,
        RetryDelaySeconds = Seconds(settings.RetryDelay),
        MessageTtlSeconds = Seconds(settings.MessageTtl),
        DeadLetterExpired = settings.DeadLetterExpired,
        DefaultPriority = settings.DefaultPriority,
        DedupWindowSeconds = Seconds(settings.DedupWindow),
        MaxMessageBytes = settings.MaxMessageBytes,
        MaxDepth = settings.MaxDepth,
    };

    /// <summary>A queue as the server wrote it.</summary>
    public static QueueInfo FromWire(WireQueue queue)
    {
        var s = queue.Settings ?? throw Unexpected("a queue without settings");
        var c = queue.Counts ?? throw Unexpected("a queue without counts");
        var t = queue.Totals ?? throw Unexpected("a queue without totals");
        var settings = new QueueSettings
        {
            VisibilityTimeout = Duration(s.VisibilityTimeoutSeconds ?? throw Unexpected("settings without visibilityTimeoutSeconds")),
            MaxReceives = s.MaxReceives ?? throw Unexpected("settings without maxReceives"),
            DeadLetterQueue = s.DeadLetterQueue,
            RetryDelay = Duration(s.RetryDelaySeconds ?? 0),
            MessageTtl = s.MessageTtlSeconds is { } ttl ? Duration(ttl) : null,
            DeadLetterExpired = s.DeadLetterExpired ?? false,
            DefaultPriority = s.DefaultPriority ?? throw Unexpected("settings without defaultPriority"),
            DedupWindow = Duration(s.DedupWindowSeconds ?? throw Unexpected("settings without dedupWindowSeconds")),
            MaxMessageBytes = s.MaxMessageBytes ?? throw Unexpected("settings without maxMessageBytes"),
            MaxDepth = s.MaxDepth,
        };
        return new QueueInfo(
            queue.Name ?? throw Unexpected("a queue without a name"),
            settings,
            new QueueCounts(c.Ready, c.Scheduled, c.Delayed, c.Inflight),
            new QueueTotals(t.Published, t.Delivered, t.Acked, t.DeadLettered, t.Expired));
    }

    /// <summary>A publish result.</summary>
    public static PublishResult FromWire(WirePublished published) =>
        Published(published.Id, published.State, published.DeliverAt, published.Duplicate);

    public static PublishResult FromWire(WireStreamPublished published) =>
        Published(published.Id, published.State, published.DeliverAt, published.Duplicate);

    /// <summary>A batch ack's result.</summary>
    public static AckResult FromWire(WireAckResult result) =>
        new(result.Id ?? throw Unexpected("an ack result without an id"), result.Acked, result.Status, result.Detail);

    /// <summary>A received message: it must carry its lease.</summary>
    public static ReceivedMessage Received(string queue, WireMessage m)
    {
        var lease = m.Lease is { Token: { } token } l ? new Lease(token, l.ExpiresAt) : throw Unexpected("a received message without a lease token");
        return new ReceivedMessage
        {
            Queue = queue,
            Id = Id(m),
            Body = Body(m),
            Priority = m.Priority,
            Headers = Headers(m),
            ContentType = m.ContentType,
            PublishedAt = m.PublishedAt,
            DeliverAt = m.DeliverAt,
            ReceiveCount = m.ReceiveCount,
            FirstReceivedAt = m.FirstReceivedAt,
            Lease = lease,
        };
    }

    /// <summary>A popped message.</summary>
    public static PoppedMessage Popped(string queue, WireMessage m) => new()
    {
        Queue = queue,
        Id = Id(m),
        Body = Body(m),
        Priority = m.Priority,
        Headers = Headers(m),
        ContentType = m.ContentType,
        PublishedAt = m.PublishedAt,
        DeliverAt = m.DeliverAt,
        ReceiveCount = m.ReceiveCount,
        FirstReceivedAt = m.FirstReceivedAt,
    };

    /// <summary>A browsed (or fetched, or edited) message.</summary>
    public static BrowsedMessage Browsed(string queue, WireMessage m) => new()
    {
        Queue = queue,
        Id = Id(m),
        Body = Body(m),
        Priority = m.Priority,
        Headers = Headers(m),
        ContentType = m.ContentType,
        PublishedAt = m.PublishedAt,
        DeliverAt = m.DeliverAt,
        ReceiveCount = m.ReceiveCount,
        FirstReceivedAt = m.FirstReceivedAt,
        State = State(m.State),
        Version = m.Version ?? throw Unexpected("a browsed message without a version"),
        DelayedUntil = m.DelayedUntil,
        ExpiresAt = m.ExpiresAt,
        LeaseExpiresAt = m.Lease?.ExpiresAt,
    };

    /// <summary>An answer this client cannot read: a server of another version, or not an ActorMq server.</summary>
    public static ActorMqException Unexpected(string what) =>
        new(new ActorMqProblem(null, null, "Unexpected answer", $"The server's answer could not be read: {what}."));

    private static (RawJson? Json, byte[]? Binary) Body(MessageBody body) =>
        body.IsBinary ? (null, body.Bytes.ToArray()) : (new RawJson(body.Bytes.ToArray()), null);

    private static PublishResult Published(string? id, string? state, DateTimeOffset? deliverAt, bool duplicate) =>
        new(id ?? throw Unexpected("a publish result without an id"), State(state), deliverAt, duplicate);

    private static string Id(WireMessage m) => m.Id ?? throw Unexpected("a message without an id");

    private static MessageBody Body(WireMessage m) =>
        m.Body is { } json ? MessageBody.FromWire(json.Utf8, isBinary: false)
        : m.BodyBase64 is { } binary ? MessageBody.FromWire(binary, isBinary: true)
        : throw Unexpected($"message '{m.Id}' has neither body nor bodyBase64");

    private static IReadOnlyDictionary<string, string> Headers(WireMessage m) => m.Headers ?? NoHeaders;
}
