using ActorMq.Node.Http.Json;

namespace ActorMq.Node.Tests;

public class Rfc3339Specs
{
    [Theory]
    [InlineData("2030-01-02T03:04:05Z", 0L)]
    [InlineData("2030-01-02t03:04:05z", 0L)]
    [InlineData("2030-01-02T03:04:05.5Z", 5_000_000L)]
    [InlineData("2030-01-02T03:04:05.1234567Z", 1_234_567L)]
    [InlineData("2030-01-02T03:04:05.123456789Z", 1_234_567L)]
    [InlineData("2030-01-02T04:04:05+01:00", 0L)]
    [InlineData("2030-01-01T21:34:05-05:30", 0L)]
    [InlineData("2030-01-02T03:04:05-00:00", 0L)]
    public void A_timestamp_with_an_offset_must_parse_to_its_instant(string text, long extraTicks)
    {
        Assert.True(Rfc3339.TryParse(text, out var instant));
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(extraTicks), instant);
    }

    [Theory]
    [InlineData("2030-01-02T03:04:05")]
    [InlineData("2030-01-02T03:04:05.123")]
    [InlineData("2030-01-02")]
    [InlineData("2030-01-02 03:04:05Z")]
    [InlineData("2030-01-02T03:04Z")]
    [InlineData("2030-01-02T03:04:05+0100")]
    [InlineData("2030-01-02T03:04:05+01")]
    [InlineData("2030-02-30T03:04:05Z")]
    [InlineData("2030-13-01T03:04:05Z")]
    [InlineData("2030-01-02T24:00:00Z")]
    [InlineData("2016-12-31T23:59:60Z")]
    [InlineData("2030-01-02T03:04:05.Z")]
    [InlineData("1700000000")]
    [InlineData("")]
    [InlineData("2030-01-02T03:04:05+24:00")]
    public void Anything_else_must_be_refused(string text) =>
        Assert.False(Rfc3339.TryParse(text, out _));

    [Fact]
    public void Format_must_write_utc_with_z_and_seven_fraction_digits()
    {
        var instant = new DateTimeOffset(2030, 1, 2, 4, 4, 5, TimeSpan.FromHours(1)).AddTicks(1_234_567);
        Assert.Equal("2030-01-02T03:04:05.1234567Z", Rfc3339.Format(instant));
        Assert.Equal("2030-01-02T03:04:05.0000000Z", Rfc3339.Format(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_then_parse_must_round_trip_to_the_tick()
    {
        var instant = new DateTimeOffset(2031, 7, 8, 9, 10, 11, TimeSpan.Zero).AddTicks(9_999_999);
        Assert.True(Rfc3339.TryParse(Rfc3339.Format(instant), out var back));
        Assert.Equal(instant, back);
    }
}
