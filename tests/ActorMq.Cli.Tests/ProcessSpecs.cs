using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary>The built executable, as a user runs it: help, version, the walkthrough, a body on standard input.</summary>
public sealed class ProcessSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Help_lists_every_command_and_the_global_options()
    {
        var help = (await RunProcessAsync("--help")).Ok();

        Assert.Contains("actormq [command] [options]", help.Output, StringComparison.Ordinal);
        foreach (var command in new[] { "view", "create", "delete", "purge", "clean", "publish", "consume", "peek", "schedule", "redrive", "json" })
        {
            Assert.Contains(help.Lines, l => l.TrimStart().StartsWith(command + " ", StringComparison.Ordinal));
        }

        Assert.Contains("--server <URL>", help.Output, StringComparison.Ordinal);
        Assert.Contains("--format <text|json|yaml>", help.Output, StringComparison.Ordinal);

        var publish = (await RunProcessAsync("publish", "--help")).Ok();
        Assert.Contains("--lines <FILE>", publish.Output, StringComparison.Ordinal);
        Assert.Contains("--server <URL>", publish.Output, StringComparison.Ordinal);   // global options apply to every command
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var version = (await RunProcessAsync("--version")).Ok();

        Assert.StartsWith("0.1.0", version.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_walkthrough_runs_in_the_executable()
    {
        var queue = NewQueue("process-walk");

        Assert.Equal($"created queue '{queue}'\n", (await RunProcessAsync("create", queue)).Ok().Output);
        (await RunProcessAsync("publish", queue, "hello from a process")).Ok();
        var view = (await RunProcessAsync("view", "--format", "json")).Ok().Json;
        Assert.Contains(view.GetProperty("queues").EnumerateArray(), q => q.GetProperty("name").GetString() == queue);
        Assert.Equal("hello from a process", (await RunProcessAsync("consume", queue, "--text")).Ok().Output);
        Assert.Equal($"purged 0 messages from '{queue}'\n", (await RunProcessAsync("purge", queue)).Ok().Output);
        Assert.Equal($"deleted queue '{queue}'\n", (await RunProcessAsync("delete", queue)).Ok().Output);
    }

    [Fact]
    public async Task A_body_piped_on_standard_input_is_published_exactly()
    {
        var queue = NewQueue("process-stdin");
        var body = "piped ✓\r\nsecond line\n";

        (await CliProcess.RunAsync(Server, ["publish", queue], Encoding.UTF8.GetBytes(body))).Ok();

        Assert.Equal(body, Assert.Single((await Client.BrowseAsync(queue)).Messages).Body.AsText());
    }
}
