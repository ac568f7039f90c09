using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>json OBJECT</c>: every command described as a JSON object runs as its command line would.</summary>
public sealed class JsonCommandSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Every_command_runs_from_its_json_object()
    {
        var queue = NewQueue("json");
        var other = NewQueue("json-other");

        (await Json(new { command = "create", queue, visibility = 45, maxReceives = 2 })).Ok();
        Assert.Equal(TimeSpan.FromSeconds(45), (await Client.GetQueueAsync(queue)).Settings.VisibilityTimeout);

        (await Json(new { command = "publish", queue, body = "text body", priority = 1, header = new[] { "a=1" } })).Ok();
        (await Json(new { command = "publish", queue, body = new { orderId = 42 }, headers = new { source = "json" } })).Ok();
        (await Json(new { command = "publish", queue, body = "[1, 2]", json = true, id = "m3", dedup = "d3" })).Ok();
        (await Json(new { command = "publish", queue, body = "later", id = "s1", delay = 3600, ttl = 60 })).Ok();
        (await Json(new { command = "publish", queue, body = "much later", id = "s2", at = "2030-01-01T00:00:00Z" })).Ok();

        var bodies = (await Client.BrowseAsync(queue)).Messages.Select(m => m.Body.AsJson()).ToList();
        Assert.Equal(["\"text body\"", "{\"orderId\":42}", "[1, 2]"], bodies);
        Assert.Equal("json", (await Client.BrowseAsync(queue)).Messages[1].Headers["source"]);

        var view = (await Json(new { command = "view", format = "json" })).Ok().Json;
        Assert.Contains(view.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == queue);
        Assert.Equal(queue, (await Json(new { command = "view", queue, format = "json" })).Ok().Json.GetProperty("name").GetString());
        Assert.Equal(2, (await Json(new { command = "peek", queue, count = 2, format = "json" })).Ok().Json.GetProperty("messages").GetArrayLength());

        Assert.Equal("s1\ns2\n", string.Concat((await Json(new { command = "schedule list", queue, format = "json" })).Ok().Json
            .GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString() + "\n")));
        Assert.Equal(1, (await Json(new { command = "schedule show", queue, id = "s1", format = "json" })).Ok().Json.GetProperty("version").GetInt64());
        (await Json(new { command = "schedule edit", queue, id = "s1", priority = 9, body = new[] { 1 }, ifVersion = 1 })).Ok();
        Assert.Equal("[1]", (await Client.GetMessageAsync(queue, "s1")).Body.AsJson());
        (await Json(new { command = "schedule cancel", queue, id = "s2", ifVersion = 1 })).Ok();

        Assert.Equal("text body", (await Json(new { command = "consume", queue, count = 1, text = true, wait = 0 })).Ok().Output);
        Assert.Equal("{\"orderId\":42}", (await Json(new { command = "consume", queue, noAck = true, text = true })).Ok().Output);

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        await Client.NackAsync(queue, received.Id, received.Lease.Token, deadLetter: true);
        await Eventually.TrueAsync(async () => await ExistsAsync(queue + ".dlq"), Patience, "the dead-letter queue");
        Assert.Equal(1, (await Json(new { command = "redrive", queue = queue + ".dlq", to = other, max = 5, format = "json" })).Ok().Json.GetProperty("moved").GetInt64());

        (await Json(new { command = "publish", queue, body = "short", ttl = 0.1 })).Ok();
        await Eventually.TrueAsync(
            async () => (await Json(new { command = "clean", queue, format = "json" })).Ok().Json.GetProperty("expired").GetInt64() == 1,
            Patience,
            "clean removed the expired message");
        Assert.Equal(1, (await Json(new { command = "purge", queue, format = "json" })).Ok().Json.GetProperty("purged").GetInt64());
        (await Json(new { command = "delete", queue })).Ok();
        (await Json(new { command = "delete", queue = other })).Ok();
        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task Global_options_apply_from_outside_or_inside_the_object()
    {
        var queue = await QueueAsync("json-global");

        var outside = (await RunAsync("--format", "json", "json", $$"""{"command": "view", "queue": "{{queue}}"}""")).Ok();
        Assert.Equal(queue, outside.Json.GetProperty("name").GetString());

        var inside = (await Cli.RunAsync(ErrorSpecs.UnusedAddress(), ["json", $$"""{"command": "view", "queue": "{{queue}}", "server": "{{Server}}", "format": "yaml"}"""])).Ok();
        Assert.StartsWith("name: " + queue, inside.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_object_may_come_from_standard_input()
    {
        var queue = NewQueue("json-stdin");

        (await RunWithInputAsync(Encoding.UTF8.GetBytes($$"""{"command": "publish", "queue": "{{queue}}", "body": "piped"}"""), "json")).Ok();

        Assert.Equal("piped", Assert.Single((await Client.BrowseAsync(queue)).Messages).Body.AsText());
    }

    [Theory]
    [InlineData("[1]", "OBJECT must be a JSON object")]
    [InlineData("{\"command\": \"view\",}", "OBJECT is not valid JSON")]
    [InlineData("{\"queue\": \"q\"}", "needs \"command\"")]
    [InlineData("{\"command\": \"frobnicate\"}", "unknown command 'frobnicate'; commands: view, create")]
    [InlineData("{\"command\": \"json\"}", "unknown command 'json'")]
    [InlineData("{\"command\": \"schedule\", \"queue\": \"q\"}", "'schedule' needs one of 'schedule list'")]
    [InlineData("{\"command\": \"view\", \"colour\": \"red\"}", "'view' takes no key 'colour'; its keys: command, queue, server, format")]
    [InlineData("{\"command\": \"consume\", \"queue\": \"q\", \"all\": \"yes\"}", "'all' is a flag: true or false")]
    [InlineData("{\"command\": \"publish\", \"queue\": \"q\", \"body\": \"x\", \"priority\": [1]}", "'priority' must be a string or a number")]
    [InlineData("{\"command\": \"publish\", \"body\": \"x\"}", "'body' is given without 'queue'")]
    [InlineData("{\"command\": \"view\", \"command\": \"view\"}", "key 'command' is given more than once")]
    [InlineData("{\"command\": \"create\", \"queue\": \"q\", \"maxReceives\": -1}", "--max-receives")]
    public async Task A_bad_object_is_one_line_and_exit_code_2(string json, string error)
    {
        (await Cli.RunAsync(ErrorSpecs.UnusedAddress(), ["json", json])).Fails(ExitCodes.Usage, error);
    }

    private Task<CliResult> Json(object description) => RunAsync("json", System.Text.Json.JsonSerializer.Serialize(description));
}
