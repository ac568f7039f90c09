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
    public ClientGatewayActor(IActorRef queues, IActorRef catalog, ClientGatewaySettings settings)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<IQueueMessage>(message =>
        {
            if (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
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
            if (cluster.SelfMember.Status != Akka.Cluster.MemberStatus.Up)
            {
                Sender.Tell(NotReady);
            }
            else
            {
                Context.ActorOf(QueueListActor.Props(queues, catalog, Sender, settings.RequestTimeout));
            }
        });
    }

    /// <summary>Props of the gateway.</summary>
    public static Props Props(IActorRef queues, IActorRef catalog, ClientGatewaySettings settings) =>
        Akka.Actor.Props.Create(() => new ClientGatewayActor(queues, catalog, settings));
}
