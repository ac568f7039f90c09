using ActorMq.Cluster.Hosting;
using Akka.Configuration;

namespace ActorMq.TestKit;

/// <summary>The HOCON a test's actor system needs to host an <see cref="ActorMqTestNode"/>.</summary>
internal static class TestNodeHocon
{
    /// <summary>
    /// Virtual time (TestScheduler), the in-memory journal and snapshot store, a local actor system, and schedule
    /// buckets an hour wide woken two hours ahead, so that time can move in one-hour steps; then ActorMq's defaults
    /// and serializer bindings.
    /// </summary>
    public static Config Build(string? overrides) =>
        ConfigurationFactory.ParseString(overrides ?? "").WithFallback(ConfigurationFactory.ParseString("""
            akka.loglevel = WARNING
            akka.actor.provider = local
            akka.scheduler.implementation = "Akka.TestKit.TestScheduler, Akka.TestKit"
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            # Recovery's own timeout runs on the virtual clock: a test that moves time by hours while an entity recovers
            # (in real milliseconds) must not fail that recovery.
            akka.persistence.journal.inmem.recovery-event-timeout = 3650d
            actormq.schedule {
              # Time moves in steps of at most half the look-ahead (ActorMqTestNode.MaxStep): one hour here.
              bucket-width = 1h
              look-ahead = 2h
            }
            """)).WithFallback(ActorMqConfig.FromDefaults().Config);
}
