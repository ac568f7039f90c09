using System.Collections.Concurrent;

namespace ActorMq.Client.Tests;

/// <summary>
/// Akka clients shared by the specs of a collection, one per node and transport (an actor system each), disposed
/// with the collection.
/// </summary>
public sealed class AkkaClients : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(int Port, AkkaTransport Transport), Lazy<ActorMqAkkaClient>> _clients = new();

    /// <summary>The client of the node listening for Akka on 127.0.0.1:<paramref name="akkaPort"/>.</summary>
    public ActorMqAkkaClient For(int akkaPort, AkkaTransport transport = AkkaTransport.Direct) =>
        _clients.GetOrAdd((akkaPort, transport), key => new Lazy<ActorMqAkkaClient>(() => Create([ContactPoint(key.Port)], key.Transport))).Value;

    /// <summary><c>akka.tcp://actormq@127.0.0.1:&lt;port&gt;</c>.</summary>
    public static string ContactPoint(int akkaPort) => $"akka.tcp://actormq@127.0.0.1:{akkaPort}";

    /// <summary>A new client of these contact points (the caller disposes it).</summary>
    public static ActorMqAkkaClient Create(IReadOnlyList<string> contactPoints, AkkaTransport transport, TimeSpan? requestTimeout = null) =>
        new(new ActorMqAkkaClientOptions
        {
            ContactPoints = contactPoints,
            Transport = transport,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(35),
            ConnectTimeout = TimeSpan.FromSeconds(3),
            FailureDetectionPause = TimeSpan.FromSeconds(3),
        });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            await client.Value.DisposeAsync();
        }
    }
}
