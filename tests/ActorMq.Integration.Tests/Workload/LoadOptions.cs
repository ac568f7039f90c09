namespace ActorMq.Integration.Tests.Workload;

/// <summary>The shape of a <see cref="ClientLoad"/>. Every loop it runs is bounded by a count or by the test's stop.</summary>
public sealed record LoadOptions
{
    /// <summary>Publisher processes. Default 3.</summary>
    public int Publishers { get; init; } = 3;

    /// <summary>Most messages one publisher publishes (each with its own id). Default 400.</summary>
    public int MessagesPerPublisher { get; init; } = 400;

    /// <summary>Pause between two messages of one publisher. Default 25 ms.</summary>
    public TimeSpan PublishInterval { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>Attempts per message when the outcome stays unknown (each is an operation of its own). Default 6.</summary>
    public int PublishAttempts { get; init; } = 6;

    /// <summary>Share of the messages published with a deliverAt in the future. Default 0.2.</summary>
    public double ScheduledShare { get; init; } = 0.2;

    /// <summary>Shortest delay of a scheduled message. Default 1 s.</summary>
    public TimeSpan MinDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay of a scheduled message. Default 8 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Consumer processes per queue. Default 1.</summary>
    public int ConsumersPerQueue { get; init; } = 1;

    /// <summary>Most messages one receive leases. Default 10.</summary>
    public int ReceiveMax { get; init; } = 10;

    /// <summary>How long a receive waits for a message (long polling). Default 1 s.</summary>
    public TimeSpan ReceiveWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Share of deliveries a consumer drops without an ack while the load runs (never while it drains), as a consumer
    /// that crashed would: the lease expires and the message comes back. Default 0.03.
    /// </summary>
    public double DropShare { get; init; } = 0.03;

    /// <summary>Seed of every process's random choices (plus the process number). Default 1.</summary>
    public int Seed { get; init; } = 1;
}
