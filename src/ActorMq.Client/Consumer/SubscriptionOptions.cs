namespace ActorMq.Client;

/// <summary>
/// How a <see cref="Subscription"/> consumes: how many handlers run at once, how many messages it holds, how long
/// leases last and how they are kept, how it retries and how it stops. Every property documents its default.
/// </summary>
public sealed class SubscriptionOptions
{
    /// <summary>Most handlers running at once; 1 or more. Default 1.</summary>
    public int MaxConcurrency { get; init; } = 1;

    /// <summary>
    /// Most messages the subscription holds leased at once: those being handled plus those waiting for a free handler.
    /// This is its credit: a receive never asks for more than <c>Prefetch</c> minus the messages it holds, so nothing
    /// is buffered beyond it. At least <see cref="MaxConcurrency"/>; null for <see cref="MaxConcurrency"/> (no message
    /// waits). Default null.
    /// </summary>
    public int? Prefetch { get; init; }

    /// <summary>
    /// How long each lease lasts, asked for with every receive and extension; null for the queue's
    /// <c>visibilityTimeoutSeconds</c> (read when subscribing). Default null.
    /// </summary>
    public TimeSpan? VisibilityTimeout { get; init; }

    /// <summary>
    /// How long a receive waits for a message when none is ready (long polling), 0-20 s. Default 20 s.
    /// </summary>
    public TimeSpan WaitTime { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Whether leases are extended while their messages are held, at half of the visibility timeout, so a long handler
    /// keeps its message. Without it a handler's token is cancelled when its lease runs out. Default true.
    /// </summary>
    public bool AutoExtendLease { get; init; } = true;

    /// <summary>
    /// How long after its receive a message's lease stops being extended, so a handler that hangs does not hold its
    /// message forever; <see cref="Timeout.InfiniteTimeSpan"/> for no limit. Default 5 minutes.
    /// </summary>
    public TimeSpan MaxAutoExtendDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a message whose handler threw waits before it is ready again (the nack's delay); null for at once.
    /// After the queue's <c>maxReceives</c> deliveries it is dead-lettered. Default null.
    /// </summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>
    /// How long <see cref="Subscription.StopAsync"/> (and disposing) waits for running handlers to finish; then their
    /// cancellation tokens are cancelled and their messages released (nacked). Default 30 s.
    /// </summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called with each failure: a handler that threw, and a receive, ack, nack or extension that failed. The
    /// subscription carries on (receives back off while they fail). Exceptions it throws are ignored. Default null.
    /// </summary>
    public Action<SubscriptionError>? OnError { get; init; }

    /// <summary>
    /// Over <see cref="ActorMqHttpClient"/>, receive through the node's push stream (a WebSocket: messages come as they
    /// become ready, with no request per receive) rather than long polls. Set false where WebSockets cannot pass, such
    /// as some proxies. Other clients, and a prefetch over 10,000, always long-poll. Default true.
    /// </summary>
    public bool UseStream { get; init; } = true;

    /// <summary>The prefetch in effect: <see cref="Prefetch"/> or <see cref="MaxConcurrency"/>.</summary>
    internal int EffectivePrefetch => Prefetch ?? MaxConcurrency;

    /// <summary>Throws for options out of range.</summary>
    internal void Validate()
    {
        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "MaxConcurrency must be 1 or more");
        }

        if (EffectivePrefetch < MaxConcurrency)
        {
            throw new ArgumentOutOfRangeException(nameof(Prefetch), Prefetch, $"Prefetch must be at least MaxConcurrency ({MaxConcurrency})");
        }

        if (VisibilityTimeout is { } visibility && visibility <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(VisibilityTimeout), VisibilityTimeout, "VisibilityTimeout must be positive");
        }

        if (WaitTime < TimeSpan.Zero || WaitTime > TimeSpan.FromSeconds(20))
        {
            throw new ArgumentOutOfRangeException(nameof(WaitTime), WaitTime, "WaitTime must be 0-20 s");
        }

        if (MaxAutoExtendDuration < TimeSpan.Zero && MaxAutoExtendDuration != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAutoExtendDuration), MaxAutoExtendDuration, "MaxAutoExtendDuration must be 0 or more, or infinite");
        }

        if (RetryDelay is { } delay && delay < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryDelay), RetryDelay, "RetryDelay must be 0 or more");
        }

        if (StopTimeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(StopTimeout), StopTimeout, "StopTimeout must be 0 or more");
        }
    }
}
