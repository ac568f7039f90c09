using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

/// <summary>
/// Format version 1, byte for byte. Journals and snapshot stores hold these bytes for as long as a queue lives: when
/// one of these fails, the change breaks stored data. Keep the old bytes readable (a reader for version 1 next to a
/// new version) instead of updating the expected hex.
/// </summary>
public sealed class GoldenBytesSpecs(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    private static readonly DateTimeOffset At = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void An_event_batch_must_keep_its_version_1_bytes()
    {
        var batch = new QueueEventBatch(
        [
            new MessagePublished("m1", 1, MessageBody.Json("1.0e3"), "application/json", MessageHeaders.From([new("a", "b")]), 5, At, null, TimeSpan.FromHours(1), "d", null),
            new MessageLeased("m1", "1", At.AddSeconds(30), At),
            new MessageDeadLettered("m1", TransferReason.MaxReceives, At, "q.dlq", "q@1:1"),
        ]);

        AssertBytes(ExpectedBatch, batch);
    }

    [Fact]
    public void A_request_must_keep_its_version_1_bytes()
    {
        var request = new QueueRequest("q", new Ack([new LeaseRef("m1", "1f")]), TimeSpan.FromSeconds(20));

        AssertBytes(ExpectedRequest, request);
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
        Deep.Equal(message, fixture.Serializer.FromBinary(Convert.FromHexString(expectedHex), fixture.Serializer.Manifest(message)));
    }
}
