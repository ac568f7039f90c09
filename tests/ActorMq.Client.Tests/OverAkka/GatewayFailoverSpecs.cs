using Xunit.Abstractions;

namespace ActorMq.Client.Tests.OverAkka;

/// <summary>
/// Failover between gateways: a cluster of three node processes (one with role queue, two gateways) and a client
/// with both gateways as contact points keeps working while one gateway is stopped, whichever it was using: each
/// gateway is stopped in turn (and started again before the other one stops). Runs in the shared collection so that
/// its processes never compete with the other specs for the machine.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public sealed class GatewayFailoverSpecs(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private NodeProcess? _queues;
    private NodeProcess? _first;
    private NodeProcess? _second;

    public async Task InitializeAsync()
    {
        _queues = await NodeProcess.StartAsync(["--roles", "queue"]);
        var seeds = AkkaClients.ContactPoint(_queues.AkkaPort);
        var gateways = await Task.WhenAll(
            NodeProcess.StartAsync(["--roles", "gateway", "--seeds", seeds]),
            NodeProcess.StartAsync(["--roles", "gateway", "--seeds", seeds]));
        (_first, _second) = (gateways[0], gateways[1]);
    }

    public Task DisposeAsync()
    {
        foreach (var node in new[] { _second, _first, _queues })
        {
            if (node is not null)
            {
                output.WriteLine($"--- node {node.AkkaPort} ---\n{node.Log(maxLines: 200)}");
                node.Dispose();
            }
        }

        return Task.CompletedTask;
    }

    [Theory]
    [InlineData(AkkaTransport.Direct)]
    [InlineData(AkkaTransport.ClusterClient)]
    public async Task A_client_with_two_gateways_must_keep_working_while_either_is_stopped(AkkaTransport transport)
    {
        var first = _first!;
        var second = _second!;
        await using var client = AkkaClients.Create(
            [AkkaClients.ContactPoint(first.AkkaPort), AkkaClients.ContactPoint(second.AkkaPort)], transport, requestTimeout: TimeSpan.FromSeconds(5));
        var queue = "failover-" + transport.ToString().ToLowerInvariant();
        var sent = 0;
        await client.PublishAsync(queue, MessageBody.Json($"{sent++}"));

        foreach (var stopped in new[] { second, first })
        {
            await stopped.StopGracefullyAsync(TimeSpan.FromSeconds(30));

            // Requests in flight to the stopped gateway may fail (UnavailableException); the client then uses the other.
            await Eventually.TrueAsync(async () => await PublishAsync(client, queue, sent), Patience, $"a publish with gateway {stopped.AkkaPort} stopped");
            sent++;
            await stopped.RestartAsync();
            await Eventually.TrueAsync(async () => await PublishAsync(client, queue, sent), Patience, $"a publish with gateway {stopped.AkkaPort} back");
            sent++;
        }

        var messages = await client.PopAsync(queue, maxMessages: 100);
        Assert.Equal(Enumerable.Range(0, sent).Select(i => $"{i}"), messages.Select(m => m.Body.AsJson()).Distinct());
    }

    private async Task<bool> PublishAsync(IActorMqClient client, string queue, int n)
    {
        try
        {
            // A client id makes a retried publish store the message once.
            await client.PublishAsync(queue, new PublishMessage(MessageBody.Json($"{n}")) { Id = $"m{n}" });
            return true;
        }
        catch (ActorMqException e) when (e is UnavailableException or ConflictException)
        {
            output.WriteLine($"publish {n}: {e.GetType().Name}: {e.Message}");
            return e is ConflictException;
        }
    }
}
