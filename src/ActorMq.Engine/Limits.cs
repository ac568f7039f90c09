namespace ActorMq.Engine;

/// <summary>Bounds on requests, from DESIGN.md section 1 ("Precise rules").</summary>
public static class Limits
{
    /// <summary>Most messages in one publish batch.</summary>
    public const int MaxPublishBatch = 1000;

    /// <summary>Most messages one receive or pop returns.</summary>
    public const int MaxReceive = 1000;

    /// <summary>Longest long-poll wait of a receive.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);

    /// <summary>Longest client-supplied message id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Longest dedupId.</summary>
    public const int MaxDedupIdLength = 128;

    /// <summary>Longest content type.</summary>
    public const int MaxContentTypeLength = 256;

    /// <summary>Furthest ahead a message may be scheduled, and longest time to live (10 years).</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(3650);
}
