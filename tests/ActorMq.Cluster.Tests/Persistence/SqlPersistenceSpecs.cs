using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using Receive = ActorMq.Engine.Receive;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
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
    private sealed class Node : TestKit
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
            Sys.ActorOf(QueueActor.Props(queue, settings, CreateTestProbe().Ref, CreateTestProbe().Ref, CreateTestProbe().Ref, ScheduleSettings.Default), queue);

        public QueueReply Ok(IActorRef queue, QueueCommand command)
        {
            queue.Tell(new QueueRequest(queue.Path.Name, command), TestActor);
            var response = ExpectMsg<QueueResponse>(TimeSpan.FromSeconds(20));
            Assert.Null(response.Error);
            return response.Reply!;
        }

        public QueueSnapshot State(IActorRef queue)
        {
            queue.Tell(QueueActor.GetState.Instance, TestActor);
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
                """)
                .WithFallback(PersistenceHocon.Build(database))
                .WithFallback(ActorMqConfig.FromDefaults().Config);
    }
}
