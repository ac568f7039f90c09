using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary><see cref="ActorMqHttpClient.OpenStreamAsync"/> and <see cref="MessageStream"/> against the shared node.</summary>
[Collection(ClientNodeCollection.Name)]
public sealed class MessageStreamSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ActorMqHttpClient _client = new(shared.Node.Http);

    [Fact]
    public async Task A_stream_must_deliver_in_order_within_its_credit_and_its_leases_must_ack()
    {
        var queue = Api.NewQueue("client-stream");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _client.PublishAsync(queue, new PublishMessage(MessageBody.Json($"{i}")))).Id);
        }

        await using var stream = await _client.OpenStreamAsync(queue, maxPerFrame: 2, visibilityTimeout: TimeSpan.FromMinutes(2));
        Assert.Equal(queue, stream.Queue);
        await stream.GrantAsync(3);
        var received = await ReadAsync(stream, 3);
        Assert.Equal(ids.Take(3), received.Select(m => m.Id));
        Assert.All(received, m => Assert.InRange(m.Lease.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(121)));
        Assert.Equal(2, (await _client.GetQueueAsync(queue)).Counts.Ready);

        var acked = await _client.AckBatchAsync(queue, received.Select(LeaseReference.Of).ToArray());
        Assert.All(acked, a => Assert.True(a.Acked));
        await stream.GrantAsync(10);
        Assert.Equal(ids.Skip(3), (await ReadAsync(stream, 2)).Select(m => m.Id));
    }

    [Fact]
    public async Task A_refused_stream_must_throw_the_exception_of_its_problem()
    {
        await using (var missing = await _client.OpenStreamAsync("no-such-queue-" + Guid.NewGuid().ToString("N")))
        {
            await missing.GrantAsync(1);
            await Assert.ThrowsAsync<QueueNotFoundException>(() => ReadWithinPatienceAsync(missing));
        }

        var queue = Api.NewQueue("client-stream-bad");
        await _client.CreateOrUpdateQueueAsync(queue);
        await using var bad = await _client.OpenStreamAsync(queue, maxPerFrame: 0);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ReadWithinPatienceAsync(bad));
        Assert.Equal("max", refused.Problem.Field);
    }

    [Fact]
    public async Task Credit_under_one_must_be_refused_before_it_is_sent()
    {
        var queue = Api.NewQueue("client-stream-credit");
        await _client.CreateOrUpdateQueueAsync(queue);
        await using var stream = await _client.OpenStreamAsync(queue);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stream.GrantAsync(0));
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_must_give_an_unavailable_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new ActorMqHttpClient(new Uri($"http://127.0.0.1:{port}"));
        await Assert.ThrowsAsync<UnavailableException>(() => client.OpenStreamAsync("q"));
    }

    private Api Api { get; } = new(shared.Node.Http);

    private static async Task<List<ReceivedMessage>> ReadAsync(MessageStream stream, int count)
    {
        var messages = new List<ReceivedMessage>();
        while (messages.Count < count)
        {
            messages.AddRange(await ReadWithinPatienceAsync(stream));
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }

    private static async Task<IReadOnlyList<ReceivedMessage>> ReadWithinPatienceAsync(MessageStream stream)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await stream.ReadAsync(timeout.Token);
    }
}
