using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>The consumer of README.md's "Using the .NET client", compiled and run against a real node.</summary>
public sealed class ReadmeExampleSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : ClientSpecs(shared, akka, output, ClientTransport.Http)
{
    [Fact]
    public async Task The_README_consumer_must_handle_a_published_order()
    {
        var queue = NewQueue("orders");
        var handled = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        // ---- README.md, "Using the .NET client": the same lines but for the address, the queue and `handled` ----
        using var client = new ActorMqHttpClient(Node.BaseAddress);
        await client.PublishAsync(queue, MessageBody.Serialize(new Order(42)));   // creates the queue

        await using var subscription = await client.SubscribeAsync(queue, async (message, cancellationToken) =>
        {
            var order = message.Body.Deserialize<Order>()!;
            Console.WriteLine($"order {order.OrderId}");
            handled.TrySetResult(order.OrderId);
            await Task.Delay(100, cancellationToken);             // the work; throw to nack, return to ack
        }, new SubscriptionOptions { MaxConcurrency = 4, Prefetch = 8 });
        // ---- end of the README example ----

        Assert.Equal(42, await handled.Task.WaitAsync(Patience));
        await Eventually.TrueAsync(async () => (await client.GetQueueAsync(queue)).Totals.Acked == 1, Patience, "the order is acked");
    }

    public sealed record Order(int OrderId);
}
