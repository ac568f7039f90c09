using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>consume</c>: acks what it printed (or pops with <c>--no-ack</c>), in delivery order, across batches.</summary>
public sealed class ConsumeSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Consume_acks_what_it_printed_and_leaves_the_rest()
    {
        var queue = await PublishedAsync("consume-ack", "a", "b", "c");

        var result = (await RunAsync("consume", queue, "--count", "2", "--format", "json")).Ok();

        Assert.Equal(["a", "b"], result.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()));
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal((1, 0, 2), (info.Counts.Ready, info.Counts.Inflight, info.Totals.Acked));
    }

    [Fact]
    public async Task Consume_without_count_takes_one()
    {
        var queue = await PublishedAsync("consume-one", "a", "b");

        var result = (await RunAsync("consume", queue)).Ok();

        Assert.Equal(2, result.Lines.Length);
        Assert.EndsWith("\"a\"", result.Lines[1], StringComparison.Ordinal);
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Counts.Ready);
    }

    [Fact]
    public async Task No_ack_pops_the_messages()
    {
        var queue = await PublishedAsync("consume-pop", "a", "b", "c");

        var result = (await RunAsync("consume", queue, "--all", "--no-ack", "--text")).Ok();

        Assert.Equal("abc", result.Output);
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal((0L, 3L, 0L), (info.Counts.Total, info.Totals.Delivered, info.Totals.Acked));
    }

    [Fact]
    public async Task All_consumes_past_one_receive_in_order()
    {
        var queue = NewQueue("consume-many");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, string.Concat(Enumerable.Range(0, 2500).Select(i => $"{i}\n")));
            (await RunAsync("publish", queue, "--lines", file)).Ok();

            var result = (await RunAsync("consume", queue, "--all", "--format", "json")).Ok();

            var bodies = result.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
            Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"{i}\n"), bodies);
            Assert.Equal(2500, (await Client.GetQueueAsync(queue)).Totals.Acked);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Count_past_what_is_ready_returns_what_there_is()
    {
        var queue = await PublishedAsync("consume-short", "a");

        var result = (await RunAsync("consume", queue, "--count", "5", "--wait", "0", "--text")).Ok();

        Assert.Equal("a", result.Output);
    }

    [Fact]
    public async Task Wait_long_polls_for_a_message_that_becomes_ready()
    {
        var queue = NewQueue("consume-wait");
        (await RunAsync("publish", queue, "soon", "--delay", "1")).Ok();

        var result = (await RunAsync("consume", queue, "--wait", "10", "--text")).Ok();

        Assert.Equal("soon", result.Output);
    }

    [Fact]
    public async Task Text_writes_strings_as_text_other_json_as_json_and_binary_as_bytes()
    {
        var queue = NewQueue("consume-text");
        await Client.PublishAsync(queue, MessageBody.Text("text, "));
        await Client.PublishAsync(queue, MessageBody.Json("""{"a": [1, 2.50]}"""));
        await Client.PublishAsync(queue, MessageBody.Binary([0x00, 0xFF, 0x0A]));
        await Client.PublishAsync(queue, MessageBody.Json("null"));

        var result = (await RunAsync("consume", queue, "--all", "--text")).Ok();

        Assert.Equal([.. Encoding.UTF8.GetBytes("text, {\"a\": [1, 2.50]}"), 0x00, 0xFF, 0x0A, .. "null"u8.ToArray()], result.OutputBytes);
    }

    [Fact]
    public async Task Json_and_yaml_show_binary_bodies_as_base64_and_headers()
    {
        var queue = NewQueue("consume-shapes");
        await Client.PublishAsync(queue, new PublishMessage(MessageBody.Binary([1, 2, 3])) { Headers = new Dictionary<string, string> { ["k"] = "v" } });

        var message = Assert.Single((await RunAsync("peek", queue, "--format", "json")).Ok().Json.GetProperty("messages").EnumerateArray());
        Assert.Equal("AQID", message.GetProperty("bodyBase64").GetString());
        Assert.False(message.TryGetProperty("body", out _));
        Assert.Equal("v", message.GetProperty("headers").GetProperty("k").GetString());

        var text = (await RunAsync("consume", queue)).Ok();
        Assert.EndsWith("(binary, 3 bytes)", text.Lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_options_are_sent_as_given()
    {
        using var server = new RecordingServer("""{"messages": []}""");

        (await Cli.RunAsync(server.Address, ["consume", "q", "--count", "5", "--wait", "2.5", "--visibility", "90"])).Ok();
        (await Cli.RunAsync(server.Address, ["consume", "q", "--all", "--no-ack"])).Ok();

        Assert.Equal(
            [
                """POST /v1/queues/q/messages/receive {"max":5,"visibilityTimeoutSeconds":90,"waitSeconds":2.5}""",
                """POST /v1/queues/q/messages/pop {"max":1000}""",
            ],
            server.Requests);
    }

    [Fact]
    public async Task Messages_printed_but_not_acked_are_an_error_after_a_whole_json_document()
    {
        using var server = new RecordingServer(request => request switch
        {
            "POST /v1/queues/q/messages/receive" => """
                {"messages": [{"id": "m1", "body": "hi", "priority": 100, "headers": {}, "publishedAt": "2030-01-01T00:00:00Z",
                  "receiveCount": 1, "lease": {"token": "t1", "expiresAt": "2030-01-01T00:00:30Z"}}]}
                """,
            "POST /v1/queues/q/messages/ack" => """{"results": [{"id": "m1", "acked": false, "status": 409, "detail": "The lease has expired."}]}""",
            _ => "{}",
        });

        var result = await Cli.RunAsync(server.Address, ["consume", "q", "--format", "json"]);

        Assert.Equal(ExitCodes.ServerError, result.ExitCode);
        Assert.Equal("m1", Assert.Single(result.Json.GetProperty("messages").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(
            "actormq: 1 of the 1 messages just printed could not be acked and will be delivered again (first: m1: The lease has expired.)\n",
            result.Error);
    }

    [Fact]
    public async Task Cancelling_a_long_poll_ends_with_exit_code_130()
    {
        var queue = await QueueAsync("consume-cancel");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Cli.RunAsync(Server, ["consume", queue, "--wait", "20"], cancellationToken: cancel.Token);

        result.Fails(ExitCodes.Cancelled, "cancelled");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Peek_changes_nothing_and_shows_the_next_ready_messages()
    {
        var queue = await PublishedAsync("peek", "a", "b", "c");

        var first = (await RunAsync("peek", queue, "--count", "2")).Ok();
        var again = (await RunAsync("peek", queue, "--count", "2")).Ok();

        Assert.Equal(first.Output, again.Output);
        Assert.Equal(3, first.Lines.Length);
        Assert.EndsWith("\"b\"", first.Lines[2], StringComparison.Ordinal);
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal((3L, 0L), (info.Counts.Ready, info.Totals.Delivered));
    }

    [Fact]
    public async Task Peek_follows_pages_up_to_count()
    {
        var queue = NewQueue("peek-pages");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 1000).Select(i => new PublishMessage(MessageBody.Text($"{i}"))).ToArray());
        await Client.PublishBatchAsync(queue, Enumerable.Range(1000, 300).Select(i => new PublishMessage(MessageBody.Text($"{i}"))).ToArray());

        var result = (await RunAsync("peek", queue, "--count", "1200", "--format", "json")).Ok();

        var bodies = result.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 1200).Select(i => $"{i}"), bodies);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("yaml")]
    public async Task Bodies_of_every_json_kind_are_shown_in_every_format(string format)
    {
        var queue = NewQueue("consume-kinds");
        foreach (var body in new[] { """{"a": 1, "a": 2}""", "[1, [2], {}]", "1.50", "true", "null", "\"\"", "{}" })
        {
            await Api.PublishAsync(queue, $$"""{"body": {{body}}}""");
        }

        var result = (await RunAsync("peek", queue, "--format", format)).Ok();
        (await RunAsync("schedule", "show", queue, (await Client.BrowseAsync(queue)).Messages[0].Id, "--format", format)).Ok();

        if (format == "json")
        {
            var bodies = result.Json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("body").GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)).ToList();
            Assert.Equal(7, bodies.Count);
            Assert.Equal("1.50", bodies[2]);
            Assert.Contains("\"a\": 1", result.Output, StringComparison.Ordinal);
            Assert.Contains("\"a\": 2", result.Output, StringComparison.Ordinal);
        }
    }

    private async Task<string> PublishedAsync(string prefix, params string[] bodies)
    {
        var queue = NewQueue(prefix);
        foreach (var body in bodies)
        {
            await Client.PublishAsync(queue, MessageBody.Text(body));
        }

        return queue;
    }
}
