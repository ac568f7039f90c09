using ActorMq.Contracts.Persistence;
using Akka.Actor;
using Akka.TestKit;

namespace ActorMq.Cluster.Tests.Support;

/// <summary>Test probes that stand in for the queue catalog.</summary>
public static class CatalogProbes
{
    /// <summary>
    /// A probe that answers every <see cref="CatalogChanged"/> as the catalog does once it has written it (a queue does
    /// not stop before that); the messages are still there for the spec to expect.
    /// </summary>
    public static TestProbe CreateCatalogProbe(this TestKitBase kit)
    {
        var probe = kit.CreateTestProbe();
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is CatalogChanged changed)
            {
                sender.Tell(new CatalogRecorded(changed.Queue, changed.Exists));
            }

            return AutoPilot.KeepRunning;
        }));
        return probe;
    }
}
