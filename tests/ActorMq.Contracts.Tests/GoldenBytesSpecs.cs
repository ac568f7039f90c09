using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

/// <summary>
/// The format byte for byte. Journals and snapshot stores hold these bytes for as long as a queue lives: when one of
/// these fails, the change breaks stored data. Keep the old bytes readable (a reader for the old version next to the
/// new one) instead of updating the expected hex. Versions 2 and 3 write these types as version 1 did, after their version byte.
/// </summary>
public sealed class GoldenBytesSpecs(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void An_event_batch_must_keep_its_bytes()
    {
        var batch = new QueueEventBatch(
        [
            new MessagePublished("m1", 1, MessageBody.Json("1.0e3"), "application/json", MessageHeaders.From([new("a", "b")]), 5, At, null, TimeSpan.FromHours(1), "d", null),
            new MessageLeased("m1", "1", At.AddSeconds(30), At),
            new MessageDeadLettered("m1", TransferReason.MaxReceives, At, "q.dlq", "q@1:1"),
        ]);

        AssertBytes("03" + ExpectedBatch[2..], batch);
        AssertReads("02" + ExpectedBatch[2..], batch);
        AssertReads(ExpectedBatch, batch);
    }

    [Fact]
    public void A_request_must_keep_its_bytes()
    {
        var request = new QueueRequest("q", new Ack([new LeaseRef("m1", "1f")]), TimeSpan.FromSeconds(20));

        AssertBytes("03" + ExpectedRequest[2..], request);
        AssertReads("02" + ExpectedRequest[2..], request);
        AssertReads(ExpectedRequest, request);
    }

    [Fact]
    public void A_message_written_in_version_1_must_read_as_not_parked()
    {
        var response = QueueResponse.Ok(new Queries.MessageFound(Samples.Scheduled));
        var v2 = "02" + Convert.ToHexStringLower(fixture.Serializer.ToBinary(response))[2..];

        // Version 2 (and 3) ends the message with ParkedIn's absence byte, then the response's "no error" byte; version 1 had
        // no ParkedIn.
        Assert.EndsWith("0000", v2, StringComparison.Ordinal);
        AssertReads("01" + v2[2..^4] + "00", response);
    }

    [Fact]
    public void A_snapshot_written_in_version_2_must_read_as_in_version_3()
    {
        // Version 3 puts "1 chunk, its message count, its length" between a snapshot's message count and its messages
        // (up to 16,384 messages make one chunk); version 2 wrote the messages right after their count. The bytes
        // around them are those of the same snapshot without messages, which differ first at that count: 0, and then
        // 0 chunks.
        var record = new QueueSnapshotRecord(Samples.Snapshot);
        var count = (byte)Samples.Snapshot.Messages.Count;
        var v3 = fixture.Serializer.ToBinary(record);
        var empty = fixture.Serializer.ToBinary(new QueueSnapshotRecord(Samples.Snapshot with { Messages = [] }));
        var at = empty.AsSpan().CommonPrefixLength(v3);
        var after = empty.AsSpan(at + 2);
        Assert.InRange(count, 1, 127); // one byte as a varint
        Assert.Equal([0, 0], empty.AsSpan(at, 2).ToArray());
        Assert.Equal([count, 1, count], v3.AsSpan(at, 3).ToArray());
        var lengthBytes = v3.AsSpan(at + 3).IndexOfAnyInRange((byte)0, (byte)0x7f) + 1;
        var messages = v3.AsSpan(at + 3 + lengthBytes, v3.Length - (at + 3 + lengthBytes) - after.Length);

        byte[] v2 = [2, .. v3.AsSpan(1, at - 1), count, .. messages, .. after];

        AssertReads(Convert.ToHexStringLower(v2), record);
    }

    private const string ExpectedBatch =
        "010303026d31020005312e30653301106170706c69636174696f6e2f6a736f6e01016101620a8040f01dda2add08000180a0a39c8c0201016400"
        + "05026d31013180e3d12fda2add088040f01dda2add08"
        + "0a026d31018040f01dda2add080105712e646c7101057140313a31";

    // version 1, "q", Ack (tag 6), 1 lease ("m1", "1f"), wait 20 s as zigzag ticks.
    private const string ExpectedRequest = "01" + "0171" + "06" + "01" + "026d31" + "023166" + "8088debe01";

    private void AssertBytes(string expectedHex, object message)
    {
        var actual = Convert.ToHexStringLower(fixture.Serializer.ToBinary(message));

        Assert.True(expectedHex == actual, $"the bytes of {message.GetType().Name} changed.\nexpected {expectedHex}\nactual   {actual}");
        AssertReads(expectedHex, message);
    }

    private void AssertReads(string hex, object message) =>
        Deep.Equal(message, fixture.Serializer.FromBinary(Convert.FromHexString(hex), fixture.Serializer.Manifest(message)));
}
