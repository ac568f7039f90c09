using System.Runtime.Serialization;
using ActorMq.Contracts.Serialization;

namespace ActorMq.Contracts.Tests;

/// <summary>The primitives of the wire format, at their edges.</summary>
public sealed class WireFormatSpecs
{
    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(-64L)]
    [InlineData(-65L)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Signed_varints_must_round_trip(long value)
    {
        using var w = new PayloadWriter();
        w.WriteInt64(value);
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            w.WriteInt32((int)value);
        }

        var r = new PayloadReader(w.ToArray());
        Assert.Equal(value, r.ReadInt64());
        if (value is >= int.MinValue and <= int.MaxValue)
        {
            Assert.Equal((int)value, r.ReadInt32());
        }

        r.EnsureEnd();
    }

    [Fact]
    public void Small_numbers_must_take_one_byte()
    {
        using var w = new PayloadWriter();
        w.WriteInt32(-64);
        w.WriteInt32(63);
        w.WriteCount(127);

        Assert.Equal(3, w.Length);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("a", 1)]
    [InlineData("a", 41)]
    [InlineData("a", 42)]
    [InlineData("a", 127)]
    [InlineData("a", 128)]
    [InlineData("€", 41)]
    [InlineData("€", 42)]
    [InlineData("€", 43)]
    [InlineData("🚀", 20)]
    [InlineData("🚀", 21)]
    [InlineData("🚀", 40)]
    [InlineData("x\n\0é", 1000)]
    public void Strings_must_round_trip_at_every_length_prefix_size(string unit, int repeat)
    {
        var text = string.Concat(Enumerable.Repeat(unit, repeat));
        using var w = new PayloadWriter();
        w.WriteString(text);
        w.WriteNullableString(null);
        w.WriteNullableString(text);

        var r = new PayloadReader(w.ToArray());

        Assert.Equal(text, r.ReadString());
        Assert.Null(r.ReadNullableString());
        Assert.Equal(text, r.ReadNullableString());
        r.EnsureEnd();
    }

    [Fact]
    public void Instants_and_durations_must_round_trip_at_their_limits()
    {
        using var w = new PayloadWriter();
        DateTimeOffset[] instants = [DateTimeOffset.MinValue, DateTimeOffset.MaxValue, default, Samples.T0];
        TimeSpan[] durations = [TimeSpan.MinValue, TimeSpan.MaxValue, TimeSpan.Zero, TimeSpan.FromTicks(-1)];
        foreach (var at in instants)
        {
            w.WriteDateTimeOffset(at);
        }

        foreach (var d in durations)
        {
            w.WriteTimeSpan(d);
        }

        var r = new PayloadReader(w.ToArray());
        foreach (var at in instants)
        {
            Assert.Equal(at, r.ReadDateTimeOffset());
        }

        foreach (var d in durations)
        {
            Assert.Equal(d, r.ReadTimeSpan());
        }

        r.EnsureEnd();
    }

    [Fact]
    public void A_buffer_must_grow_past_its_first_size()
    {
        var big = new byte[100_000];
        new Random(7).NextBytes(big);
        using var w = new PayloadWriter();
        for (var i = 0; i < 3; i++)
        {
            w.WriteBytes(big);
        }

        var r = new PayloadReader(w.ToArray());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(r.ReadBytes().SequenceEqual(big));
        }

        r.EnsureEnd();
    }

    [Theory]
    [InlineData(new byte[] { 2 }, "presence byte is 2")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02 }, "longer than 64 bits")]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 }, "longer than 64 bits")]
    [InlineData(new byte[] { 1, 5, (byte)'a' }, "count of 5 exceeds the 1 bytes left")]
    [InlineData(new byte[] { 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F }, "count of 4294967295 exceeds")]
    public void Corrupt_primitives_must_fail_with_a_serialization_exception(byte[] bytes, string why)
    {
        var error = Assert.Throws<SerializationException>(() =>
        {
            var r = new PayloadReader(bytes);
            if (bytes.Length >= 10)
            {
                r.ReadVarUInt64();
            }
            else
            {
                r.ReadNullableString();
            }
        });

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instant_outside_the_calendar_must_fail_with_a_serialization_exception()
    {
        var bytes = BitConverter.GetBytes(long.MaxValue);

        var error = Assert.Throws<SerializationException>(() => new PayloadReader(bytes).ReadDateTimeOffset());

        Assert.Contains("outside the range of DateTimeOffset", error.Message, StringComparison.Ordinal);
    }
}
