namespace ActorMq.Client.Http;

// The JSON shapes of the requests (DESIGN.md section 4), camelCase; null members are left out, which the server reads
// as "not given". The server refuses unknown members, so these hold exactly the members it reads.

/// <summary>A message to publish; <c>body</c> or <c>bodyBase64</c>.</summary>
internal sealed record WirePublish
{
    public RawJson? Body { get; init; }

    public byte[]? BodyBase64 { get; init; }

    public string? Id { get; init; }

    public int? Priority { get; init; }

    public DateTimeOffset? DeliverAt { get; init; }

    public decimal? DelaySeconds { get; init; }

    public decimal? TtlSeconds { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? ContentType { get; init; }

    public string? DedupId { get; init; }
}

/// <summary><c>{"messages": [ … ]}</c>.</summary>
internal sealed record WirePublishBatch(IReadOnlyList<WirePublish> Messages);

/// <summary>A message patch.</summary>
internal sealed record WirePatch
{
    public DateTimeOffset? DeliverAt { get; init; }

    public decimal? DelaySeconds { get; init; }

    public int? Priority { get; init; }

    public RawJson? Body { get; init; }

    public byte[]? BodyBase64 { get; init; }

    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    public string? ContentType { get; init; }
}

/// <summary>The flat settings object of PUT.</summary>
internal sealed record WireSettings
{
    public decimal? VisibilityTimeoutSeconds { get; init; }

    public int? MaxReceives { get; init; }

    public string? DeadLetterQueue { get; init; }

    public decimal? RetryDelaySeconds { get; init; }

    public decimal? MessageTtlSeconds { get; init; }

    public bool? DeadLetterExpired { get; init; }

    public int? DefaultPriority { get; init; }

    public decimal? DedupWindowSeconds { get; init; }

    public int? MaxMessageBytes { get; init; }

    public long? MaxDepth { get; init; }
}

/// <summary><c>{max, visibilityTimeoutSeconds?, waitSeconds?}</c>.</summary>
internal sealed record WireReceive(int Max, decimal? VisibilityTimeoutSeconds, decimal? WaitSeconds);

/// <summary><c>{max}</c>.</summary>
internal sealed record WirePop(int Max);

/// <summary><c>{token}</c>.</summary>
internal sealed record WireAck(string Token);

/// <summary><c>{token, delaySeconds?, deadLetter?}</c>.</summary>
internal sealed record WireNack(string Token, decimal? DelaySeconds, bool? DeadLetter);

/// <summary><c>{token, visibilityTimeoutSeconds?}</c>.</summary>
internal sealed record WireExtend(string Token, decimal? VisibilityTimeoutSeconds);

/// <summary>One lease of a batch ack.</summary>
internal sealed record WireLeaseRef(string Id, string Token);

/// <summary><c>{"leases": [ … ]}</c>.</summary>
internal sealed record WireAckBatch(IReadOnlyList<WireLeaseRef> Leases);

/// <summary><c>{to?, max?}</c>.</summary>
internal sealed record WireRedrive(string? To, int? Max);
