using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>The client tests that share one node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClientNodeCollection : ICollectionFixture<SharedNode>, ICollectionFixture<AkkaClients>
{
    public const string Name = "Client: shared node";
}

/// <summary>
/// Base of the tests on the shared node: a client over <see cref="Transport"/> and a raw <see cref="Api"/> on the node
/// (to see the wire), and the node's log with each test's output. Each test uses queues of its own. Each spec class
/// runs twice, once per transport (its <c>…OverHttp</c> and <c>…OverAkka</c> subclasses): the same inputs must give
/// the same results and the same exceptions.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public abstract class ClientSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : NodeSpecs(shared.Node, output)
{
    /// <summary>Generous bound of every wait: the machine may be busy.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The transport under test.</summary>
    protected ClientTransport Transport { get; } = transport;

    /// <summary>The client under test.</summary>
    protected IActorMqClient Client { get; } = transport == ClientTransport.Http
        ? new ActorMqHttpClient(shared.Node.Http)
        : akka.For(shared.Node.AkkaPort);

    protected Api Api { get; } = new(shared.Node.Http);

    protected static string NewQueue(string prefix) => Api.NewQueue(prefix);

    /// <summary>A client of the transport under test for a node at <paramref name="port"/> on 127.0.0.1 (its HTTP or Akka port).</summary>
    protected OwnedClient ClientOf(int port) => Transport == ClientTransport.Http
        ? new OwnedClient(new ActorMqHttpClient(new Uri($"http://127.0.0.1:{port}")))
        : new OwnedClient(AkkaClients.Create([AkkaClients.ContactPoint(port)], AkkaTransport.Direct));

    /// <summary>Creates a queue with <paramref name="settings"/> (defaults when null) and returns its name.</summary>
    protected async Task<string> QueueAsync(string prefix, QueueSettings? settings = null)
    {
        var queue = NewQueue(prefix);
        await Client.CreateOrUpdateQueueAsync(queue, settings);
        return queue;
    }

    /// <summary>
    /// Waits (bounded) until the queue exists and its counts satisfy <paramref name="condition"/> (a dead-letter queue
    /// is created when its first dead letter arrives).
    /// </summary>
    protected Task CountsAsync(string queue, Func<QueueCounts, bool> condition, string what) =>
        Eventually.TrueAsync(
            async () =>
            {
                try
                {
                    return condition((await Client.GetQueueAsync(queue)).Counts);
                }
                catch (QueueNotFoundException)
                {
                    return false;
                }
            },
            Patience,
            what);

    /// <summary>A client that the test disposes.</summary>
    protected sealed class OwnedClient(IActorMqClient client) : IAsyncDisposable
    {
        public IActorMqClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            switch (Client)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
