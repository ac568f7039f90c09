using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary>
/// Errors are one line on standard error with distinct exit codes: 2 for a bad command line or value (refused before
/// anything is sent), 1 for what the server refused (its detail), 3 when the server cannot be reached.
/// </summary>
public sealed class ErrorSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    /// <summary>Command lines with one bad value ({q} is a fresh queue name) and what the error must name.</summary>
    public static TheoryData<string[], string> BadValues => new()
    {
        { ["publish", "{q}", "x", "--priority", "-1"], "--priority must be a whole number of 0 or more; got '-1'" },
        { ["publish", "{q}", "x", "--priority", "high"], "--priority" },
        { ["publish", "{q}", "x", "--delay", "-5"], "--delay" },
        { ["publish", "{q}", "x", "--delay", "soon"], "--delay must be a number of seconds" },
        { ["publish", "{q}", "x", "--delay", "400000000"], "--delay" },
        { ["publish", "{q}", "x", "--at", "tomorrow"], "--at must be a time such as" },
        { ["publish", "{q}", "x", "--at", "2999-01-01T00:00:00Z"], "--at is more than 3650 days ahead" },
        { ["publish", "{q}", "x", "--delay", "5", "--at", "2030-01-01T00:00:00Z"], "--delay and --at cannot be used together" },
        { ["publish", "{q}", "x", "--ttl", "0"], "--ttl" },
        { ["publish", "{q}", "x", "--id", "has space"], "--id" },
        { ["publish", "{q}", "x", "--dedup", ""], "--dedup" },
        { ["publish", "{q}", "x", "--header", "novalue"], "--header must be NAME=VALUE" },
        { ["publish", "{q}", "x", "--header", "a=1", "--header", "a=2"], "--header names header 'a' more than once" },
        { ["publish", "{q}", "{not json", "--json"], "BODY is not valid JSON (--json)" },
        { ["publish", "{q}", "--lines", "/no/such/file.txt"], "--lines names no file" },
        { ["publish", "{q}"], "no BODY" },
        { ["publish", "not a name", "x"], "'queue' value 'not a name' is not a valid queue name" },
        { ["publish", new string('q', 121), "x"], "at most 120" },
        { ["create", "{q}", "--visibility", "0"], "--visibility" },
        { ["create", "{q}", "--visibility", "50000"], "--visibility" },
        { ["create", "{q}", "--max-receives", "-1"], "--max-receives" },
        { ["create", "{q}", "--dead-letter", "bad name"], "--dead-letter" },
        { ["create", "{q}", "--dead-letter", "{q}"], "--dead-letter cannot be the queue itself" },
        { ["create", "{q}", "--ttl", "-1"], "--ttl" },
        { ["create", "{q}", "--priority", "-3"], "--priority" },
        { ["create", "{q}", "--retry-delay", "-1"], "--retry-delay" },
        { ["create", "{q}", "--dedup-window", "700000"], "--dedup-window" },
        { ["create", "{q}", "--max-bytes", "0"], "--max-bytes" },
        { ["create", "{q}", "--max-depth", "0"], "--max-depth" },
        { ["consume", "{q}", "--count", "0"], "--count" },
        { ["consume", "{q}", "--count", "2", "--all"], "--count and --all cannot be used together" },
        { ["consume", "{q}", "--wait", "21"], "--wait" },
        { ["consume", "{q}", "--visibility", "0"], "--visibility" },
        { ["consume", "{q}", "--no-ack", "--wait", "1"], "--wait cannot be used with --no-ack" },
        { ["peek", "{q}", "--count", "0"], "--count" },
        { ["schedule", "list", "{q}", "--count", "-1"], "--count" },
        { ["schedule", "show", "{q}", "not an id!"], "'id' value 'not an id!' is not a valid message id" },
        { ["schedule", "edit", "{q}", "m1"], "nothing to change" },
        { ["schedule", "edit", "{q}", "m1", "--priority", "1", "--json"], "--json applies to --body" },
        { ["schedule", "edit", "{q}", "m1", "--body", "[1,", "--json"], "--body is not valid JSON" },
        { ["schedule", "cancel", "{q}", "m1", "--if-version", "x"], "--if-version" },
        { ["redrive", "{q}.dlq", "--to", "{q}.dlq"], "--to names the queue being redriven" },
        { ["redrive", "{q}.dlq", "--max", "0"], "--max" },
        { ["view", "bad/name"], "not a valid queue name" },
        { ["view", "--format", "xml"], "--format must be text, json or yaml; got 'xml'" },
        { ["--server", "ftp://example", "view"], "--server must be an absolute http or https address" },
        { ["bogus"], "unrecognized command or argument 'bogus'" },
        { ["publish"], "Required argument missing" },
        { ["schedule"], "Required command was not provided" },
        { ["json", "{\"command\": \"publish\", \"queue\": \"{q}\", \"body\": \"x\", \"priority\": -1}"], "--priority" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_one_line_naming_it_exit_code_2_and_nothing_is_stored(string[] template, string error)
    {
        var queue = NewQueue("bad");
        var args = template.Select(a => a.Replace("{q}", queue, StringComparison.Ordinal)).ToArray();

        (await RunAsync(args)).Fails(ExitCodes.Usage, error);

        Assert.False(await ExistsAsync(queue));
        Assert.False(await ExistsAsync(queue + ".dlq"));
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task A_bad_value_is_refused_without_reaching_for_the_server(string[] template, string error)
    {
        // A server nobody listens on: had anything been sent, the exit code would be 3.
        var args = template.Select(a => a.Replace("{q}", "q", StringComparison.Ordinal)).ToArray();

        var result = await Cli.RunAsync(UnusedAddress(), args);

        result.Fails(ExitCodes.Usage, error);
    }

    [Fact]
    public async Task A_bad_value_leaves_an_existing_queue_as_it_was()
    {
        var queue = await QueueAsync("bad-existing");
        var before = (await Client.GetQueueAsync(queue)).Settings;

        (await RunAsync("publish", queue, "x", "--ttl", "-1")).Fails(ExitCodes.Usage, "--ttl");
        (await RunAsync("create", queue, "--visibility", "100000")).Fails(ExitCodes.Usage, "--visibility");

        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(0, info.Totals.Published);
        Assert.Equal(before, info.Settings);
    }

    [Fact]
    public async Task What_the_server_refuses_is_its_detail_on_one_line_and_exit_code_1()
    {
        var missing = NewQueue("missing");
        (await RunAsync("delete", missing)).Fails(ExitCodes.ServerError, $"Queue '{missing}' does not exist.");
        (await RunAsync("consume", missing)).Fails(ExitCodes.ServerError, "does not exist");
        (await RunAsync("view", missing)).Fails(ExitCodes.ServerError, "does not exist");

        var queue = await QueueAsync("refused", new QueueSettings { MaxDepth = 1, MaxMessageBytes = 10 });
        (await RunAsync("schedule", "show", queue, "nope")).Fails(ExitCodes.ServerError, "has no live message with id 'nope'");
        (await RunAsync("publish", queue, "this body is too long")).Fails(ExitCodes.ServerError, "maxMessageBytes is 10");
        (await RunAsync("publish", queue, "one", "--id", "m1")).Ok();
        (await RunAsync("publish", queue, "two")).Fails(ExitCodes.ServerError, "maxDepth");
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Totals.Published);
    }

    [Fact]
    public async Task A_client_id_a_live_message_has_is_a_conflict()
    {
        var queue = await QueueAsync("conflict");
        (await RunAsync("publish", queue, "one", "--id", "m1")).Ok();

        (await RunAsync("publish", queue, "two", "--id", "m1")).Fails(ExitCodes.ServerError, "m1");
    }

    [Theory]
    [InlineData("view")]
    [InlineData("publish", "q", "hello")]
    [InlineData("consume", "q", "--all")]
    [InlineData("schedule", "list", "q")]
    public async Task A_server_that_cannot_be_reached_is_exit_code_3(params string[] args)
    {
        var server = UnusedAddress();

        var result = await Cli.RunAsync(null, ["--server", server.AbsoluteUri, .. args]);

        result.Fails(ExitCodes.Unreachable, $"{server.GetLeftPart(UriPartial.Authority)} did not answer");
    }

    [Fact]
    public async Task Actormq_url_names_the_server_and_server_overrides_it()
    {
        (await Cli.RunAsync(Server, ["view"])).Ok();
        (await Cli.RunAsync(UnusedAddress(), ["--server", Server.AbsoluteUri, "view"])).Ok();
        (await Cli.RunAsync(UnusedAddress(), ["view"])).Fails(ExitCodes.Unreachable);
    }

    [Fact]
    public async Task A_bad_actormq_url_is_a_usage_error()
    {
        var result = await Cli.RunAsync(new Uri("file:///tmp/x"), ["view"]);

        result.Fails(ExitCodes.Usage, "ACTORMQ_URL must be an absolute http or https address");
    }

    [Fact]
    public async Task Errors_of_the_executable_are_one_line_with_the_same_exit_codes()
    {
        var missing = NewQueue("missing");

        (await RunProcessAsync("delete", missing)).Fails(ExitCodes.ServerError, "does not exist");
        (await RunProcessAsync("publish", missing, "x", "--priority", "-1")).Fails(ExitCodes.Usage, "--priority");
        (await CliProcess.RunAsync(UnusedAddress(), ["view"])).Fails(ExitCodes.Unreachable, "did not answer");
        Assert.False(await ExistsAsync(missing));
    }

    /// <summary>A loopback address with nothing listening.</summary>
    internal static Uri UnusedAddress()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }
}
