using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Engine;
using ActorMq.TestKit.Regions;
using Akka.Actor;
using Xunit.Abstractions;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Cluster.Tests.Schedules;

/// <summary>
/// Queues and their schedule buckets together, each behind a one-node region, on the in-memory journal with virtual
/// time: far-off messages leave the queue's memory, come back before they are due, and are delivered on time, never
/// early; reads, edits and cancels of parked messages reach the bucket; restarts on either side lose nothing.
/// </summary>
public sealed class ScheduleSpecs : QueueSpec
{
    /// <summary>A look-ahead longer than the specs' time steps, so a bucket is always woken a step before it is due.</summary>
    private static readonly ScheduleSettings Schedule = ScheduleSettings.Default with { LookAhead = TimeSpan.FromMinutes(10), IdleTimeout = TimeSpan.FromMinutes(1) };

    private readonly IActorRef _queues;

    public ScheduleSpecs(ITestOutputHelper output)
        : base(output)
    {
        IActorRef? schedules = null;
        var catalog = this.CreateCatalogProbe().Ref;
        _queues = Sys.ActorOf(TestRegionActor.Props(
            m => (m as IQueueMessage)?.Queue,
            name => QueueActor.Props(name, QueueActorSettings.Default, _queues!, catalog, schedules!, Schedule)), "queues");
        schedules = Sys.ActorOf(TestRegionActor.Props(
            m => m is IScheduleMessage s ? ScheduleMessageExtractor.EntityIdOf(s.Queue, s.Bucket) : null,
            id => ScheduleActor.Props(id, Schedule, _queues)), "schedules");
    }

    /// <summary>The virtual clock's instant (TestKit's own Now is a time span).</summary>
    private new DateTimeOffset Now => Clock.Now;

    [Fact]
    public void Message_due_far_ahead_must_leave_the_queue_memory_for_its_bucket()
    {
        var far = Publish("q", "far", Now.AddHours(1), headers: new() { ["k"] = "v" });
        var near = Publish("q", "near", Now.AddSeconds(5));

        AwaitAssert(() => Assert.True(State("q").Messages.Single(m => m.Id == far).IsParked));
        var state = State("q");
        var parked = state.Messages.Single(m => m.Id == far);
        Assert.Equal(MessageBody.None, parked.Body);
        Assert.Empty(parked.Headers);
        Assert.False(state.Messages.Single(m => m.Id == near).IsParked);
        Assert.Equal(parked.ParkedIn!.Value, Assert.Single(state.Buckets));
        Assert.Equal(2, Ok<QueueFound>(new GetQueue("q")).Queue.Counts.Scheduled);

        var bucket = Journal(ScheduleActor.PersistencePrefix + ScheduleMessageExtractor.EntityIdOf("q", parked.ParkedIn.Value));
        var stored = Assert.Single(Assert.IsType<EntriesParked>(Assert.Single(bucket.Others)).Messages);
        Assert.Equal((far, Json("far")), (stored.Id, stored.Body));
        Assert.Equal("v", stored.Headers["k"]);
    }

    [Fact]
    public void Parked_message_must_come_back_before_it_is_due_and_be_delivered_on_time_not_before()
    {
        var due = Now.AddHours(1);
        var id = Publish("q", "far", due, headers: new() { ["k"] = "v" });
        AwaitParked("q", id);

        // The bucket is woken a look-ahead before it starts; the message is back in memory before it is due.
        Clock.Advance(due - Now - TimeSpan.FromSeconds(1));
        AwaitAssert(() => Assert.False(State("q").Messages.Single(m => m.Id == id).IsParked));
        Assert.Empty(Ok<Delivered>(Request("q", new Receive(10, null))).Messages);

        Clock.Advance(TimeSpan.FromSeconds(1));
        var delivered = Assert.Single(Ok<Delivered>(Request("q", new Receive(10, null))).Messages);
        Assert.Equal((id, Json("far"), "v"), (delivered.Id, delivered.Body, delivered.Headers["k"]));
        AwaitAssert(() => Assert.Empty(State("q").Buckets));
    }

    [Fact]
    public void Get_and_browse_must_show_a_parked_message_whole()
    {
        var id = Publish("q", "far", Now.AddDays(2), headers: new() { ["k"] = "v" });
        Publish("q", "near", Now.AddSeconds(5));
        AwaitParked("q", id);

        var found = Ok<MessageFound>(new GetMessage("q", id)).Message;
        Assert.Equal((Json("far"), "v", 1L), (found.Body, found.Headers["k"], found.Version));

        var page = Ok<MessagesBrowsed>(new BrowseMessages("q", MessageState.Scheduled, 10, null)).Page;
        Assert.Equal([Json("near"), Json("far")], page.Messages.Select(m => m.Body));
        Assert.All(page.Messages, m => Assert.False(m.IsParked));
    }

    [Fact]
    public void Browse_must_merge_parked_and_held_messages_by_deliverAt_across_pages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            // Alternately far (parked) and near (held), published out of time order.
            ids.Add(Publish("q", $"m{i}", i % 2 == 0 ? Now.AddHours(2 + i) : Now.AddSeconds(i)));
        }

        AwaitAssert(() => Assert.Equal(3, State("q").Messages.Count(m => m.IsParked)));
        var first = Ok<MessagesBrowsed>(new BrowseMessages("q", MessageState.Scheduled, 4, null)).Page;
        var second = Ok<MessagesBrowsed>(new BrowseMessages("q", MessageState.Scheduled, 4, first.Next)).Page;

        Assert.Equal(
            [ids[1], ids[3], ids[5], ids[0], ids[2], ids[4]],
            first.Messages.Concat(second.Messages).Select(m => m.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public void Edit_of_a_parked_message_must_change_it_and_deliver_the_new_version_at_the_new_time()
    {
        var id = Publish("q", "old", Now.AddHours(1));
        AwaitParked("q", id);

        var later = Now.AddHours(3);
        var lookAhead = Schedule.LookAhead;
        var edited = Ok<Edited>(Request("q", new EditMessage(id, new MessagePatch { Body = Json("new"), DeliverAt = later }, IfMatch: 1))).Message;
        Assert.Equal((Json("new"), 2L, later), (edited.Body, edited.Version, edited.DeliverAt));

        // The old copy leaves its bucket; the new version is parked again, in the bucket of its new time.
        AwaitAssert(() =>
        {
            var state = State("q");
            Assert.True(state.Messages.Single(m => m.Id == id).IsParked);
            Assert.Single(state.Buckets);
        });
        Clock.Advance(later - Now - lookAhead);
        AwaitAssert(() => Assert.False(State("q").Messages.Single(m => m.Id == id).IsParked));
        Assert.Empty(Ok<Delivered>(Request("q", new Receive(10, null))).Messages);
        Clock.Advance(later - Now);
        Assert.Equal(Json("new"), Assert.Single(Ok<Delivered>(Request("q", new Receive(10, null))).Messages).Body);
    }

    [Fact]
    public void Edit_with_a_stale_IfMatch_must_be_refused_even_when_parked()
    {
        var id = Publish("q", "far", Now.AddHours(1));
        AwaitParked("q", id);

        var error = AskQueue(Request("q", new EditMessage(id, new MessagePatch { Priority = 1 }, IfMatch: 7))).Error;

        Assert.Equal(ErrorKind.PreconditionFailed, error!.Kind);
        Assert.Equal(1, Ok<MessageFound>(new GetMessage("q", id)).Message.Version);
    }

    [Fact]
    public void Cancel_of_a_parked_message_must_empty_and_close_its_bucket()
    {
        var id = Publish("q", "far", Now.AddDays(30));
        var bucket = AwaitParked("q", id);

        Ok<Done>(Request("q", new CancelMessage(id, null)));

        AwaitAssert(() => Assert.Empty(State("q").Buckets));
        Assert.Empty(Journal(ScheduleActor.PersistencePrefix + ScheduleMessageExtractor.EntityIdOf("q", bucket)).Others);
        Assert.Equal(0, Ok<QueueFound>(new GetQueue("q")).Queue.Counts.Total);
    }

    [Fact]
    public void Deleted_queue_must_empty_its_buckets_before_it_forgets_itself()
    {
        var a = Publish("q", "a", Now.AddDays(1));
        var b = Publish("q", "b", Now.AddDays(2));
        var bucketA = AwaitParked("q", a);
        var bucketB = AwaitParked("q", b);

        Ok<QueueDeletedReply>(Request("q", DeleteQueue.Instance));

        AwaitAssert(() =>
        {
            foreach (var bucket in new[] { bucketA, bucketB })
            {
                Assert.Empty(Journal(ScheduleActor.PersistencePrefix + ScheduleMessageExtractor.EntityIdOf("q", bucket)).Others);
            }

            Assert.Empty(Journal(QueueActor.PersistencePrefix + "q").Batches);
        });
    }

    [Fact]
    public void Queue_restarted_with_parked_messages_must_still_deliver_them_on_time()
    {
        var due = Now.AddMinutes(30);
        var id = Publish("q", "far", due);
        AwaitParked("q", id);

        _queues.Tell(new TestRegionActor.StopEntity("q", QueueActor.StopQueue.Instance));
        Clock.Advance(due - Now - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Ok<Delivered>(Request("q", new Receive(10, null))).Messages);

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        AwaitAssert(() => Assert.Single(Ok<Delivered>(Request("q", new Pop(10))).Messages));
    }

    [Fact]
    public void Many_messages_over_a_simulated_day_must_each_be_delivered_when_due_never_early()
    {
        var start = Now;
        var random = new Random(7);
        var due = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 600; i++)
        {
            var at = start + TimeSpan.FromSeconds(random.Next(1, 24 * 3600));
            due[Publish("day", $"m{i}", at)] = at;
        }

        AwaitAssert(() => Assert.True(State("day").Messages.Count(m => m.IsParked) > 500));
        var step = TimeSpan.FromMinutes(5);
        var delivered = new Dictionary<string, DateTimeOffset>();
        while (Now < start + TimeSpan.FromDays(1) + step)
        {
            Clock.Advance(step);
            foreach (var m in Ok<Delivered>(Request("day", new Pop(1000))).Messages)
            {
                Assert.True(due[m.Id] <= Now, $"{m.Id} due {due[m.Id]:O} delivered early at {Now:O}");
                Assert.True(Now - due[m.Id] < step, $"{m.Id} due {due[m.Id]:O} delivered late at {Now:O}");
                delivered.Add(m.Id, Now);
            }

            // Before time moves on, everything due within the next step is back from its bucket.
            AwaitAssert(() =>
            {
                var late = State("day").Messages.Where(m => m.IsParked && m.DeliverAt <= Now + step).ToList();
                Assert.True(late.Count == 0, $"at {Now:O} still parked: {string.Join(", ", late.Select(m => $"{m.Id} due {m.DeliverAt:O} in {new DateTimeOffset(m.ParkedIn!.Value, TimeSpan.Zero):O}"))}");
            });
        }

        Assert.Equal(due.Keys.Order(), delivered.Keys.Order());
        AwaitAssert(() => Assert.Empty(State("day").Buckets));
    }

    private string Publish(string queue, string body, DateTimeOffset deliverAt, Dictionary<string, string>? headers = null)
    {
        var request = new PublishRequest { Body = Json(body), DeliverAt = deliverAt, Headers = headers };
        return Ok<Published>(Request(queue, new Publish([request], AutoCreate: true))).Results[0].Id;
    }

    /// <summary>Waits until message <paramref name="id"/> is parked; its bucket.</summary>
    private long AwaitParked(string queue, string id)
    {
        long bucket = 0;
        AwaitAssert(() => bucket = Assert.IsType<long>(State(queue).Messages.Single(m => m.Id == id).ParkedIn));
        return bucket;
    }

    private QueueSnapshot State(string queue)
    {
        _queues.Tell(new TestRegionActor.To(queue, QueueActor.GetState.Instance), TestActor);
        return ExpectMsg<QueueSnapshot>();
    }

    private JournalReader.Contents Journal(string persistenceId)
    {
        var reader = Sys.ActorOf(JournalReader.Props(persistenceId));
        reader.Tell(JournalReader.Read.Instance, TestActor);
        var contents = ExpectMsg<JournalReader.Contents>();
        Sys.Stop(reader);
        return contents;
    }

    private QueueResponse AskQueue(object message)
    {
        _queues.Tell(message, TestActor);
        return ExpectMsg<QueueResponse>();
    }

    private TReply Ok<TReply>(object message)
        where TReply : QueueReply
    {
        var response = AskQueue(message);
        Assert.Null(response.Error);
        return Assert.IsType<TReply>(response.Reply);
    }

    private static MessageBody Json(string text) => MessageBody.Json($"\"{text}\"");
}
