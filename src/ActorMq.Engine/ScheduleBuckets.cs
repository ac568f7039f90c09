namespace ActorMq.Engine;

/// <summary>
/// Time buckets of scheduled messages: the scheduler keeps each bucket's messages in its own entity, named by the
/// bucket's first instant, and a queue wakes a bucket <c>lookAhead</c> before it starts. Pure functions of instants.
/// </summary>
public static class ScheduleBuckets
{
    /// <summary>The bucket a message due at <paramref name="deliverAt"/> falls in: floor(UTC ticks / width).</summary>
    public static long BucketOf(DateTimeOffset deliverAt, TimeSpan width)
    {
        CheckWidth(width);
        return Math.DivRem(deliverAt.UtcTicks, width.Ticks, out _);
    }

    /// <summary>The first instant of <paramref name="bucket"/>.</summary>
    public static DateTimeOffset StartOf(long bucket, TimeSpan width)
    {
        CheckWidth(width);
        return new DateTimeOffset(bucket * width.Ticks, TimeSpan.Zero);
    }

    /// <summary>
    /// The first instant (UTC ticks) a message may be due at to be parked at <paramref name="now"/>: the start of the
    /// first bucket whose wake time is more than one look-ahead away, so nothing parked is about to be woken again.
    /// </summary>
    public static long FirstParkable(DateTimeOffset now, TimeSpan width, TimeSpan lookAhead) =>
        StartOf(BucketOf(now + lookAhead + lookAhead, width) + 1, width).UtcTicks;

    /// <summary>
    /// Buckets of <paramref name="buckets"/> (first instant in UTC ticks → messages parked there) to wake at
    /// <paramref name="now"/>: those within one look-ahead of their start, and those holding nothing live any more
    /// (woken early so they give back what they hold and close).
    /// </summary>
    public static IReadOnlyList<long> ToWake(IReadOnlyDictionary<long, int> buckets, DateTimeOffset now, TimeSpan lookAhead)
    {
        var due = (now + lookAhead).UtcTicks;
        return buckets.Where(b => b.Key <= due || b.Value == 0).Select(b => b.Key).ToList();
    }

    private static void CheckWidth(TimeSpan width)
    {
        if (width <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "a bucket width must be positive");
        }
    }
}
