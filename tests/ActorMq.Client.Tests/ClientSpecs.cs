using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>The client tests that share one node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ClientNodeCollection : ICollectionFixture<SharedNode>
{
    public const string Name = "Client: shared node";
}

/// <summary>
/// Base of the tests on the shared node: an <see cref="ActorMqHttpClient"/> and a raw <see cref="Api"/> on it (to see
/// the wire), and the node's log with each test's output. Each test uses queues of its own.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public abstract class ClientSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    /// <summary>Generous bound of every wait: the machine may be busy.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected ActorMqHttpClient Client { get; } = new(shared.Node.Http);

    protected Api Api { get; } = new(shared.Node.Http);

    protected static string NewQueue(string prefix) => Api.NewQueue(prefix);

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
}
