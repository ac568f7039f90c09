using ActorMq.Cluster.Catalog;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Catalog;

public sealed class CatalogActorSpecs(ITestOutputHelper output) : QueueSpec(output)
{
    [Fact]
    public void Catalog_must_answer_each_change_once_written_and_keep_it_across_a_restart()
    {
        var catalog = Sys.ActorOf(CatalogActor.Props());
        catalog.Tell(new CatalogChanged("orders", true), TestActor);
        Assert.Equal(new CatalogRecorded("orders", true), ExpectMsg<CatalogRecorded>());

        // Told again (a queue that recovered, or one whose answer was lost): answered at once, nothing written twice.
        catalog.Tell(new CatalogChanged("orders", true), TestActor);
        Assert.Equal(new CatalogRecorded("orders", true), ExpectMsg<CatalogRecorded>());
        catalog.Tell(new CatalogChanged("audit", true), TestActor);
        ExpectMsg<CatalogRecorded>();
        catalog.Tell(new CatalogChanged("audit", false), TestActor);
        Assert.Equal(new CatalogRecorded("audit", false), ExpectMsg<CatalogRecorded>());

        Watch(catalog);
        Sys.Stop(catalog);
        ExpectTerminated(catalog);
        var restarted = Sys.ActorOf(CatalogActor.Props());
        restarted.Tell(ListQueues.Instance, TestActor);
        Assert.Equal(["orders"], ExpectMsg<CatalogSnapshot>().Queues);
    }
}
