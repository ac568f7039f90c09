using ActorMq.Cluster.Gateway;
using ActorMq.Cluster.Hosting;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using Akka.Hosting;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Gateway;

/// <summary>
/// <see cref="ClusterReadiness"/>: a node that is Up with its queue region is not ready until the catalog has answered,
/// so that nothing a queue tells the catalog waits in the proxy's buffer (and is lost when the node stops).
/// </summary>
public sealed class ClusterReadinessSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(
    """
    akka.actor.provider = cluster
    akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
    """,
    output: output)
{
    [Fact]
    public async Task A_node_must_be_ready_only_once_the_catalog_has_answered()
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        await cluster.JoinAsync(cluster.SelfAddress);
        var catalog = CreateTestProbe();
        var registry = ActorRegistry.For(Sys);
        registry.Register<QueueRegion>(CreateTestProbe().Ref);
        registry.Register<QueueCatalog>(catalog.Ref);
        var readiness = new ClusterReadiness(Sys, registry);

        Assert.False(readiness.IsReady);
        catalog.ExpectMsg<ListQueues>();
        // Unanswered, it asks again and stays not ready.
        catalog.ExpectMsg<ListQueues>(TimeSpan.FromSeconds(5));
        Assert.False(readiness.IsReady);

        catalog.Reply(new CatalogSnapshot([]));
        await AwaitAssertAsync(() => Assert.True(readiness.IsReady), TimeSpan.FromSeconds(5));
        catalog.ExpectNoMsg(TimeSpan.FromMilliseconds(1500));
    }
}
