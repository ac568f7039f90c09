using ActorMq.Client;

namespace ActorMq.Bench.Peer;

/// <summary>What every scenario works with: the options, the node, and the client of the chosen transport.</summary>
internal sealed class BenchContext(PeerOptions options, NodeHost node, TextWriter log) : IAsyncDisposable
{
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);

    private IActorMqClient _client = Connect(options, node);

    public PeerOptions Options => options;

    public NodeHost Node => node;

    /// <summary>Progress and diagnostics (stderr); the result lines go to stdout.</summary>
    public TextWriter Log => log;

    /// <summary>The one client every scenario uses (the same code path for both transports).</summary>
    public IActorMqClient Client => _client;

    /// <summary>Publish rate of the warm-up, messages per second (null without warm-up): it sizes scheduled_100k's lead.</summary>
    public double? WarmupPublishRate { get; set; }

    /// <summary>A client of the node over the transport of <c>--transport</c>.</summary>
    public static IActorMqClient Connect(PeerOptions options, NodeHost node) => options.Transport switch
    {
        "akka" => new ActorMqAkkaClient(new ActorMqAkkaClientOptions { ContactPoints = [node.AkkaAddress] }),
        _ => new ActorMqHttpClient(node.HttpUrl),
    };

    /// <summary>Replaces the client with a new one (after a restart of the node), disposing the old one.</summary>
    public async Task ReconnectAsync(IActorMqClient client)
    {
        var old = _client;
        _client = client;
        await DisposeClientAsync(old);
    }

    /// <summary>Deletes the queue if it exists, then creates it with default settings (durable, as every queue is).</summary>
    public async Task RecreateQueueAsync(string queue, CancellationToken cancellationToken)
    {
        await DeleteQueueIfAnyAsync(queue, cancellationToken);
        await Client.CreateOrUpdateQueueAsync(queue, new QueueSettings(), cancellationToken);
    }

    /// <summary>Deletes the queue, if it exists, with a time bound of its own (it runs after a scenario's timeout too).</summary>
    public async Task DeleteQueueQuietlyAsync(string queue)
    {
        using var deadline = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await DeleteQueueIfAnyAsync(queue, deadline.Token);
        }
        catch (Exception e) when (e is ActorMqException or OperationCanceledException)
        {
            log.WriteLine($"[{queue}] could not delete the queue: {e.GetType().Name}: {e.Message}");
        }
    }

    public async ValueTask DisposeAsync() => await DisposeClientAsync(_client);

    private async Task DeleteQueueIfAnyAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            await Client.DeleteQueueAsync(queue, cancellationToken);
        }
        catch (QueueNotFoundException)
        {
            // Nothing to delete.
        }
    }

    private static async Task DisposeClientAsync(IActorMqClient client)
    {
        switch (client)
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
