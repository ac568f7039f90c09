namespace ActorMq.Engine.Tests;

public sealed class ScheduleBucketsTests
{
    private static readonly TimeSpan Width = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void BucketOf_must_be_the_floor_of_utc_ticks_over_the_width()
    {
        var bucket = ScheduleBuckets.BucketOf(Noon, Width);

        Assert.Equal(Noon.UtcTicks / Width.Ticks, bucket);
        Assert.Equal(bucket, ScheduleBuckets.BucketOf(Noon + Width - OneTick, Width));
        Assert.Equal(bucket + 1, ScheduleBuckets.BucketOf(Noon + Width, Width));
        Assert.Equal(bucket - 1, ScheduleBuckets.BucketOf(Noon - OneTick, Width));
    }

    [Fact]
    public void BucketOf_must_ignore_the_offset_of_the_instant()
    {
        var inParis = Noon.ToOffset(TimeSpan.FromHours(1));

        Assert.Equal(ScheduleBuckets.BucketOf(Noon, Width), ScheduleBuckets.BucketOf(inParis, Width));
    }

    [Fact]
    public void StartOf_must_be_the_first_instant_of_the_bucket()
    {
        var instant = Noon + TimeSpan.FromSeconds(42.5);
        var bucket = ScheduleBuckets.BucketOf(instant, Width);

        var start = ScheduleBuckets.StartOf(bucket, Width);

        Assert.Equal(Noon, start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        Assert.Equal(bucket, ScheduleBuckets.BucketOf(start, Width));
        Assert.Equal(bucket + 1, ScheduleBuckets.BucketOf(ScheduleBuckets.StartOf(bucket + 1, Width), Width));
    }

    [Fact]
    public void FirstParkable_must_be_the_start_of_the_first_bucket_beyond_two_look_aheads()
    {
        var lookAhead = TimeSpan.FromSeconds(10);

        Assert.Equal((Noon + Width).UtcTicks, ScheduleBuckets.FirstParkable(Noon, Width, lookAhead));
        Assert.Equal((Noon + Width).UtcTicks, ScheduleBuckets.FirstParkable(Noon + Width - lookAhead - lookAhead - OneTick, Width, lookAhead));
        Assert.Equal((Noon + Width + Width).UtcTicks, ScheduleBuckets.FirstParkable(Noon + Width - lookAhead - lookAhead, Width, lookAhead));
    }

    [Fact]
    public void ToWake_must_list_buckets_within_the_look_ahead_and_empty_ones()
    {
        var lookAhead = TimeSpan.FromSeconds(10);
        var start = Noon.UtcTicks;
        var buckets = new Dictionary<long, int>
        {
            [start] = 3,
            [start + Width.Ticks] = 1,
            [start + (5 * Width.Ticks)] = 0,
            [start - Width.Ticks] = 2,
        };

        Assert.Equal(
            [start - Width.Ticks, start, start + (5 * Width.Ticks)],
            ScheduleBuckets.ToWake(buckets, Noon - lookAhead, lookAhead).Order());
        Assert.Equal(
            [start - Width.Ticks, start + (5 * Width.Ticks)],
            ScheduleBuckets.ToWake(buckets, Noon - lookAhead - OneTick, lookAhead).Order());
    }
}
