using System.Collections.Immutable;
using ActorMq.Contracts;
using Akka.Actor;
using Akka.Cluster.Tools.Client;

namespace ActorMq.Client.Transport;

/// <summary>
/// Requests through Akka's ClusterClient: each is wrapped in <see cref="ClusterClient.Send"/> to
/// <c>/user/actormq-client-gateway</c>; the receptionist of the connected gateway node forwards it and tunnels the
/// answer back. The ClusterClient finds a receptionist among the contact points, learns further gateways from it, and
/// reconnects to another when heartbeats stop.
/// </summary>
internal sealed class ClusterClientRoute : IGatewayRoute
{
    private readonly IActorRef _client;

    public ClusterClientRoute(ActorSystem system, IReadOnlyList<Address> contacts)
    {
        var paths = contacts.Select(a => ActorPath.Parse(a + ClientGatewayPaths.Receptionist)).ToImmutableHashSet();
        _client = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(paths)), $"actormq-cluster-client-{Guid.NewGuid():N}");
        Description = string.Join(", ", contacts);
    }

    public string Description { get; }

    public Task<object> AskAsync(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        _client.Ask<object>(new ClusterClient.Send(ClientGatewayPaths.Gateway, message, localAffinity: false), timeout, cancellationToken);

    public ValueTask DisposeAsync()
    {
        _client.Tell(PoisonPill.Instance);
        return ValueTask.CompletedTask;
    }
}
