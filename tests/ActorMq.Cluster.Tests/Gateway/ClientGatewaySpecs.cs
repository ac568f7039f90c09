using ActorMq.Cluster.Gateway;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using Akka.Actor;
using Xunit.Abstractions;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Cluster.Tests.Gateway;

/// <summary>
/// The client-facing gateway actor with probes for the queue region and the catalog: client requests are forwarded
/// with the client as sender, the cluster's own protocol and bad names are refused at once, a publish gets the node's
/// auto-create, and a queue listing is gathered from the catalog and the queues.
/// </summary>
public sealed class ClientGatewaySpecs(ITestOutputHelper output) : QueueSpec(output)
{
    private static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void A_client_request_must_reach_the_queue_with_the_client_as_sender()
    {
        var (gateway, queues, _) = Start(ready: true);
        var request = Request("orders", new Pop(1));

        gateway.Tell(request, TestActor);

        Assert.Equal(request, queues.ExpectMsg<QueueRequest>());
        queues.Reply(QueueResponse.Ok(Done.Instance));
        Assert.Equal(Done.Instance, ExpectMsg<QueueResponse>().Reply);
    }

    [Fact]
    public void A_publish_must_take_the_node_auto_create_setting()
    {
        var (gateway, queues, _) = Start(ready: true, autoCreate: false);

        gateway.Tell(Request("orders", PublishOf(Message("a"))), TestActor);

        Assert.False(Assert.IsType<Publish>(queues.ExpectMsg<QueueRequest>().Command).AutoCreate);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Requests_that_are_not_a_client_s_must_be_refused_without_reaching_a_queue(object message, string? field)
    {
        var (gateway, queues, _) = Start(ready: true);

        gateway.Tell(message, TestActor);

        var error = ExpectMsg<QueueResponse>().Error!;
        Assert.Equal((ErrorKind.Invalid, field), (error.Kind, error.Field));
        queues.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    public static TheoryData<object, string?> Refused => new()
    {
        { new GetQueue("bad name!"), "queue" },
        { new GetMessage("q", "bad id!"), "id" },
        { Request("q", new Receive(1, null), TimeSpan.FromSeconds(21)), "waitSeconds" },
        { Request("q", new Pop(1), TimeSpan.FromSeconds(1)), "waitSeconds" },
        { Request("q", new Nack("bad id!", "t", null, false)), "id" },
        { Request("q", Tick.Instance), null },
        { Request("q", new AcceptTransfers([])), null },
        { new TransferBatch("q", "p", []), null },
    };

    [Fact]
    public void A_node_that_is_not_ready_must_answer_unavailable()
    {
        var (gateway, queues, _) = Start(ready: false);

        gateway.Tell(new GetQueue("q"), TestActor);
        gateway.Tell(ListQueues.Instance, TestActor);

        Assert.Equal(ErrorKind.Unavailable, ExpectMsg<QueueResponse>().Error!.Kind);
        Assert.Equal(ErrorKind.Unavailable, ExpectMsg<QueueResponse>().Error!.Kind);
        queues.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_queue_list_must_gather_every_existing_queue_by_name()
    {
        var (gateway, queues, catalog) = Start(ready: true);

        gateway.Tell(ListQueues.Instance, TestActor);

        catalog.ExpectMsg<ListQueues>();
        catalog.Reply(new CatalogSnapshot(["b", "a", "gone"]));
        for (var i = 0; i < 3; i++)
        {
            var name = queues.ExpectMsg<GetQueue>().Queue;
            queues.Reply(name == "gone"
                ? QueueResponse.Fail(QueueError.QueueNotFound(name))
                : QueueResponse.Ok(new QueueFound(new QueueInfo(name, QueueSettings.Default, default, default))));
        }

        Assert.Equal(["a", "b"], ExpectMsg<QueueList>().Queues.Select(q => q.Name));
    }

    [Fact]
    public void A_queue_list_that_does_not_complete_must_answer_unavailable()
    {
        var (gateway, _, catalog) = Start(ready: true);

        gateway.Tell(ListQueues.Instance, TestActor);
        catalog.ExpectMsg<ListQueues>();
        Clock.Advance(ListTimeout);

        Assert.Equal(ErrorKind.Unavailable, ExpectMsg<QueueResponse>().Error!.Kind);
    }

    private (IActorRef Gateway, Akka.TestKit.TestProbe Queues, Akka.TestKit.TestProbe Catalog) Start(bool ready, bool autoCreate = true)
    {
        var queues = CreateTestProbe();
        var catalog = CreateTestProbe();
        var gateway = Sys.ActorOf(ClientGatewayActor.Props(queues.Ref, catalog.Ref, new ClientGatewaySettings(autoCreate, ListTimeout), () => ready));
        return (gateway, queues, catalog);
    }
}
