using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using Akka.Cluster.Sharding;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Queues;

public sealed class QueueActorSpecs(ITestOutputHelper output) : QueueSpec(output)
{
    [Fact]
    public void Publish_then_receive_and_ack_must_leave_the_queue_empty()
    {
        var q = StartQueue("orders");
        var published = Ok<Published>(q, Request("orders", PublishOf(Message("a"))));
        var delivered = Ok<Delivered>(q, Request("orders", new Receive(10, null)));

        var message = Assert.Single(delivered.Messages);
        Assert.Equal(published.Results[0].Id, message.Id);
        var acked = Ok<Acked>(q, Request("orders", new Ack([new LeaseRef(message.Id, message.Lease!.Value.Token)])));
        Assert.Null(Assert.Single(acked.Results).Error);
        var info = Ok<QueueFound>(q, new GetQueue("orders")).Queue;
        Assert.Equal(0, info.Counts.Total);
        Assert.Equal(1, info.Totals.Acked);
    }

    [Fact]
    public void Commands_sent_together_must_all_be_answered_in_order_and_written_in_fewer_batches()
    {
        var q = StartQueue("burst");
        for (var i = 0; i < 200; i++)
        {
            q.Tell(Request("burst", PublishOf(Message($"m{i}", id: $"m{i}"))), TestActor);
        }

        for (var i = 0; i < 200; i++)
        {
            var reply = Assert.IsType<Published>(ExpectMsg<QueueResponse>().Reply);
            Assert.Equal($"m{i}", reply.Results[0].Id);
        }

        var journal = Sys.ActorOf(JournalReader.Props(QueueActor.PersistencePrefix + "burst"));
        journal.Tell(JournalReader.Read.Instance, TestActor);
        var batches = ExpectMsg<JournalReader.Contents>().Batches;
        Assert.Equal(200, batches.Sum(b => b.Events.OfType<MessagePublished>().Count()));
        Assert.True(batches.Count < 200, $"expected group commits, got {batches.Count} writes for 200 publishes");
    }

    [Fact]
    public void A_publish_that_serves_a_waiting_long_poll_must_be_written_with_its_lease_in_one_batch_and_the_lease_kept()
    {
        var q = StartQueue("waiting");
        Ok<QueueConfiguredReply>(q, Request("waiting", new ConfigureQueue(QueueSettings.Default)));
        var poller = CreateTestProbe();
        q.Tell(Request("waiting", new Receive(1, null), wait: TimeSpan.FromSeconds(20)), poller);
        Sync(q, "waiting");

        var published = Ok<Published>(q, Request("waiting", PublishOf(Message("now"))));
        var delivered = Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply);
        var leased = Assert.Single(delivered.Messages);
        Assert.Equal(published.Results[0].Id, leased.Id);

        var journal = Sys.ActorOf(JournalReader.Props(QueueActor.PersistencePrefix + "waiting"));
        journal.Tell(JournalReader.Read.Instance, TestActor);
        var last = ExpectMsg<JournalReader.Contents>().Batches[^1];
        Assert.Equal([typeof(MessagePublished), typeof(MessageLeased)], last.Events.Select(e => e.GetType()));

        Stop(q);
        var restarted = StartQueue("waiting");
        var found = Ok<MessageFound>(restarted, new GetMessage("waiting", leased.Id)).Message;
        Assert.Equal(leased.Lease, found.Lease);
    }

    [Fact]
    public void Scheduled_message_must_reach_a_long_poll_when_due_and_not_before()
    {
        var q = StartQueue("later");
        Ok<Published>(q, Request("later", PublishOf(Message("soon", delay: TimeSpan.FromSeconds(10)))));

        var poller = CreateTestProbe();
        q.Tell(Request("later", new Receive(1, null), wait: TimeSpan.FromSeconds(20)), poller);
        Sync(q, "later");
        Clock.Advance(TimeSpan.FromSeconds(9.999));
        poller.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Clock.Advance(TimeSpan.FromMilliseconds(1));
        var delivered = Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply);
        Assert.Equal("\"soon\"", Assert.Single(delivered.Messages).Body.ToString());
    }

    [Fact]
    public void Long_poll_must_answer_empty_when_its_wait_ends()
    {
        var q = StartQueue("idle");
        Ok<QueueConfiguredReply>(q, Request("idle", new ConfigureQueue(QueueSettings.Default)));

        var poller = CreateTestProbe();
        q.Tell(Request("idle", new Receive(1, null), wait: TimeSpan.FromSeconds(5)), poller);
        Sync(q, "idle");
        Clock.Advance(TimeSpan.FromSeconds(4));
        poller.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply).Messages);
    }

    [Fact]
    public void Long_poll_must_be_answered_by_a_later_publish()
    {
        var q = StartQueue("waiting");
        Ok<QueueConfiguredReply>(q, Request("waiting", new ConfigureQueue(QueueSettings.Default)));
        var poller = CreateTestProbe();
        q.Tell(Request("waiting", new Receive(1, null), wait: TimeSpan.FromSeconds(20)), poller);
        poller.ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        Ok<Published>(q, Request("waiting", PublishOf(Message("x"))));
        var delivered = Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply);
        Assert.NotNull(Assert.Single(delivered.Messages).Lease);
    }

    [Fact]
    public void Expired_lease_must_make_the_message_ready_again_when_its_timer_fires()
    {
        var q = StartQueue("leases");
        Ok<Published>(q, Request("leases", PublishOf(Message("x"))));
        Ok<Delivered>(q, Request("leases", new Receive(1, TimeSpan.FromSeconds(30))));

        Clock.Advance(TimeSpan.FromSeconds(29));
        var poller = CreateTestProbe();
        q.Tell(Request("leases", new Receive(1, null), wait: TimeSpan.FromSeconds(20)), poller);
        Sync(q, "leases");
        poller.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var again = Assert.Single(Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply).Messages);
        Assert.Equal(2, again.ReceiveCount);
    }

    [Fact]
    public void Recovered_queue_must_keep_messages_leases_and_timers()
    {
        var q = StartQueue("durable");
        Ok<Published>(q, Request("durable", PublishOf(Message("a", priority: 5), Message("b", priority: 1), Message("c", delay: TimeSpan.FromHours(1)))));
        var leased = Assert.Single(Ok<Delivered>(q, Request("durable", new Receive(1, TimeSpan.FromMinutes(1)))).Messages);
        Assert.Equal("\"b\"", leased.Body.ToString());
        Stop(q);

        var recovered = StartQueue("durable");
        var found = Ok<MessageFound>(recovered, new GetMessage("durable", leased.Id)).Message;
        Assert.Equal(leased, found);
        var info = Ok<QueueFound>(recovered, new GetQueue("durable")).Queue;
        Assert.Equal(new QueueCounts(Ready: 1, Scheduled: 1, Delayed: 0, Inflight: 1), info.Counts);

        var poller = CreateTestProbe();
        recovered.Tell(Request("durable", new Receive(5, TimeSpan.FromHours(1)), wait: TimeSpan.FromSeconds(20)), poller);
        var ready = Assert.Single(Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply).Messages);
        Assert.Equal("\"a\"", ready.Body.ToString());

        Clock.Advance(TimeSpan.FromSeconds(59));
        recovered.Tell(Request("durable", new Receive(5, null), wait: TimeSpan.FromSeconds(20)), poller);
        Sync(recovered, "durable");
        poller.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Clock.Advance(TimeSpan.FromSeconds(1));
        var released = Assert.Single(Assert.IsType<Delivered>(poller.ExpectMsg<QueueResponse>().Reply).Messages);
        Assert.Equal(leased.Id, released.Id);
    }

    [Fact]
    public void Snapshot_must_bound_the_journal_and_recover_the_same_state()
    {
        var settings = QueueActorSettings.Default with { SnapshotEvery = 10 };
        var q = StartQueue("snappy", settings);
        for (var i = 0; i < 30; i++)
        {
            Ok<Published>(q, Request("snappy", PublishOf(Message($"m{i}", priority: i % 3))));
        }

        var browsed = Ok<MessagesBrowsed>(q, new BrowseMessages("snappy", MessageState.Ready, 100, null)).Page.Messages;
        Stop(q);

        var journal = Sys.ActorOf(JournalReader.Props(QueueActor.PersistencePrefix + "snappy"));
        journal.Tell(JournalReader.Read.Instance, TestActor);
        var contents = ExpectMsg<JournalReader.Contents>();
        Assert.NotNull(contents.Snapshot);
        Assert.True(contents.Batches.Count < 30, $"journal below the snapshot should be deleted, {contents.Batches.Count} of 30 batches remain");
        Assert.DoesNotContain(contents.Batches, b => b.Events.OfType<QueueConfigured>().Any());

        var recovered = StartQueue("snappy", settings);
        var again = Ok<MessagesBrowsed>(recovered, new BrowseMessages("snappy", MessageState.Ready, 100, null)).Page.Messages;
        Assert.Equal(browsed, again);
    }

    [Fact]
    public void A_queue_that_grew_without_a_snapshot_must_save_one_when_it_stops_and_start_again_from_it()
    {
        var settings = QueueActorSettings.Default with { SnapshotEvery = 10 };
        var q = StartQueue("grown", settings);
        for (var batch = 0; batch < 3; batch++)
        {
            // Growing by 10 at a time, the running rule max(10, live) fires only for the first batch.
            Ok<Published>(q, Request("grown", PublishOf(Enumerable.Range(0, 10).Select(i => Message($"m{batch}-{i}")).ToArray())));
        }

        var browsed = Ok<MessagesBrowsed>(q, new BrowseMessages("grown", MessageState.Ready, 100, null)).Page.Messages;
        Stop(q);

        var journal = Sys.ActorOf(JournalReader.Props(QueueActor.PersistencePrefix + "grown"));
        journal.Tell(JournalReader.Read.Instance, TestActor);
        var contents = ExpectMsg<JournalReader.Contents>();
        Assert.Equal(30, contents.Snapshot!.Snapshot.Messages.Count);
        Assert.Empty(contents.Batches);

        var recovered = StartQueue("grown", settings);
        var again = Ok<MessagesBrowsed>(recovered, new BrowseMessages("grown", MessageState.Ready, 100, null)).Page.Messages;
        Assert.Equal(browsed, again);
    }

    [Fact]
    public void Dead_letter_must_be_sent_to_the_dead_letter_queue_until_it_confirms()
    {
        var queues = CreateTestProbe();
        var q = StartQueue("work", queues: queues);
        Ok<QueueConfiguredReply>(q, Request("work", new ConfigureQueue(QueueSettings.Default with { MaxReceives = 1 })));
        Ok<Published>(q, Request("work", PublishOf(Message("poison"))));
        var leased = Assert.Single(Ok<Delivered>(q, Request("work", new Receive(1, null))).Messages);
        Ok<Done>(q, Request("work", new Nack(leased.Id, leased.Lease!.Value.Token, null, DeadLetter: false)));

        var transfer = queues.ExpectMsg<TransferBatch>();
        Assert.Equal("work.dlq", transfer.Queue);
        var dead = Assert.Single(transfer.Messages);
        Assert.Equal("maxReceives", dead.Headers[DeadLetterHeaders.Reason]);

        Clock.Advance(QueueActorSettings.Default.TransferRetryInterval);
        Assert.Equal(dead.TransferId, Assert.Single(queues.ExpectMsg<TransferBatch>().Messages).TransferId);

        q.Tell(new TransfersStored("work", "work.dlq", [dead.TransferId]), queues);
        queues.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Clock.Advance(QueueActorSettings.Default.TransferRetryInterval);
        queues.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Transfer_batch_must_be_stored_once_and_confirmed_every_time()
    {
        var dlq = StartQueue("src.dlq");
        var transfer = new TransferMessage("src@1:1", TransferReason.Nack, "m1", MessageBody.Json("1"), null, MessageHeaders.From([new("x-dead-letter-source", "src")]), 3);

        dlq.Tell(new TransferBatch("src.dlq", "src", [transfer]), TestActor);
        Assert.Equal(["src@1:1"], ExpectMsg<TransfersStored>().TransferIds);
        dlq.Tell(new TransferBatch("src.dlq", "src", [transfer]), TestActor);
        Assert.Equal(["src@1:1"], ExpectMsg<TransfersStored>().TransferIds);

        var info = Ok<QueueFound>(dlq, new GetQueue("src.dlq")).Queue;
        Assert.Equal(1, info.Counts.Ready);
        Assert.Equal(0, info.Settings.MaxReceives);
    }

    [Fact]
    public void Redrive_must_answer_once_the_source_confirms()
    {
        var queues = CreateTestProbe();
        var dlq = StartQueue("jobs.dlq", queues: queues);
        var transfer = new TransferMessage("jobs@1:1", TransferReason.MaxReceives, "m1", MessageBody.Json("1"), null, MessageHeaders.From([new(DeadLetterHeaders.Source, "jobs")]), 3);
        dlq.Tell(new TransferBatch("jobs.dlq", "jobs", [transfer]), TestActor);
        ExpectMsg<TransfersStored>();

        dlq.Tell(Request("jobs.dlq", new Redrive(null, null)), TestActor);
        var moved = queues.ExpectMsg<TransferBatch>();
        Assert.Equal("jobs", moved.Queue);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));

        dlq.Tell(new TransfersStored("jobs.dlq", "jobs", moved.Messages.Select(m => m.TransferId).ToArray()), queues);
        Assert.Equal(1, Assert.IsType<Redriven>(ExpectMsg<QueueResponse>().Reply).Moved);
        Assert.Equal(0, Ok<QueueFound>(dlq, new GetQueue("jobs.dlq")).Queue.Counts.Total);
    }

    [Fact]
    public void Catalog_must_hear_of_creation_recovery_and_deletion()
    {
        var catalog = this.CreateCatalogProbe();
        var q = StartQueue("listed", catalog: catalog);
        Ok<QueueConfiguredReply>(q, Request("listed", new ConfigureQueue(QueueSettings.Default)));
        Assert.Equal(new CatalogChanged("listed", true), catalog.ExpectMsg<CatalogChanged>());
        Stop(q);

        var recovered = StartQueue("listed", catalog: catalog);
        Assert.Equal(new CatalogChanged("listed", true), catalog.ExpectMsg<CatalogChanged>());
        Ok<QueueDeletedReply>(recovered, Request("listed", DeleteQueue.Instance));
        Assert.Equal(new CatalogChanged("listed", false), catalog.ExpectMsg<CatalogChanged>());
    }

    /// <summary>A queue made with a catalog that does not answer by itself; the catalog has heard of it once.</summary>
    private (Akka.Actor.IActorRef Queue, TestProbe Catalog) CreatedWithSilentCatalog(string name)
    {
        var catalog = CreateTestProbe();
        var q = StartQueue(name, catalog: catalog);
        Ok<QueueConfiguredReply>(q, Request(name, new ConfigureQueue(QueueSettings.Default)));
        Assert.Equal(new CatalogChanged(name, true), catalog.ExpectMsg<CatalogChanged>());
        return (q, catalog);
    }

    [Fact]
    public void Queue_must_not_stop_before_the_catalog_has_recorded_it()
    {
        var (q, catalog) = CreatedWithSilentCatalog("held");

        BeginStop(q, "held");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Clock.Advance(CatalogLink.RetryInterval);
        Assert.Equal(new CatalogChanged("held", true), catalog.ExpectMsg<CatalogChanged>());
        catalog.Reply(new CatalogRecorded("held", Exists: false));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        catalog.Reply(new CatalogRecorded("held", Exists: true));
        ExpectTerminated(q);
    }

    [Fact]
    public void Queue_must_tell_a_silent_catalog_again_less_and_less_often_until_it_answers()
    {
        var (q, catalog) = CreatedWithSilentCatalog("patient");

        // Tried again after 1 s, then 2 s, then 4 s later.
        foreach (var wait in new[] { 1, 2, 4 })
        {
            Clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(10));
            catalog.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
            Clock.Advance(TimeSpan.FromMilliseconds(10));
            Assert.Equal(new CatalogChanged("patient", true), catalog.ExpectMsg<CatalogChanged>());
            Sync(q, "patient"); // the queue arms its next retry after it tells the catalog: the clock moves on only then
        }

        catalog.Reply(new CatalogRecorded("patient", true));
        Sync(q, "patient");
        Clock.Advance(CatalogLink.MaxRetryInterval * 2);
        catalog.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Stopping_queue_must_give_up_on_a_catalog_that_does_not_answer()
    {
        var (q, catalog) = CreatedWithSilentCatalog("unheard");

        BeginStop(q, "unheard");
        for (var attempt = 0; attempt < CatalogLink.AttemptsWhenStopping; attempt++)
        {
            Clock.Advance(CatalogLink.RetryInterval);
            Assert.Equal(new CatalogChanged("unheard", true), catalog.ExpectMsg<CatalogChanged>());
            Sync(q, "unheard"); // the queue arms its next retry after it tells the catalog: the clock moves on only then
        }

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Clock.Advance(CatalogLink.RetryInterval);
        ExpectTerminated(q);
        catalog.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Deleted_queue_must_drop_its_journal_and_ask_its_shard_to_passivate_it()
    {
        var shard = CreateTestProbe();
        var q = shard.ChildActorOf(QueueActor.Props("gone", QueueActorSettings.Default, CreateTestProbe().Ref, this.CreateCatalogProbe().Ref, CreateTestProbe().Ref, ScheduleSettings.Default));
        Ok<Published>(q, Request("gone", PublishOf(Message("a"), Message("b"))));
        Ok<QueueDeletedReply>(q, Request("gone", DeleteQueue.Instance));

        Assert.IsType<QueueActor.StopQueue>(shard.ExpectMsg<Passivate>().StopMessage);
        var journal = Sys.ActorOf(JournalReader.Props(QueueActor.PersistencePrefix + "gone"));
        journal.Tell(JournalReader.Read.Instance, TestActor);
        Assert.Empty(ExpectMsg<JournalReader.Contents>().Batches);
    }

    [Fact]
    public void Refused_command_must_answer_the_error_and_store_nothing()
    {
        var q = StartQueue("strict");
        var response = Ask(q, Request("strict", PublishOf(Message("x", priority: -1))));
        Assert.Equal(ErrorKind.Invalid, response.Error!.Kind);
        Assert.Equal("priority", response.Error.Field);
        Assert.Equal(ErrorKind.NotFound, Ask(q, new GetQueue("strict")).Error!.Kind);
    }
}
