using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

public sealed class RoundTripSpecs(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<string> SampleNames => [.. Samples.All.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Every_message_must_round_trip_to_an_equal_value(string sample)
    {
        var message = Samples.All[sample];

        var back = fixture.RoundTrip(message);

        Assert.IsType(message.GetType(), back);
        Deep.Equal(message, back);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Serializing_must_be_deterministic_and_stable_across_a_round_trip(string sample)
    {
        var message = Samples.All[sample];
        var serializer = fixture.Serializer;

        var bytes = serializer.ToBinary(message);
        var again = serializer.ToBinary(serializer.FromBinary(bytes, serializer.Manifest(message)));

        Assert.Equal(bytes, again);
    }

    [Fact]
    public void Singletons_must_deserialize_to_their_instance()
    {
        Assert.Same(ListQueues.Instance, fixture.RoundTrip(ListQueues.Instance));
        foreach (QueueCommand command in new QueueCommand[] { DeleteQueue.Instance, Purge.Instance, Tick.Instance, SweepExpired.Instance })
        {
            var back = (QueueRequest)fixture.RoundTrip(new QueueRequest("q", command));
            Assert.Same(command, back.Command);
        }

        foreach (QueueReply reply in new QueueReply[] { QueueDeletedReply.Instance, Done.Instance })
        {
            var back = (QueueResponse)fixture.RoundTrip(QueueResponse.Ok(reply));
            Assert.Same(reply, back.Reply);
        }
    }

    [Fact]
    public void Bodies_must_come_back_byte_for_byte_with_their_kind()
    {
        var bodies = new[] { Samples.JsonBody, Samples.NumberBody, Samples.AllBytesBody, Samples.EmptyBinaryBody, MessageBody.Json("\"\"") };
        var events = bodies.Select((b, i) => (IQueueEvent)new MessageEdited($"m{i}", 1, b, null, MessageHeaders.Empty, null, MessageState.Ready)).ToArray();

        var back = (QueueEventBatch)fixture.RoundTrip(new QueueEventBatch(events));

        for (var i = 0; i < bodies.Length; i++)
        {
            var body = ((MessageEdited)back.Events[i]).Body;
            Assert.Equal(bodies[i].IsBinary, body.IsBinary);
            Assert.Equal(bodies[i].Bytes.ToArray(), body.Bytes.ToArray());
        }

        Assert.Equal("1.0e3", ((MessageEdited)back.Events[1]).Body.ToString());
    }

    [Fact]
    public void A_snapshot_must_rebuild_the_same_queue_state()
    {
        var back = (QueueSnapshotRecord)fixture.RoundTrip(new QueueSnapshotRecord(Samples.Snapshot));

        Assert.Equal(Samples.Snapshot, back.Snapshot);
        Assert.Equal(Samples.Snapshot, QueueState.FromSnapshot(back.Snapshot).ToSnapshot());
    }

    [Fact]
    public void A_snapshot_of_parked_messages_must_read_back_the_messages_parked()
    {
        // Read back, parked messages are kept as compact entries (a generated id as its bits): each must read as written.
        var parked = Enumerable.Range(0, 50)
            .Select(i => Samples.Parked with
            {
                Id = i % 2 == 0 ? MessageIds.Generate("orders", Samples.T0, i) : $"client-{i}",
                Seq = 100 + i,
                ContentType = i % 3 == 0 ? null : Samples.Parked.ContentType,
                DedupId = i % 5 == 0 ? $"d-{i}" : null,
            })
            .ToList();
        var snapshot = Samples.Snapshot with { Messages = [.. Samples.Snapshot.Messages.Concat(parked).OrderBy(m => m.Seq)] };

        var back = (QueueSnapshotRecord)fixture.RoundTrip(new QueueSnapshotRecord(snapshot));

        Assert.Equal(snapshot.Messages, back.Snapshot.Messages);
        Assert.Equal(snapshot, QueueState.FromSnapshot(back.Snapshot).ToSnapshot());
        Assert.Equal(51, QueueState.FromSnapshot(back.Snapshot).ParkedCount);
    }

    [Fact]
    public void Instants_must_keep_their_instant_and_come_back_in_utc()
    {
        var local = new DateTimeOffset(2025, 3, 14, 11, 0, 0, TimeSpan.FromHours(2)).AddTicks(1);

        var back = (QueueResponse)fixture.RoundTrip(QueueResponse.Ok(new Extended(local)));

        var at = ((Extended)back.Reply!).ExpiresAt;
        Assert.Equal(local, at);
        Assert.Equal(local.UtcTicks, at.UtcTicks);
        Assert.Equal(TimeSpan.Zero, at.Offset);
    }
}
