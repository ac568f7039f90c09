namespace ActorMq.Integration.Tests.Support;

/// <summary>The operator HOCON the cluster tests give their nodes (on top of reference.conf, whose failover tuning they keep).</summary>
public static class TestHocon
{
    /// <summary>
    /// Schedule buckets of 5 s woken 3 s ahead (instead of 1 min and 10 s): a message due more than a few seconds
    /// ahead is parked in a bucket, so tests of a few tens of seconds exercise parking and waking.
    /// </summary>
    public const string SmallBuckets = """
        actormq.schedule.bucket-width = 5s
        actormq.schedule.look-ahead = 3s
        """;
}
