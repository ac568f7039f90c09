using ActorMq.Cluster.Hosting;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using Akka.Actor;
using Akka.Hosting;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// Whether this node is a member that is up, with its queue region (or proxy) started and the queue catalog reached.
/// <para>
/// The catalog is reached through a singleton proxy, which holds what is sent to it until it has found the singleton
/// (it looks again every second). A queue made in that first second tells the catalog it exists; if the node then stopped,
/// that message went with it, and after a restart the queue was missing from the list until something woke it. So the
/// node is not ready (and its API answers 503) until the catalog has answered once.
/// </para>
/// </summary>
public sealed class ClusterReadiness(ActorSystem system, ActorRegistry registry)
{
    private static readonly TimeSpan CatalogProbeTimeout = TimeSpan.FromSeconds(1);

    private int _probing;
    private volatile bool _catalogReached;

    /// <summary>True once the node is Up in the cluster, its queue region is registered and the catalog has answered.</summary>
    public bool IsReady =>
        registry.TryGet<QueueRegion>(out _)
        && Akka.Cluster.Cluster.Get(system).SelfMember.Status == Akka.Cluster.MemberStatus.Up
        && CatalogReached();

    /// <summary>True once the catalog has answered; the first call starts asking it, in the background.</summary>
    private bool CatalogReached()
    {
        if (!_catalogReached && Interlocked.Exchange(ref _probing, 1) == 0)
        {
            _ = ProbeCatalogAsync();
        }

        return _catalogReached;
    }

    private async Task ProbeCatalogAsync()
    {
        while (!system.WhenTerminated.IsCompleted)
        {
            if (!registry.TryGet<QueueCatalog>(out var catalog))
            {
                await Task.Delay(CatalogProbeTimeout).ConfigureAwait(false);
                continue;
            }

            try
            {
                await catalog.Ask<CatalogSnapshot>(ListQueues.Instance, CatalogProbeTimeout).ConfigureAwait(false);
                _catalogReached = true;
                return;
            }
            catch (AskTimeoutException)
            {
                // Not found yet; the proxy keeps looking.
            }
        }
    }
}
