using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>create</c>, <c>view</c>, <c>purge</c>, <c>clean</c> and <c>delete</c>.</summary>
public sealed class QueueCommandSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Create_sets_every_named_setting()
    {
        var queue = NewQueue("create");

        (await RunAsync(
            "create", queue, "--visibility", "45.5", "--max-receives", "3", "--dead-letter", queue + "-dead", "--ttl", "3600",
            "--priority", "7", "--retry-delay", "2", "--dedup-window", "60", "--max-bytes", "1024", "--max-depth", "500")).Ok();

        Assert.Equal(
            new QueueSettings
            {
                VisibilityTimeout = TimeSpan.FromSeconds(45.5),
                MaxReceives = 3,
                DeadLetterQueue = queue + "-dead",
                MessageTtl = TimeSpan.FromHours(1),
                DefaultPriority = 7,
                RetryDelay = TimeSpan.FromSeconds(2),
                DedupWindow = TimeSpan.FromMinutes(1),
                MaxMessageBytes = 1024,
                MaxDepth = 500,
            },
            (await Client.GetQueueAsync(queue)).Settings);
    }

    [Fact]
    public async Task Create_on_an_existing_queue_changes_only_the_named_settings()
    {
        var queue = NewQueue("create-again");
        (await RunAsync("create", queue, "--visibility", "60", "--max-receives", "2")).Ok();

        var again = (await RunAsync("create", queue, "--priority", "1")).Ok();

        Assert.Equal($"updated queue '{queue}'\n", again.Output);
        var settings = (await Client.GetQueueAsync(queue)).Settings;
        Assert.Equal((TimeSpan.FromSeconds(60), 2, 1), (settings.VisibilityTimeout, settings.MaxReceives, settings.DefaultPriority));
    }

    [Fact]
    public async Task View_of_one_queue_shows_settings_counts_and_totals()
    {
        var queue = await QueueAsync("view-one");
        await Client.PublishAsync(queue, MessageBody.Text("x"));

        var text = (await RunAsync("view", queue)).Ok();
        var json = (await RunAsync("view", queue, "--format", "json")).Ok().Json;

        Assert.Contains(text.Lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["settings.visibilityTimeoutSeconds", "30"]);
        Assert.Contains(text.Lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["counts.ready", "1"]);
        Assert.Contains(text.Lines, l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries) is ["settings.deadLetterQueue", var dlq] && dlq == queue + ".dlq");
        Assert.Equal(queue, json.GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("totals").GetProperty("published").GetInt64());
    }

    [Fact]
    public async Task Purge_removes_scheduled_messages_too()
    {
        var queue = NewQueue("purge");
        (await RunAsync("publish", queue, "now")).Ok();
        (await RunAsync("publish", queue, "later", "--delay", "3600")).Ok();

        Assert.Equal($"purged 2 messages from '{queue}'\n", (await RunAsync("purge", queue)).Ok().Output);
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
    }

    [Fact]
    public async Task Clean_removes_expired_messages_now()
    {
        var queue = NewQueue("clean");
        (await RunAsync("publish", queue, "short-lived", "--ttl", "0.2")).Ok();
        (await RunAsync("publish", queue, "long-lived")).Ok();

        long expired = 0;
        await Eventually.TrueAsync(
            async () =>
            {
                expired += (await RunAsync("clean", queue, "--format", "json")).Ok().Json.GetProperty("expired").GetInt64();
                return expired == 1;
            },
            Patience,
            "the short-lived message expired");

        var info = await Client.GetQueueAsync(queue);
        Assert.Equal((1L, 1L), (info.Counts.Ready, info.Totals.Expired));
        Assert.Equal($"removed 0 expired messages from '{queue}'\n", (await RunAsync("clean", queue)).Ok().Output);
    }

    [Fact]
    public async Task Delete_removes_the_queue_with_its_messages()
    {
        var queue = NewQueue("delete");
        (await RunAsync("publish", queue, "x")).Ok();

        (await RunAsync("delete", queue)).Ok();

        Assert.False(await ExistsAsync(queue));
        Assert.DoesNotContain(queue, (await RunAsync("view")).Ok().Output, StringComparison.Ordinal);
    }
}
