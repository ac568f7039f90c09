namespace ActorMq.Engine;

/// <summary>
/// A queue's settings. Immutable; change them with <c>with</c> copies. Every property documents its default.
/// </summary>
public sealed record QueueSettings
{
    /// <summary>Longest lease a receive may ask for (12 hours, as Amazon SQS).</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromHours(12);

    /// <summary>Largest maxMessageBytes a queue may set (16 MiB).</summary>
    public const int MaxMessageBytesLimit = 16 * 1024 * 1024;

    /// <summary>The settings a queue gets when none are given.</summary>
    public static readonly QueueSettings Default = new();

    /// <summary>How long a receive leases a message unless it names a timeout. Default 30 s.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Leases after which a message is dead-lettered when its last lease ends; 0 = unlimited. Default 10.</summary>
    public int MaxReceives { get; init; } = 10;

    /// <summary>Where dead letters go; null means <c>&lt;queue&gt;.dlq</c> (none for a queue that is itself a <c>.dlq</c>). Default null.</summary>
    public string? DeadLetterQueue { get; init; }

    /// <summary>How long a message whose lease expired waits before it is ready again. Default 0.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Time to live of messages, counted from when they become ready; null = forever. Default null.</summary>
    public TimeSpan? MessageTtl { get; init; }

    /// <summary>Whether expired messages go to the dead-letter queue instead of being dropped. Default false.</summary>
    public bool DeadLetterExpired { get; init; }

    /// <summary>Priority of messages that name none; lower is more urgent. Default 100.</summary>
    public int DefaultPriority { get; init; } = 100;

    /// <summary>How long a dedupId is remembered. Default 300 s.</summary>
    public TimeSpan DedupWindow { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Largest body accepted, in bytes of JSON text or decoded binary. Default 262144.</summary>
    public int MaxMessageBytes { get; init; } = 262_144;

    /// <summary>Most live messages the queue holds; publishes beyond it are refused. Null = unbounded. Default null.</summary>
    public long? MaxDepth { get; init; }

    /// <summary>The settings given to a dead-letter queue created on demand: it never dead-letters by receive count.</summary>
    public static QueueSettings ForDeadLetterQueue() => Default with { MaxReceives = 0 };

    /// <summary>The dead-letter queue that <paramref name="queue"/> with these settings sends to, or null for none.</summary>
    public string? EffectiveDeadLetterQueue(string queue) => DeadLetterQueue ?? QueueName.DefaultDeadLetterQueue(queue);

    /// <summary>Checks every setting; returns the first problem, naming the setting, or null.</summary>
    public QueueError? Validate(string queue)
    {
        if (VisibilityTimeout <= TimeSpan.Zero || VisibilityTimeout > MaxVisibilityTimeout)
        {
            return QueueError.Invalid("visibilityTimeoutSeconds", $"'visibilityTimeoutSeconds' must be more than 0 and at most {MaxVisibilityTimeout.TotalSeconds}.");
        }

        if (MaxReceives < 0)
        {
            return QueueError.Invalid("maxReceives", "'maxReceives' must be 0 (unlimited) or more.");
        }

        if (DeadLetterQueue is not null)
        {
            if (QueueName.Validate(DeadLetterQueue, "deadLetterQueue") is { } nameError)
            {
                return nameError;
            }

            if (DeadLetterQueue == queue)
            {
                return QueueError.Invalid("deadLetterQueue", $"'deadLetterQueue' cannot be the queue itself ('{queue}').");
            }
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > MaxVisibilityTimeout)
        {
            return QueueError.Invalid("retryDelaySeconds", $"'retryDelaySeconds' must be between 0 and {MaxVisibilityTimeout.TotalSeconds}.");
        }

        if (MessageTtl is { } ttl && (ttl <= TimeSpan.Zero || ttl > Limits.MaxScheduleAhead))
        {
            return QueueError.Invalid("messageTtlSeconds", $"'messageTtlSeconds' must be more than 0 and at most {Limits.MaxScheduleAhead.TotalSeconds}, or absent for no expiry.");
        }

        if (DefaultPriority < 0)
        {
            return QueueError.Invalid("defaultPriority", "'defaultPriority' must be 0 or more (lower is more urgent).");
        }

        if (DedupWindow < TimeSpan.Zero || DedupWindow > TimeSpan.FromDays(7))
        {
            return QueueError.Invalid("dedupWindowSeconds", "'dedupWindowSeconds' must be between 0 and 604800 (7 days).");
        }

        if (MaxMessageBytes < 1 || MaxMessageBytes > MaxMessageBytesLimit)
        {
            return QueueError.Invalid("maxMessageBytes", $"'maxMessageBytes' must be between 1 and {MaxMessageBytesLimit}.");
        }

        if (MaxDepth is { } depth && depth < 1)
        {
            return QueueError.Invalid("maxDepth", "'maxDepth' must be 1 or more, or absent for no limit.");
        }

        return null;
    }
}
