using ActorMq.Engine.Tests.Support;
using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

/// <summary>
/// What the queue keeps of a parked message is a compact entry, not the message: every read of it (find, browse,
/// snapshot) and every return from its bucket must give back exactly the message that was parked.
/// </summary>
public sealed class ParkedEntryTests
{
    private static readonly TimeSpan Width = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_parked_message_must_read_as_the_message_parked_without_body_and_headers()
    {
        var q = Create();
        var headers = new Dictionary<string, string> { ["k"] = "v" };
        var ids = q.PublishBatch(
                Message("all", priority: 3, deliverAt: At(3600).ToOffset(TimeSpan.FromHours(2)), ttl: Seconds(90), dedupId: "d-1", headers: headers, contentType: "application/json"),
                Message("json", deliverAt: At(3601), contentType: "application/json"),
                Message("same", deliverAt: At(3602), contentType: "application/json"),
                Message("text", deliverAt: At(3603), contentType: "text/plain"),
                Message("none", id: "plain-id", deliverAt: At(3604)))
            .Select(r => r.Id)
            .ToList();
        var before = ids.Select(q.Get).ToList();

        var bucket = ParkAll(q);

        Assert.Equal(before.Select(m => m with { Body = MessageBody.None, Headers = MessageHeaders.Empty, ParkedIn = bucket }), ids.Select(q.Get));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_message_received_before_it_was_scheduled_again_must_keep_its_receipts_while_parked()
    {
        var q = Create();
        q.Publish("again");
        q.Nack(q.ReceiveOne());
        var rescheduled = q.Edit(q.IdsIn(MessageState.Ready)[0], new MessagePatch { DeliverAt = At(7200), Priority = 9 });
        Assert.Equal((MessageState.Scheduled, 1), (rescheduled.State, rescheduled.ReceiveCount));

        var bucket = ParkAll(q);

        Assert.Equal(rescheduled with { Body = MessageBody.None, Headers = MessageHeaders.Empty, ParkedIn = bucket }, q.Get(rescheduled.Id));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_message_given_back_by_its_bucket_must_be_the_message_parked()
    {
        var q = Create();
        var ids = new[] { "client-id", MessageIds.Generate("orders", Start, 77) };
        foreach (var id in ids)
        {
            q.Publish(Message(id, id: id, deliverAt: At(3600), contentType: "text/plain", headers: new Dictionary<string, string> { ["id"] = id }));
        }

        var before = ids.Select(q.Get).ToList();
        var bucket = ParkAll(q);

        q.Succeed<Done>(new Unpark(bucket, before));

        Assert.Equal(before, ids.Select(q.Get));
        Assert.Equal(0, q.State.ParkedCount);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Cancel_of_a_parked_message_must_check_its_version()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        q.Edit(far.Id, new MessagePatch { Priority = 2 });
        ParkAll(q);

        q.Refuse(new CancelMessage(far.Id, IfMatch: 1), ErrorKind.PreconditionFailed);
        q.Cancel(far.Id, ifMatch: 2);

        Assert.Null(q.State.Find(far.Id));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_parked_id_must_not_be_published_again_while_it_is_live()
    {
        var q = Create();
        q.Publish("far", id: "renewal", deliverAt: At(3600));
        ParkAll(q);

        var error = q.Refuse(new Publish([Message("again", id: "renewal")], AutoCreate: true), ErrorKind.Conflict);

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void Browse_of_scheduled_must_page_through_parked_and_held_messages_in_deliverAt_order()
    {
        var q = Create();
        var random = new Random(7);
        var expected = new List<(DateTimeOffset At, string Id)>();
        for (var i = 0; i < 150; i++)
        {
            // Some due at the same instant (ordered by publish order), some near enough to stay in the queue.
            var at = At(i % 5 == 0 ? 20 + random.Next(10) : 3600 + (random.Next(300) * 10));
            var id = i % 3 == 0 ? $"client-{i}" : null;
            expected.Add((at, q.Publish(Message($"m{i}", id: id, deliverAt: at)).Id));
        }

        ParkAll(q);
        Assert.InRange(q.State.ParkedCount, 100, 149);

        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = q.Browse(MessageState.Scheduled, limit: 7, after: after);
            seen.AddRange(page.Messages.Select(m => m.Id));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(expected.OrderBy(e => e.At).Select(e => e.Id), seen);
    }

    [Fact]
    public void A_snapshot_must_rebuild_parked_messages_whether_it_holds_entries_or_plain_messages()
    {
        var q = Create();
        q.Publish(Message("a", deliverAt: At(3600), contentType: "text/plain", ttl: Seconds(60)));
        q.Publish(Message("b", id: "client-b", deliverAt: At(7200), dedupId: "b"));
        q.Publish("near", deliverAt: At(5));
        q.Publish("ready");
        ParkAll(q);
        var snapshot = q.State.ToSnapshot();

        var fromEntries = QueueState.FromSnapshot(snapshot);
        var fromMessages = QueueState.FromSnapshot(snapshot with { Messages = [.. snapshot.Messages] });
        var read = new SnapshotMessages(snapshot.Messages.Count);
        var all = read.Range(0, snapshot.Messages.Count);
        foreach (var m in snapshot.Messages)
        {
            all.Add(m);
        }

        var fromRead = QueueState.FromSnapshot(snapshot with { Messages = read.ToList() });
        var shuffled = new SnapshotMessages(snapshot.Messages.Count);
        var (first, second) = (shuffled.Range(0, 1), shuffled.Range(1, snapshot.Messages.Count - 1));
        foreach (var m in snapshot.Messages.Skip(1).Reverse())
        {
            second.Add(m);
        }

        first.Add(snapshot.Messages[0]);

        Assert.Equal(snapshot.Messages, shuffled.ToList());
        Assert.All([fromEntries, fromMessages, fromRead], rebuilt =>
        {
            Assert.Equal(snapshot, rebuilt.ToSnapshot());
            Assert.Equal(2, rebuilt.ParkedCount);
            Assert.Equal(q.State.Buckets, rebuilt.Buckets);
        });
        Assert.Equal(snapshot.Messages.Select(m => m.Seq).Order(), snapshot.Messages.Select(m => m.Seq));
    }

    [Fact]
    public void A_snapshot_holding_a_message_both_parked_and_held_must_be_refused()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        var bucket = ParkAll(q);
        var parked = q.Get(far.Id);
        var snapshot = q.State.ToSnapshot();

        var corrupt = snapshot with { Messages = [parked, parked with { Seq = 99, ParkedIn = null, Body = Text("far") }] };

        Assert.Throws<InvalidOperationException>(() => QueueState.FromSnapshot(corrupt));
        Assert.Equal(bucket, parked.ParkedIn);
    }

    [Fact]
    public void Purge_must_drop_parked_entries_and_let_the_same_ids_be_parked_again()
    {
        var q = Create();
        var ids = Enumerable.Range(0, 40).Select(i => q.Publish($"m{i}", deliverAt: At(3600 + i)).Id).ToList();
        ParkAll(q);

        Assert.Equal(40, q.Purge());
        foreach (var id in ids)
        {
            q.Publish("again", id: id, deliverAt: At(3600));
        }

        ParkAll(q);
        Assert.Equal(40, q.State.ParkedCount);
        q.AssertReplayRebuildsState();
    }

    /// <summary>Parks every parkable message and returns the bucket of the first.</summary>
    private static long ParkAll(QueueFixture q)
    {
        var loads = q.Succeed<ParkingStarted>(new StartParking(Width, LookAhead, 1000)).Loads;
        foreach (var load in loads)
        {
            q.Succeed<Done>(new ConfirmParked(load.Bucket, load.Messages.Select(ParkedRef.Of).ToList()));
        }

        return loads[0].Bucket;
    }
}
