using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>redrive DLQ [--to Q] [--max N]</c>.</summary>
public sealed class RedriveSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Redrive_moves_dead_letters_back_to_their_source_or_elsewhere()
    {
        var queue = await QueueAsync("redrive");
        var other = NewQueue("redrive-to");
        var dlq = queue + ".dlq";
        foreach (var body in new[] { "a", "b", "c" })
        {
            await Client.PublishAsync(queue, MessageBody.Text(body));
            var received = Assert.Single(await Client.ReceiveAsync(queue));
            await Client.NackAsync(queue, received.Id, received.Lease.Token, deadLetter: true);
        }

        await Eventually.TrueAsync(async () => await ExistsAsync(dlq) && (await Client.GetQueueAsync(dlq)).Counts.Ready == 3, Patience, "three dead letters");

        Assert.Equal($"moved 1 message from '{dlq}' to their source queues\n", (await RunAsync("redrive", dlq, "--max", "1")).Ok().Output);
        var toOther = (await RunAsync("redrive", dlq, "--to", other, "--max", "1", "--format", "json")).Ok().Json;
        Assert.Equal((1, other), (toOther.GetProperty("moved").GetInt64(), toOther.GetProperty("to").GetString()));
        Assert.Equal(1, (await RunAsync("redrive", dlq, "--format", "json")).Ok().Json.GetProperty("moved").GetInt64());

        Assert.Equal("ac", (await RunAsync("consume", queue, "--all", "--text")).Ok().Output);
        Assert.Equal("b", (await RunAsync("consume", other, "--all", "--text")).Ok().Output);
        Assert.Equal(0, (await Client.GetQueueAsync(dlq)).Counts.Total);
    }
}
