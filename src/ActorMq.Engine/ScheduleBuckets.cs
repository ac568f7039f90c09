namespace ActorMq.Engine;

/// <summary>
/// Time buckets of scheduled messages: the scheduler keeps each bucket's messages in its own entity, and a queue
/// wakes a bucket <c>lookAhead</c> before the bucket starts. Pure functions of instants and widths.
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

    /// <summary>When <paramref name="bucket"/> must be woken: its start less the look-ahead.</summary>
    public static DateTimeOffset WakeAt(long bucket, TimeSpan width, TimeSpan lookAhead) => StartOf(bucket, width) - lookAhead;

    /// <summary>
    /// Of <paramref name="buckets"/> (any order), those that must be awake at <paramref name="now"/>: every bucket that
    /// starts at or before now + look-ahead, in time order.
    /// </summary>
    public static IReadOnlyList<long> DueBy(IEnumerable<long> buckets, DateTimeOffset now, TimeSpan width, TimeSpan lookAhead)
    {
        var last = BucketOf(now + lookAhead, width);
        var due = buckets.Where(b => b <= last).Distinct().ToList();
        due.Sort();
        return due;
    }

    private static void CheckWidth(TimeSpan width)
    {
        if (width <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "a bucket width must be positive");
        }
    }
}
