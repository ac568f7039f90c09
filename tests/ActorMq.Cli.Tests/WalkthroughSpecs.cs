using System.Text.Json;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace ActorMq.Cli.Tests;

/// <summary>The ddmq-style walkthrough (create, publish, view, consume, purge, delete) in every output format.</summary>
public sealed class WalkthroughSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task Walkthrough_in_text_prints_lines_and_aligned_tables()
    {
        var queue = NewQueue("walk-text");

        Assert.Equal($"created queue '{queue}'", (await RunAsync("create", queue, "--visibility", "60")).Ok().Output.TrimEnd());
        var first = (await RunAsync("publish", queue, "hello")).Ok();
        Assert.Matches($"^published [0-9A-Z]{{26}} to '{queue}'\n$", first.Output);
        (await RunAsync("publish", queue, """{"orderId": 42}""", "--json", "--priority", "5")).Ok();
        (await RunAsync("publish", queue, "third")).Ok();

        var view = (await RunAsync("view")).Ok();
        Assert.Equal(["QUEUE", "READY", "SCHEDULED", "DELAYED", "INFLIGHT", "PUBLISHED", "ACKED", "DEAD-LETTERED"], view.Lines[0].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var row = Assert.Single(view.Lines, l => l.StartsWith(queue + " ", StringComparison.Ordinal));
        Assert.Equal([queue, "3", "0", "0", "0", "3", "0", "0"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        AssertAligned(view.Lines);

        var consumed = (await RunAsync("consume", queue, "--count", "2")).Ok();
        Assert.Equal(3, consumed.Lines.Length);
        Assert.StartsWith("ID", consumed.Lines[0], StringComparison.Ordinal);
        Assert.EndsWith("""{"orderId": 42}""", consumed.Lines[1], StringComparison.Ordinal);   // priority 5 first
        Assert.EndsWith("\"hello\"", consumed.Lines[2], StringComparison.Ordinal);
        AssertAligned(consumed.Lines);

        Assert.Equal($"purged 1 message from '{queue}'", (await RunAsync("purge", queue)).Ok().Output.TrimEnd());
        Assert.Equal($"deleted queue '{queue}'", (await RunAsync("delete", queue)).Ok().Output.TrimEnd());
        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task Walkthrough_in_json_writes_the_api_shapes()
    {
        var queue = NewQueue("walk-json");

        var created = (await RunAsync("create", queue, "--max-receives", "3", "--format", "json")).Ok().Json;
        Assert.Equal(queue, created.GetProperty("name").GetString());
        Assert.True(created.GetProperty("created").GetBoolean());
        Assert.Equal(3, created.GetProperty("settings").GetProperty("maxReceives").GetInt32());

        var published = (await RunAsync("--format", "json", "publish", queue, "hello")).Ok().Json;
        Assert.Equal("ready", published.GetProperty("state").GetString());
        Assert.False(published.GetProperty("duplicate").GetBoolean());
        var id = published.GetProperty("id").GetString();
        (await RunAsync("publish", queue, """{"orderId": 42}""", "--json", "--format", "json")).Ok();

        var view = (await RunAsync("view", "--format", "json")).Ok().Json;
        var mine = view.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("name").GetString() == queue);
        Assert.Equal(2, mine.GetProperty("counts").GetProperty("ready").GetInt64());

        var consumed = (await RunAsync("consume", queue, "--count", "1", "--format", "json")).Ok().Json;
        var message = Assert.Single(consumed.GetProperty("messages").EnumerateArray());
        Assert.Equal(id, message.GetProperty("id").GetString());
        Assert.Equal("hello", message.GetProperty("body").GetString());
        Assert.Equal(1, message.GetProperty("receiveCount").GetInt32());
        Assert.False(message.TryGetProperty("lease", out _));

        Assert.Equal(1, (await RunAsync("purge", queue, "--format", "json")).Ok().Json.GetProperty("purged").GetInt64());
        Assert.True((await RunAsync("delete", queue, "--format", "json")).Ok().Json.GetProperty("deleted").GetBoolean());
        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task Walkthrough_in_yaml_writes_the_same_shapes()
    {
        var queue = NewQueue("walk-yaml");

        var created = Yaml((await RunAsync("create", queue, "--format", "yaml")).Ok());
        Assert.Equal(queue, Scalar(created, "name"));
        Assert.Equal("true", Scalar(created, "created"));

        var published = Yaml((await RunAsync("publish", queue, "42", "--format", "yaml")).Ok());
        var id = Scalar(published, "id");
        (await RunAsync("publish", queue, "two\nlines", "--format", "yaml")).Ok();

        var view = Yaml((await RunAsync("view", "--format", "yaml")).Ok());
        var mine = ((YamlSequenceNode)view.Children[new YamlScalarNode("queues")]).Cast<YamlMappingNode>().Single(q => Scalar(q, "name") == queue);
        Assert.Equal("2", Scalar((YamlMappingNode)mine.Children[new YamlScalarNode("counts")], "ready"));

        var consumed = Yaml((await RunAsync("consume", queue, "--all", "--format", "yaml")).Ok());
        var messages = ((YamlSequenceNode)consumed.Children[new YamlScalarNode("messages")]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal(id, Scalar(messages[0], "id"));
        var body = (YamlScalarNode)messages[0].Children[new YamlScalarNode("body")];
        Assert.Equal("42", body.Value);
        Assert.NotEqual(YamlDotNet.Core.ScalarStyle.Plain, body.Style);   // the string "42", not the number
        Assert.Equal("two\nlines", Scalar(messages[1], "body"));

        Assert.Equal("0", Scalar(Yaml((await RunAsync("purge", queue, "--format", "yaml")).Ok()), "purged"));
        Assert.Equal("true", Scalar(Yaml((await RunAsync("delete", queue, "--format", "yaml")).Ok()), "deleted"));
        Assert.False(await ExistsAsync(queue));
    }

    [Fact]
    public async Task Empty_lists_say_so_in_every_format()
    {
        var queue = await QueueAsync("walk-empty");

        Assert.Equal($"no message ready in '{queue}'\n", (await RunAsync("consume", queue, "--wait", "0")).Ok().Output);
        Assert.Equal(JsonValueKind.Array, (await RunAsync("peek", queue, "--format", "json")).Ok().Json.GetProperty("messages").ValueKind);
        Assert.Empty((await RunAsync("peek", queue, "--format", "json")).Ok().Json.GetProperty("messages").EnumerateArray());
        Assert.Equal("messages: []\n", (await RunAsync("schedule", "list", queue, "--format", "yaml")).Ok().Output);
    }

    /// <summary>Every column starts at the same place on every line (a column of all-right-aligned numbers ends there).</summary>
    internal static void AssertAligned(string[] lines)
    {
        var header = lines[0];
        var starts = new List<int> { 0 };
        for (var i = 1; i < header.Length; i++)
        {
            if (header[i] != ' ' && header[i - 1] == ' ')
            {
                starts.Add(i);
            }
        }

        foreach (var line in lines.Skip(1))
        {
            foreach (var start in starts.Skip(1))
            {
                Assert.True(line.Length > start && line[start - 1] == ' ', $"column at {start} is not aligned in:\n{string.Join('\n', lines)}");
            }
        }
    }

    internal static YamlMappingNode Yaml(CliResult result)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Output));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    internal static string? Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value;
}
