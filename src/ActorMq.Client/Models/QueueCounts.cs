namespace ActorMq.Client;

/// <summary>How many live messages a queue holds in each state.</summary>
/// <param name="Ready">Deliverable now.</param>
/// <param name="Scheduled">Waiting for their due time.</param>
/// <param name="Delayed">Waiting out a retry delay.</param>
/// <param name="Inflight">Leased to consumers.</param>
public sealed record QueueCounts(long Ready, long Scheduled, long Delayed, long Inflight)
{
    /// <summary>Every live message: what <see cref="QueueSettings.MaxDepth"/> bounds.</summary>
    public long Total => Ready + Scheduled + Delayed + Inflight;
}
