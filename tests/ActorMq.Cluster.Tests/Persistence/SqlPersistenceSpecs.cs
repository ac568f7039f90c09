using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;
using ActorMq.TestKit.Regions;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Receive = ActorMq.Engine.Receive;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Persistence;

/// <summary>
/// End to end on real databases: a queue persists through Akka.Persistence.Sql and the project's serializer, its
/// actor system stops, a new one recovers it, and the whole state must be the same: ready order, leases, scheduled
/// messages, delayed retries, totals, dedup entries and owed transfers.
/// </summary>
[Collection(SqlCollection.Name)]
public sealed class SqlPersistenceSpecs(SqliteFixture sqlite, PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public void Sqlite_queue_must_recover_the_state_it_persisted() => PersistStopRecover(sqlite.NewDatabase(), snapshotEvery: 100_000);

    [Fact]
    public void Sqlite_queue_must_recover_from_a_snapshot_and_the_journal_after_it() => PersistStopRecover(sqlite.NewDatabase(), snapshotEvery: 5);

    [PostgresFact]
    public void Postgres_queue_must_recover_the_state_it_persisted() => PersistStopRecover(postgres.NewDatabase(), snapshotEvery: 100_000);

    [PostgresFact]
    public void Postgres_queue_must_recover_from_a_snapshot_and_the_journal_after_it() => PersistStopRecover(postgres.NewDatabase(), snapshotEvery: 5);

    [Fact]
    public void Sqlite_parked_message_must_be_read_and_delivered_from_its_bucket_after_a_restart() => ParkStopRecover(sqlite.NewDatabase());

    [PostgresFact]
    public void Postgres_parked_message_must_be_read_and_delivered_from_its_bucket_after_a_restart() => ParkStopRecover(postgres.NewDatabase());

    /// <summary>
    /// A message parked in its schedule bucket survives a restart of both: its body is read back from the bucket's
    /// journal for a GET, and it is delivered when due, not before.
    /// </summary>
    private void ParkStopRecover(PersistenceOptions database)
    {
        DateTimeOffset clock;
        DateTimeOffset due;
        using (var first = new Node(database, output))
        {
            var queues = first.Regions();
            due = first.Clock.Now.AddHours(1);
            first.Ok(queues, new Publish([new PublishRequest { Id = "far", Body = MessageBody.Json("\"far\""), DeliverAt = due, Headers = new Dictionary<string, string> { ["k"] = "v" } }], AutoCreate: true), "orders");
            first.AwaitAssert(() => Assert.True(first.State(queues, "orders").Messages.Single().IsParked));
            clock = first.Clock.Now;
        }

        using var second = new Node(database, output, clock);
        var restarted = second.Regions();
        var found = second.Ask(restarted, new Contracts.Queries.GetMessage("orders", "far"));
        var message = Assert.IsType<Contracts.Queries.MessageFound>(found.Reply).Message;
        Assert.Equal((MessageBody.Json("\"far\""), "v"), (message.Body, message.Headers["k"]));

        second.Clock.Advance(due - second.Clock.Now - TimeSpan.FromSeconds(5));
        second.AwaitAssert(() => Assert.False(second.State(restarted, "orders").Messages.Single().IsParked));
        Assert.Empty(Assert.IsType<Delivered>(second.Ok(restarted, new Receive(1, null), "orders")).Messages);
        second.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(MessageBody.Json("\"far\""), Assert.Single(Assert.IsType<Delivered>(second.Ok(restarted, new Receive(1, null), "orders")).Messages).Body);
    }

    private void PersistStopRecover(PersistenceOptions database, int snapshotEvery)
    {
        var settings = QueueActorSettings.Default with { SnapshotEvery = snapshotEvery };
        QueueSnapshot before;
        DateTimeOffset clock;
        using (var first = new Node(database, output))
        {
            var q = first.Start("orders", settings);
            first.Ok(q, new ConfigureQueue(QueueSettings.Default with { MaxReceives = 2, RetryDelay = TimeSpan.FromMinutes(5), DedupWindow = TimeSpan.FromHours(1) }));
            first.Ok(q, new Publish(
                [
                    Message("\"low\"", priority: 9, dedupId: "d-1"),
                    Message("{\"n\": 1.0e3, \"s\": \"line\\nbreak\"}", priority: 1),
                    Message("\"same priority, later\"", priority: 1),
                    Message("\"a year out\"", delay: TimeSpan.FromDays(365), id: "yearly"),
                    new PublishRequest { Body = MessageBody.Binary([0, 1, 2, 254, 255]), Headers = new Dictionary<string, string> { ["k"] = "v" } },
                ],
                AutoCreate: true));
            first.Ok(q, new Publish([Message("\"duplicate\"", dedupId: "d-1")], AutoCreate: true));
            var leased = Assert.IsType<Delivered>(first.Ok(q, new Receive(2, TimeSpan.FromMinutes(10)))).Messages;
            first.Ok(q, new Ack([new LeaseRef(leased[0].Id, leased[0].Lease!.Value.Token)]));
            first.Clock.Advance(TimeSpan.FromMinutes(11));
            first.Ok(q, new Receive(1, TimeSpan.FromMinutes(1)));
            for (var i = 0; i < 12; i++)
            {
                first.Ok(q, new Publish([Message($"{i}", priority: i % 4)], AutoCreate: true));
            }

            before = first.State(q);
            clock = first.Clock.Now;
        }

        using var second = new Node(database, output, clock);
        var recovered = second.State(second.Start("orders", settings));
        Assert.Equal(before, recovered);
        Assert.Contains(recovered.Messages, m => m.State == MessageState.Inflight);
        Assert.Contains(recovered.Messages, m => m.State == MessageState.Delayed);
        Assert.Contains(recovered.Messages, m => m.State == MessageState.Scheduled);
        Assert.Contains(recovered.Dedup, d => d.Key == "d-1");
    }

    private static PublishRequest Message(string json, int? priority = null, TimeSpan? delay = null, string? id = null, string? dedupId = null) =>
        new() { Body = MessageBody.Json(json), Priority = priority, Delay = delay, Id = id, DedupId = dedupId };

    /// <summary>One actor system on the database, with virtual time.</summary>
    private sealed class Node : Akka.TestKit.Xunit2.TestKit
    {
        public Node(PersistenceOptions database, ITestOutputHelper output, DateTimeOffset? startAt = null)
            : base(ActorSystem.Create("sql-spec", Setup(database)), output)
        {
            if (startAt is { } at)
            {
                Clock.Advance(at - Clock.Now);
            }
        }

        public TestScheduler Clock => (TestScheduler)Sys.Scheduler;

        public IActorRef Start(string queue, QueueActorSettings settings) =>
            Sys.ActorOf(QueueActor.Props(queue, settings, CreateTestProbe().Ref, this.CreateCatalogProbe().Ref, CreateTestProbe().Ref, ScheduleSettings.Default), queue);

        /// <summary>The queue "orders" and its schedule buckets, each behind a one-node region; the queue region.</summary>
        public IActorRef Regions()
        {
            IActorRef? queues = null;
            IActorRef? schedules = null;
            var catalog = this.CreateCatalogProbe().Ref;
            queues = Sys.ActorOf(TestRegionActor.Props(
                m => (m as Contracts.IQueueMessage)?.Queue,
                name => QueueActor.Props(name, QueueActorSettings.Default, queues!, catalog, schedules!, ScheduleSettings.Default)));
            schedules = Sys.ActorOf(TestRegionActor.Props(
                m => m is Contracts.Schedules.IScheduleMessage s ? ScheduleMessageExtractor.EntityIdOf(s.Queue, s.Bucket) : null,
                id => ScheduleActor.Props(id, ScheduleSettings.Default, queues)));
            return queues;
        }

        public QueueResponse Ask(IActorRef queue, object message)
        {
            queue.Tell(message, TestActor);
            return ExpectMsg<QueueResponse>(TimeSpan.FromSeconds(20));
        }

        /// <summary>Runs <paramref name="command"/> on the queue <paramref name="name"/> of <paramref name="to"/> (a queue or a region).</summary>
        public QueueReply Ok(IActorRef to, QueueCommand command, string? name = null)
        {
            var response = Ask(to, new QueueRequest(name ?? to.Path.Name, command));
            Assert.Null(response.Error);
            return response.Reply!;
        }

        public QueueSnapshot State(IActorRef queue) => Read(queue, QueueActor.GetState.Instance);

        /// <summary>The state of queue <paramref name="name"/> behind the region <paramref name="queues"/>.</summary>
        public QueueSnapshot State(IActorRef queues, string name) => Read(queues, new TestRegionActor.To(name, QueueActor.GetState.Instance));

        private QueueSnapshot Read(IActorRef to, object message)
        {
            to.Tell(message, TestActor);
            return ExpectMsg<QueueSnapshot>(TimeSpan.FromSeconds(20));
        }

        private static ActorSystemSetup Setup(PersistenceOptions database)
        {
            var bootstrap = BootstrapSetup.Create().WithConfig(Config(database));
            return PersistenceHocon.Setup(database) is { } sql ? ActorSystemSetup.Create(bootstrap, sql) : ActorSystemSetup.Create(bootstrap);
        }

        private static Config Config(PersistenceOptions database) =>
            ConfigurationFactory.ParseString("""
                akka.actor.provider = local
                akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
                # Recovery's timeout runs on the virtual clock, which specs move by hours.
                akka.persistence.journal.sql.recovery-event-timeout = 3650d
                akka.test.single-expect-default = 10s
                """)
                .WithFallback(PersistenceHocon.Build(database))
                .WithFallback(ActorMqConfig.FromDefaults().Config);
    }
}
