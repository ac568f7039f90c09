using ActorMq.Contracts;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Configuration;

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
        _client = system.ActorOf(ClusterClient.Props(Settings(system, contacts)), $"actormq-cluster-client-{Guid.NewGuid():N}");
        Description = string.Join(", ", contacts);
    }

    public string Description { get; }

    public Task<object> AskAsync(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        _client.Ask<object>(new ClusterClient.Send(ClientGatewayPaths.Gateway, message, localAffinity: false), timeout, cancellationToken);

    /// <summary>
    /// The ClusterClient's settings: the system's <c>akka.cluster.client</c> with these contact points. Made from HOCON,
    /// not with <c>WithInitialContacts</c>, whose copy loses <c>use-legacy-serialization = off</c> (and with it the
    /// ClusterClient's own serializer: its messages would go as JSON).
    /// </summary>
    internal static ClusterClientSettings Settings(ActorSystem system, IReadOnlyList<Address> contacts)
    {
        var paths = string.Join(", ", contacts.Select(a => $"\"{a}{ClientGatewayPaths.Receptionist}\""));
        var config = ConfigurationFactory.ParseString($"initial-contacts = [{paths}]")
            .WithFallback(system.Settings.Config.GetConfig("akka.cluster.client"));
        return ClusterClientSettings.Create(config);
    }

    public ValueTask DisposeAsync()
    {
        _client.Tell(PoisonPill.Instance);
        return ValueTask.CompletedTask;
    }
}
