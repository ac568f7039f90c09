using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using Akka.Actor;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// The actor the .NET client's Akka transport talks to, one per gateway node at <c>/user/actormq-client-gateway</c>,
/// registered with the ClusterClient receptionist. Requests to a queue are checked (<see cref="ClientRequests"/>) and
/// forwarded to the queue region with the client's sender kept, so the queue answers the client directly with a
/// <see cref="QueueResponse"/>; <see cref="ListQueues"/> is gathered by a <see cref="QueueListActor"/> and answered
/// with a <see cref="QueueList"/>. Until the node is up in the cluster every request is answered Unavailable at once,
/// as the HTTP API answers 503.
/// </summary>
public sealed class ClientGatewayActor : ReceiveActor
{
    /// <summary>The actor's name under <c>/user</c>.</summary>
    public const string Name = ClientGatewayPaths.GatewayName;

    private static readonly QueueResponse NotReady = QueueResponse.Fail(new QueueError(
        ErrorKind.Unavailable,
        null,
        "This node is not ready: it has not joined the cluster yet or is leaving it. Retry shortly, or send the request to another node."));

    /// <summary>Creates the gateway.</summary>
    /// <param name="queues">The queue shard region (or its proxy).</param>
    /// <param name="catalog">The catalog singleton's proxy.</param>
    /// <param name="settings">Auto-create and the list's deadline.</param>
    /// <param name="isReady">Whether the node serves requests now; null for a cluster node's rule: while it is Up.</param>
    public ClientGatewayActor(IActorRef queues, IActorRef catalog, ClientGatewaySettings settings, Func<bool>? isReady)
    {
        isReady ??= IsUp(Context.System);
        Receive<IQueueMessage>(message =>
        {
            if (!isReady())
            {
                Sender.Tell(NotReady);
            }
            else if (ClientRequests.Check(message, settings.AutoCreateQueues, out var forward) is { } error)
            {
                Sender.Tell(QueueResponse.Fail(error));
            }
            else
            {
                queues.Forward(forward);
            }
        });
        Receive<ListQueues>(_ =>
        {
            if (!isReady())
            {
                Sender.Tell(NotReady);
            }
            else
            {
                Context.ActorOf(QueueListActor.Props(queues, catalog, Sender, settings.RequestTimeout));
            }
        });
    }

    /// <summary>Props of the gateway of a cluster node: it serves requests while the node is Up.</summary>
    public static Props Props(IActorRef queues, IActorRef catalog, ClientGatewaySettings settings) =>
        Akka.Actor.Props.Create(() => new ClientGatewayActor(queues, catalog, settings, null));

    /// <summary>Props of a gateway that serves requests whenever <paramref name="isReady"/> says so (an in-process node).</summary>
    public static Props Props(IActorRef queues, IActorRef catalog, ClientGatewaySettings settings, Func<bool> isReady) =>
        Akka.Actor.Props.Create(() => new ClientGatewayActor(queues, catalog, settings, isReady));

    private static Func<bool> IsUp(ActorSystem system)
    {
        var cluster = Akka.Cluster.Cluster.Get(system);
        return () => cluster.SelfMember.Status == Akka.Cluster.MemberStatus.Up;
    }
}
