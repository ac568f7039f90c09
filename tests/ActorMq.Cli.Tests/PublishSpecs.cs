using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>publish</c>: every option reaches the message; bodies are JSON strings unless <c>--json</c>.</summary>
public sealed class PublishSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Body_is_sent_as_a_json_string_unless_json()
    {
        var queue = NewQueue("pub-body");

        (await RunAsync("publish", queue, "42")).Ok();
        (await RunAsync("publish", queue, "42", "--json")).Ok();
        (await RunAsync("publish", queue, " {\"a\": [1, 2.50]} ", "--json")).Ok();
        (await RunAsync("publish", queue, "-- not an option", "--priority", "1")).Ok();
        (await RunAsync("publish", queue, "--", "--help")).Ok();

        var bodies = (await Client.BrowseAsync(queue)).Messages.Select(m => m.Body.AsJson()).ToList();
        Assert.Equal(["\"-- not an option\"", "\"42\"", "42", "{\"a\": [1, 2.50]}", "\"--help\""], bodies);
    }

    [Fact]
    public async Task An_at_sign_is_a_body_not_a_response_file()
    {
        var queue = NewQueue("pub-at");

        (await RunAsync("publish", queue, "@everyone")).Ok();

        Assert.Equal("@everyone", Assert.Single((await Client.BrowseAsync(queue)).Messages).Body.AsText());
    }

    [Fact]
    public async Task Body_comes_from_standard_input_when_left_out_exactly()
    {
        var queue = NewQueue("pub-stdin");

        (await RunWithInputAsync(Encoding.UTF8.GetBytes("from stdin\nwith two lines\n"), "publish", queue)).Ok();
        (await RunWithInputAsync(Encoding.UTF8.GetBytes("{\"piped\": true}\n"), "publish", queue, "--json")).Ok();
        (await RunWithInputAsync([0xFF, 0xFE], "publish", queue)).Fails(ExitCodes.Usage, "not UTF-8");

        var bodies = (await Client.BrowseAsync(queue)).Messages.Select(m => m.Body.AsJson()).ToList();
        Assert.Equal(["\"from stdin\\nwith two lines\\n\"", "{\"piped\": true}"], bodies);
    }

    [Fact]
    public async Task Options_reach_the_message()
    {
        var queue = NewQueue("pub-options");

        var result = (await RunAsync(
            "publish", queue, "hi", "--id", "order-1", "--priority", "3", "--ttl", "600", "--header", "a=1", "--header", "b=x=y", "--format", "json")).Ok();

        Assert.Equal("order-1", result.Json.GetProperty("id").GetString());
        var message = await Client.GetMessageAsync(queue, "order-1");
        Assert.Equal(3, message.Priority);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "1", ["b"] = "x=y" }, message.Headers);
        Assert.NotNull(message.ExpiresAt);
        Assert.InRange(message.ExpiresAt!.Value - message.PublishedAt, TimeSpan.FromSeconds(599), TimeSpan.FromSeconds(601));
    }

    [Fact]
    public async Task Delay_and_at_schedule_the_message()
    {
        var queue = NewQueue("pub-schedule");

        var delayed = (await RunAsync("publish", queue, "later", "--delay", "3600", "--format", "json")).Ok().Json;
        var at = (await RunAsync("publish", queue, "then", "--at", "2030-01-02T03:04:05Z")).Ok();
        var past = (await RunAsync("publish", queue, "now", "--at", "2020-01-01T00:00:00Z", "--format", "json")).Ok().Json;

        Assert.Equal("scheduled", delayed.GetProperty("state").GetString());
        Assert.Matches($"^published [0-9A-Z]{{26}} to '{queue}', scheduled for 2030-01-02T03:04:05Z\n$", at.Output);
        Assert.Equal("ready", past.GetProperty("state").GetString());
        var counts = (await Client.GetQueueAsync(queue)).Counts;
        Assert.Equal((1, 2), (counts.Ready, counts.Scheduled));
    }

    [Fact]
    public async Task A_second_publish_with_a_dedup_id_stores_nothing()
    {
        var queue = NewQueue("pub-dedup");

        var first = (await RunAsync("publish", queue, "once", "--dedup", "d-1", "--format", "json")).Ok().Json;
        var second = (await RunAsync("publish", queue, "twice", "--dedup", "d-1")).Ok();

        Assert.Equal($"duplicate of {first.GetProperty("id").GetString()} in '{queue}': nothing stored\n", second.Output);
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Totals.Published);
    }

    [Fact]
    public async Task Lines_refuses_a_body_an_id_or_a_dedup_id()
    {
        var file = Path.GetTempFileName();
        try
        {
            (await RunAsync("publish", "q", "body", "--lines", file)).Fails(ExitCodes.Usage, "give BODY or --lines FILE, not both");
            (await RunAsync("publish", "q", "--lines", file, "--id", "x")).Fails(ExitCodes.Usage, "--id cannot be used with --lines");
            (await RunAsync("publish", "q", "--lines", file, "--dedup", "x")).Fails(ExitCodes.Usage, "--dedup cannot be used with --lines");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Lines_draws_a_progress_bar_only_when_standard_error_is_a_terminal()
    {
        var queue = NewQueue("pub-progress");
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, string.Concat(Enumerable.Range(0, 1200).Select(i => $"line {i}\n")));

            var quiet = await Cli.RunAsync(Server, ["publish", queue, "--lines", file]);
            var drawn = await Cli.RunAsync(Server, ["publish", queue, "--lines", file], errorIsTerminal: true, errorWidth: 60);

            quiet.Ok();
            Assert.Equal(0, drawn.ExitCode);
            Assert.Equal(quiet.Output, drawn.Output);
            Assert.StartsWith("\r[", drawn.Error, StringComparison.Ordinal);
            Assert.Contains("]  42%  500/1200 lines\r[", drawn.Error, StringComparison.Ordinal);   // drawn after the first batch
            Assert.EndsWith("] 100%  1200/1200 lines\n", drawn.Error, StringComparison.Ordinal);
            Assert.Equal(2400, (await Client.GetQueueAsync(queue)).Counts.Ready);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
