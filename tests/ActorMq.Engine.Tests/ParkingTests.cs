using ActorMq.Engine.Tests.Support;
using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

/// <summary>Scheduled messages handed to schedule buckets and taken back: what the queue keeps, and what it refuses.</summary>
public sealed class ParkingTests
{
    private static readonly TimeSpan Width = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromSeconds(10);
    private static readonly StartParking Start100 = new(Width, LookAhead, 100);

    [Fact]
    public void StartParking_must_choose_only_messages_due_beyond_two_look_aheads_and_open_their_buckets()
    {
        var q = Create();
        var near = q.Publish("near", deliverAt: At(15));
        var far = q.Publish("far", deliverAt: At(3600));
        var farther = q.Publish("farther", deliverAt: At(7200));

        var started = q.Succeed<ParkingStarted>(Start100);

        Assert.Equal([Bucket(3600), Bucket(7200)], started.Loads.Select(l => l.Bucket));
        Assert.Equal([far.Id, farther.Id], started.Loads.SelectMany(l => l.Messages).Select(m => m.Id));
        Assert.Equal([Bucket(3600), Bucket(7200)], q.EventsOf<BucketOpened>().Select(e => e.Bucket));
        Assert.DoesNotContain(near.Id, started.Loads.SelectMany(l => l.Messages).Select(m => m.Id));
        Assert.Equal(0, q.State.ParkedCount);
    }

    [Fact]
    public void StartParking_must_take_at_most_max_messages_and_open_a_known_bucket_once()
    {
        var q = Create();
        for (var i = 0; i < 5; i++)
        {
            q.Publish($"m{i}", deliverAt: At(3600 + i));
        }

        var first = q.Succeed<ParkingStarted>(new StartParking(Width, LookAhead, 3));
        var second = q.Succeed<ParkingStarted>(new StartParking(Width, LookAhead, 3));

        // Until the bucket confirms, the same messages are chosen again (a re-send), and the bucket is opened once.
        Assert.Equal(3, Assert.Single(first.Loads).Messages.Count);
        Assert.Equal(first.Loads[0].Messages, Assert.Single(second.Loads).Messages);
        Assert.Single(q.EventsOf<BucketOpened>());
    }

    [Fact]
    public void Confirmed_messages_must_keep_their_index_entry_but_not_their_body()
    {
        var q = Create();
        var far = q.Publish(Message("far", headers: new Dictionary<string, string> { ["k"] = "v" }, deliverAt: At(3600)));
        var load = Assert.Single(q.Succeed<ParkingStarted>(Start100).Loads);

        q.Succeed<Done>(new ConfirmParked(load.Bucket, [ParkedRef.Of(load.Messages[0])]));

        var parked = q.Get(far.Id);
        Assert.Equal((MessageBody.None, 0, load.Bucket, 1L), (parked.Body, parked.Headers.Count, parked.ParkedIn, parked.Version));
        Assert.Equal(1, q.Info.Counts.Scheduled);
        Assert.Equal(1, q.State.Buckets[load.Bucket]);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Confirmation_of_an_older_version_must_not_park_the_message()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        var load = Assert.Single(q.Succeed<ParkingStarted>(Start100).Loads);
        q.Edit(far.Id, new MessagePatch { Priority = 1 });

        q.Succeed<Done>(new ConfirmParked(load.Bucket, [ParkedRef.Of(load.Messages[0])]));

        Assert.False(q.Get(far.Id).IsParked);
        Assert.Empty(q.EventsOf<MessagesParked>());
    }

    [Fact]
    public void A_parked_message_must_not_become_ready_when_due_until_its_bucket_gives_it_back()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        var copy = Park(q);

        Assert.Null(q.State.NextChangeAt());
        q.AdvanceTo(At(3601));
        Assert.Empty(q.Receive());

        q.Succeed<Done>(new Unpark(copy.ParkedIn!.Value, [copy with { ParkedIn = null }]));
        var delivered = q.ReceiveOne();
        Assert.Equal((far.Id, Text("far")), (delivered.Id, delivered.Body));
        Assert.Equal(0, q.State.Buckets[copy.ParkedIn.Value]);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Unpark_must_ignore_copies_of_another_version_message_or_bucket_and_messages_not_parked()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        var copy = Park(q);
        var bucket = copy.ParkedIn!.Value;

        q.Succeed<Done>(new Unpark(bucket, [copy with { Version = 9, Body = Text("stale") }]));
        q.Succeed<Done>(new Unpark(bucket, [copy with { Seq = copy.Seq - 1, Body = Text("a cancelled message of the same id") }]));
        q.Succeed<Done>(new Unpark(bucket + 1, [copy]));
        q.Succeed<Done>(new Unpark(bucket, [copy with { Id = "unknown" }]));

        Assert.True(q.Get(far.Id).IsParked);
        Assert.Empty(q.EventsOf<MessageUnparked>());
    }

    [Fact]
    public void Browse_of_scheduled_must_merge_parked_and_held_messages_by_deliverAt()
    {
        var q = Create();
        var late = q.Publish("late", deliverAt: At(7200));
        var soon = q.Publish("soon", deliverAt: At(5));
        var later = q.Publish("later", deliverAt: At(3600));
        Park(q, all: true);

        var first = q.Browse(MessageState.Scheduled, limit: 2);
        var rest = q.Browse(MessageState.Scheduled, after: first.Next);

        Assert.Equal([soon.Id, later.Id, late.Id], first.Messages.Concat(rest.Messages).Select(m => m.Id));
        Assert.Equal([false, true, true], first.Messages.Concat(rest.Messages).Select(m => m.IsParked));
    }

    [Fact]
    public void Cancel_and_purge_of_parked_messages_must_leave_their_buckets_known_but_empty()
    {
        var q = Create();
        var a = q.Publish("a", deliverAt: At(3600));
        q.Publish("b", deliverAt: At(7200));
        Park(q, all: true);

        q.Cancel(a.Id);
        Assert.Equal([0, 1], q.State.Buckets.Values);
        Assert.Equal(1, q.Purge());

        Assert.Equal([0, 0], q.State.Buckets.Values);
        Assert.Equal(0, q.Info.Counts.Total);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void CloseBucket_must_forget_only_a_bucket_holding_nothing_live()
    {
        var q = Create();
        var a = q.Publish("a", deliverAt: At(3600));
        var bucket = Park(q).ParkedIn!.Value;

        q.Succeed<Done>(new CloseBucket(bucket));
        Assert.True(q.State.Buckets.ContainsKey(bucket));

        q.Cancel(a.Id);
        q.Succeed<Done>(new CloseBucket(bucket));
        Assert.Empty(q.State.Buckets);
        Assert.Single(q.EventsOf<BucketClosed>());
    }

    [Fact]
    public void Deleting_the_queue_must_keep_its_buckets_known_until_they_close()
    {
        var q = Create();
        q.Publish("a", deliverAt: At(3600));
        var bucket = Park(q).ParkedIn!.Value;

        q.Succeed<QueueDeletedReply>(DeleteQueue.Instance);

        Assert.Equal(0, q.State.Buckets[bucket]);
        q.Succeed<Done>(new CloseBucket(bucket));
        Assert.Empty(q.State.Buckets);
    }

    [Fact]
    public void Edit_of_a_parked_message_must_be_refused_until_it_is_given_back_but_cancel_must_not()
    {
        var q = Create();
        var far = q.Publish("far", deliverAt: At(3600));
        Park(q);

        var error = q.Refuse(new EditMessage(far.Id, new MessagePatch { Priority = 1 }, null), ErrorKind.Unavailable);

        Assert.Equal("id", error.Field);
        q.Cancel(far.Id);
        Assert.Equal(0, q.Info.Counts.Total);
    }

    [Fact]
    public void A_snapshot_must_keep_parked_messages_and_known_buckets()
    {
        var q = Create();
        q.Publish("far", deliverAt: At(3600));
        q.Publish("near", deliverAt: At(5));
        Park(q);

        var rebuilt = QueueState.FromSnapshot(q.State.ToSnapshot());

        Assert.Equal(q.State.ToSnapshot(), rebuilt.ToSnapshot());
        Assert.Equal(q.State.Buckets, rebuilt.Buckets);
        Assert.Equal(1, rebuilt.ParkedCount);
    }

    [Fact]
    public void Bucket_state_must_keep_the_highest_version_and_fire_and_give_back_only_the_version_it_holds()
    {
        var bucket = new ScheduleBucketState();
        var v1 = Stored("m", version: 1, body: "one");
        var v2 = v1 with { Version = 2, Body = Text("two") };

        bucket.Apply(bucket.Park([v2])!);
        Assert.Null(bucket.Park([v1]));
        Assert.Null(bucket.Park([v2]));
        Assert.Null(bucket.Fire([ParkedRef.Of(v1)]));
        Assert.Equal(Text("two"), Assert.Single(bucket.Current([v1, v2, Stored("other", 1, "x")])).Body);
        Assert.True(bucket.Holds("m"));

        bucket.Apply(bucket.Fire([ParkedRef.Of(v2)])!);
        Assert.Equal(0, bucket.Count);
    }

    [Fact]
    public void Bucket_state_must_take_a_message_published_again_under_a_cancelled_ones_id_as_newer_though_both_are_version_1()
    {
        var bucket = new ScheduleBucketState();
        var cancelled = Stored("client-id", version: 1, body: "old");
        var again = cancelled with { Seq = cancelled.Seq + 5, Body = Text("new") };

        bucket.Apply(bucket.Park([cancelled])!);
        var parked = bucket.Park([again]);

        Assert.NotNull(parked);
        bucket.Apply(parked);
        Assert.False(bucket.Holds(cancelled));
        Assert.True(bucket.Holds(again));
        Assert.Null(bucket.Park([cancelled]));
        Assert.Equal(Text("new"), Assert.Single(bucket.Current([cancelled, again])).Body);
    }

    private static long Bucket(double seconds) => ScheduleBuckets.StartOf(ScheduleBuckets.BucketOf(At(seconds), Width), Width).UtcTicks;

    /// <summary>Parks the first parkable message (or all of them) and returns the first one's copy as the bucket holds it.</summary>
    private static StoredMessage Park(QueueFixture q, bool all = false)
    {
        var loads = q.Succeed<ParkingStarted>(all ? Start100 : new StartParking(Width, LookAhead, 1)).Loads;
        foreach (var load in loads)
        {
            q.Succeed<Done>(new ConfirmParked(load.Bucket, load.Messages.Select(ParkedRef.Of).ToList()));
        }

        return loads[0].Messages[0] with { ParkedIn = loads[0].Bucket };
    }

    private static StoredMessage Stored(string id, long version, string body) => new(
        id, 1, Text(body), null, MessageHeaders.Empty, 0, Start, At(3600), null, null, MessageState.Scheduled, 0, null, null, null, version);
}
