namespace ActorMq.Client;

/// <summary>
/// The settings of a queue. Creating or updating a queue replaces all of its settings, so start from
/// <c>new QueueSettings()</c> (every default) or from the settings <see cref="IActorMqClient.GetQueueAsync"/>
/// returned, changed with <c>with</c>. Every property documents its default.
/// </summary>
public sealed record QueueSettings
{
    /// <summary>How long a receive leases a message unless it names a timeout; more than 0, at most 12 h. Default 30 s.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Leases after which a message is dead-lettered when its last lease ends; 0 = unlimited. Default 10.</summary>
    public int MaxReceives { get; init; } = 10;

    /// <summary>
    /// Where dead letters go; null means the default, <c>&lt;queue&gt;.dlq</c> (none for a queue whose name ends in
    /// <c>.dlq</c>). Default null.
    /// </summary>
    public string? DeadLetterQueue { get; init; }

    /// <summary>How long a message whose lease expired waits before it is ready again. Default 0.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Time to live of messages, counted from when they become deliverable; null = forever. Default null.</summary>
    public TimeSpan? MessageTtl { get; init; }

    /// <summary>Whether expired messages go to the dead-letter queue instead of being dropped. Default false.</summary>
    public bool DeadLetterExpired { get; init; }

    /// <summary>Priority of messages that name none; lower is more urgent. Default 100.</summary>
    public int DefaultPriority { get; init; } = 100;

    /// <summary>How long a dedup id is remembered. Default 300 s.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Largest body accepted, in bytes of JSON text or of decoded binary. Default 262144.</summary>
    public int MaxMessageBytes { get; init; } = 262_144;

    /// <summary>Most live messages the queue holds; publishes beyond it are refused (429). Null = unbounded. Default null.</summary>
    public long? MaxDepth { get; init; }
}
