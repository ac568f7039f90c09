using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>
/// A subscription over <see cref="ActorMqHttpClient"/> (the push stream) through a node restart: the node closes the
/// stream as it stops, the subscription reports it, opens a new stream once the node is back, and goes on. A node of
/// its own; in the shared collection so that its process never competes with the other specs for the machine.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public sealed class SubscriptionStreamRestartSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private NodeProcess? _node;

    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync();

    public Task DisposeAsync()
    {
        if (_node is not null)
        {
            output.WriteLine($"--- node ---\n{_node.Log(maxLines: 200)}");
            _node.Dispose();
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_subscription_must_open_a_new_stream_after_the_node_restarts()
    {
        var node = _node!;
        using var client = new ActorMqHttpClient(node.BaseAddress);
        var queue = "restart-stream";
        await client.PublishAsync(queue, MessageBody.Text("1"));
        var handled = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<SubscriptionError>();

        await using (await client.SubscribeAsync(queue, (m, _) =>
        {
            handled.Enqueue(m.Body.AsText());
            return Task.CompletedTask;
        }, new SubscriptionOptions { OnError = errors.Enqueue }))
        {
            await Eventually.TrueAsync(async () => (await client.GetQueueAsync(queue)).Totals.Acked == 1, Patience, "the first message acked");

            await node.StopGracefullyAsync(Patience);
            await node.RestartAsync();
            await client.PublishAsync(queue, MessageBody.Text("2"));
            await Eventually.TrueAsync(async () => (await client.GetQueueAsync(queue)).Totals.Acked == 2, Patience, "the second message acked");
        }

        Assert.Equal(["1", "2"], handled);
        Assert.Contains(errors, e => e.Source == SubscriptionErrorSource.Receive && e.Exception is UnavailableException);
    }
}
