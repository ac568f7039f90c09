using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Support;

/// <summary>
/// Base of queue actor specs: an in-memory journal and snapshot store, the project's serializer, and a
/// <see cref="TestScheduler"/> so time moves only when a spec says so.
/// </summary>
public abstract class QueueSpec(ITestOutputHelper output, string? extraHocon = null)
    : Akka.TestKit.Xunit2.TestKit(SpecConfig(extraHocon), output: output)
{
    protected TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    protected static Config SpecConfig(string? extraHocon) =>
        ConfigurationFactory.ParseString(extraHocon ?? "").WithFallback(ConfigurationFactory.ParseString("""
            akka.loglevel = INFO
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            # Recovery's own timeout runs on the virtual clock: a spec that moves time by hours while an entity recovers
            # (in real milliseconds) must not fail that recovery.
            akka.persistence.journal.inmem.recovery-event-timeout = 3650d
            # Real time a spec waits for an answer or an assertion by default: generous, as CI runs on a busy 2-core machine.
            akka.test.single-expect-default = 10s
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            akka.actor.provider = local
            """)).WithFallback(ActorMqConfig.FromDefaults().Config);

    /// <summary>Starts a queue whose other queues, catalog and schedule buckets are probes (new ones unless given).</summary>
    protected IActorRef StartQueue(string name, QueueActorSettings? settings = null, TestProbe? queues = null, TestProbe? catalog = null, TestProbe? schedules = null) =>
        Sys.ActorOf(
            QueueActor.Props(
                name,
                settings ?? QueueActorSettings.Default,
                (queues ?? CreateTestProbe()).Ref,
                (catalog ?? this.CreateCatalogProbe()).Ref,
                (schedules ?? CreateTestProbe()).Ref,
                ScheduleSettings.Default),
            $"{name}-{Guid.NewGuid():N}");

    protected QueueResponse Ask(IActorRef queue, object message)
    {
        queue.Tell(message, TestActor);
        return ExpectMsg<QueueResponse>();
    }

    protected TReply Ok<TReply>(IActorRef queue, object message)
        where TReply : QueueReply
    {
        var response = Ask(queue, message);
        Assert.Null(response.Error);
        return Assert.IsType<TReply>(response.Reply);
    }

    protected static QueueRequest Request(string queue, QueueCommand command, TimeSpan wait = default) => new(queue, command, wait);

    protected static PublishRequest Message(string body, int? priority = null, TimeSpan? delay = null, string? id = null) =>
        new() { Body = MessageBody.Json($"\"{body}\""), Priority = priority, Delay = delay, Id = id };

    protected static Publish PublishOf(params PublishRequest[] messages) => new(messages, AutoCreate: true);

    /// <summary>Waits until the queue has handled everything sent to it so far (a read is answered in mailbox order).</summary>
    protected void Sync(IActorRef queue, string name) => Ask(queue, new GetQueue(name));

    /// <summary>
    /// Asks a queue to stop gracefully (as sharding does on hand-off), watched by the test actor, and waits until it has
    /// handled that; it may still be waiting for something before it stops.
    /// </summary>
    protected void BeginStop(IActorRef queue, string name)
    {
        Watch(queue);
        queue.Tell(QueueActor.StopQueue.Instance, TestActor);
        Sync(queue, name);
    }

    /// <summary>Stops a queue gracefully (as sharding does on hand-off) and waits until it has stopped.</summary>
    protected void Stop(IActorRef queue)
    {
        Watch(queue);
        queue.Tell(QueueActor.StopQueue.Instance);
        ExpectTerminated(queue);
        Unwatch(queue);
    }
}
