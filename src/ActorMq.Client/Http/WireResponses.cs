namespace ActorMq.Client.Http;

// The JSON shapes of the answers (DESIGN.md section 4). Members the server may add later are ignored.

/// <summary>A message as receive, pop, browse, get and edit write it.</summary>
internal sealed record WireMessage
{
    public string? Id { get; init; }

    public string? State { get; init; }

    public long? Version { get; init; }

    public RawJson? Body { get; init; }

    public byte[]? BodyBase64 { get; init; }

    public int Priority { get; init; }

    public Dictionary<string, string>? Headers { get; init; }

    public string? ContentType { get; init; }

    public DateTimeOffset PublishedAt { get; init; }

    public DateTimeOffset? DeliverAt { get; init; }

    public DateTimeOffset? DelayedUntil { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public int ReceiveCount { get; init; }

    public DateTimeOffset? FirstReceivedAt { get; init; }

    public WireLease? Lease { get; init; }
}

/// <summary><c>{token?, expiresAt}</c>; browse shows no token.</summary>
internal sealed record WireLease
{
    public string? Token { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary><c>{"messages": [ … ], "next"?}</c>: receive, pop and browse.</summary>
internal sealed record WireMessages(List<WireMessage>? Messages, string? Next);

/// <summary>
/// A stream's frame: deliveries <c>{"messages": [ … ]}</c>; an answer <c>{"ref", "published" | "acked" | "problem"}</c>;
/// or the last, <c>{"problem": { … }}</c> without a reference. Read by <see cref="StreamFrameReader"/>.
/// </summary>
internal sealed record WireStreamFrame
{
    public long? Ref { get; init; }

    public List<WireMessage>? Messages { get; init; }

    public WireStreamPublished? Published { get; init; }

    public WireAckResults? Acked { get; init; }

    public System.Text.Json.JsonElement? Problem { get; init; }
}

/// <summary>A stream's publish answer: one message's result, or a batch's in <c>messages</c>.</summary>
internal sealed record WireStreamPublished
{
    public string? Id { get; init; }

    public string? State { get; init; }

    public DateTimeOffset? DeliverAt { get; init; }

    public bool Duplicate { get; init; }

    public List<WireStreamPublished>? Messages { get; init; }
}

/// <summary>One publish result.</summary>
internal sealed record WirePublished(string? Id, string? State, DateTimeOffset? DeliverAt, bool Duplicate);

/// <summary><c>{"messages": [ … ]}</c>: a batch's publish results.</summary>
internal sealed record WirePublishedBatch(List<WirePublished>? Messages);

/// <summary>A queue.</summary>
internal sealed record WireQueue(string? Name, WireSettings? Settings, WireCounts? Counts, WireTotals? Totals);

/// <summary><c>{"queues": [ … ]}</c>.</summary>
internal sealed record WireQueues(List<WireQueue>? Queues);

/// <summary>Live messages per state.</summary>
internal sealed record WireCounts(long Ready, long Scheduled, long Delayed, long Inflight);

/// <summary>A queue's totals.</summary>
internal sealed record WireTotals(long Published, long Delivered, long Acked, long DeadLettered, long Expired);

/// <summary><c>{"results": [ … ]}</c>: a batch ack.</summary>
internal sealed record WireAckResults(List<WireAckResult>? Results);

/// <summary>One lease's outcome in a batch ack.</summary>
internal sealed record WireAckResult(string? Id, bool Acked, int? Status, string? Detail);

/// <summary><c>{"purged"}</c>, <c>{"moved"}</c>, <c>{"expired"}</c>.</summary>
internal sealed record WireCount(long? Purged, long? Moved, long? Expired);

/// <summary><c>{"expiresAt"}</c>: an extended lease.</summary>
internal sealed record WireExtended(DateTimeOffset ExpiresAt);

/// <summary>An RFC 9457 problem, with ActorMq's <c>field</c> member.</summary>
internal sealed record WireProblem(string? Type, string? Title, int? Status, string? Detail, string? Field);
