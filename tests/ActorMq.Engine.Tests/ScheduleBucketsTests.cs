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
    public void WakeAt_must_be_the_start_less_the_look_ahead()
    {
        var bucket = ScheduleBuckets.BucketOf(Noon, Width);

        var wake = ScheduleBuckets.WakeAt(bucket, Width, TimeSpan.FromSeconds(10));

        Assert.Equal(Noon - TimeSpan.FromSeconds(10), wake);
    }

    [Fact]
    public void DueBy_must_list_buckets_starting_by_now_plus_look_ahead_in_order_once()
    {
        var b = ScheduleBuckets.BucketOf(Noon, Width);
        var lookAhead = TimeSpan.FromSeconds(10);
        var now = ScheduleBuckets.WakeAt(b + 2, Width, lookAhead);

        var due = ScheduleBuckets.DueBy([b + 3, b + 2, b - 5, b, b + 1, b + 2, b + 4], now, Width, lookAhead);

        Assert.Equal([b - 5, b, b + 1, b + 2], due);
    }

    [Fact]
    public void DueBy_must_not_list_a_bucket_one_tick_before_its_wake_time()
    {
        var b = ScheduleBuckets.BucketOf(Noon, Width);
        var lookAhead = TimeSpan.FromSeconds(10);
        var now = ScheduleBuckets.WakeAt(b + 2, Width, lookAhead) - OneTick;

        var due = ScheduleBuckets.DueBy([b + 2, b + 1], now, Width, lookAhead);

        Assert.Equal([b + 1], due);
    }

    [Fact]
    public void DueBy_with_no_look_ahead_must_list_the_current_bucket()
    {
        var b = ScheduleBuckets.BucketOf(Noon, Width);

        var due = ScheduleBuckets.DueBy([b + 1, b], Noon + TimeSpan.FromSeconds(30), Width, TimeSpan.Zero);

        Assert.Equal([b], due);
    }

    [Fact]
    public void DueBy_of_no_buckets_must_be_empty()
    {
        Assert.Empty(ScheduleBuckets.DueBy([], Noon, Width, TimeSpan.FromSeconds(10)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_width_that_is_not_positive_must_be_refused(long ticks)
    {
        var width = TimeSpan.FromTicks(ticks);

        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleBuckets.BucketOf(Noon, width));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScheduleBuckets.StartOf(1, width));
    }
}
