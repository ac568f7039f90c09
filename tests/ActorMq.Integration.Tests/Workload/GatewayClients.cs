using ActorMq.Client;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// One <see cref="ActorMqHttpClient"/> per gateway of a <see cref="TestCluster"/>, each with a short request timeout
/// so that a request to a dead node or a queue without a home ends (unknown) instead of hanging. A client process
/// uses one gateway at a time and moves to the next when it gets no answer.
/// </summary>
public sealed class GatewayClients : IDisposable
{
    private readonly List<(int Node, HttpClient Http, ActorMqHttpClient Client)> _gateways = [];

    /// <summary>Clients of every gateway of <paramref name="cluster"/>; <paramref name="timeout"/> bounds each request.</summary>
    public GatewayClients(TestCluster cluster, TimeSpan timeout)
    {
        foreach (var node in cluster.Gateways)
        {
            var address = cluster.Node(node).BaseAddress;
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1), ConnectTimeout = TimeSpan.FromSeconds(2) })
            {
                Timeout = timeout,
            };
            _gateways.Add((node, http, new ActorMqHttpClient(http, address)));
        }
    }

    /// <summary>How many gateways there are.</summary>
    public int Count => _gateways.Count;

    /// <summary>The node index of gateway <paramref name="slot"/> (taken modulo <see cref="Count"/>).</summary>
    public int Node(int slot) => _gateways[Slot(slot)].Node;

    /// <summary>The client of gateway <paramref name="slot"/> (taken modulo <see cref="Count"/>).</summary>
    public IActorMqClient Client(int slot) => _gateways[Slot(slot)].Client;

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, http, client) in _gateways)
        {
            client.Dispose();
            http.Dispose();
        }
    }

    private int Slot(int slot) => ((slot % Count) + Count) % Count;
}
