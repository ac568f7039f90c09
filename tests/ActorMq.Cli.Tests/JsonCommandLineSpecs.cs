using System.CommandLine;
using ActorMq.Cli.Input;

namespace ActorMq.Cli.Tests;

/// <summary>The JSON object → command line mapping of <c>json</c>, on its own.</summary>
public sealed class JsonCommandLineSpecs
{
    private static readonly RootCommand Root = BuildRoot();

    [Theory]
    [InlineData("""{"command": "view"}""", "view --")]
    [InlineData("""{"command": "publish", "queue": "q", "body": "hi", "priority": 5}""", "publish --priority=5 -- q hi")]
    [InlineData("""{"command": "publish", "queue": "q", "body": {"a": [1, 2.50]}}""", """publish --json -- q {"a": [1, 2.50]}""")]
    [InlineData("""{"command": "publish", "queue": "q", "body": "-x", "json": false}""", "publish -- q -x")]
    [InlineData("""{"command": "publish", "queue": "q", "body": "{}", "json": true}""", "publish --json -- q {}")]
    [InlineData("""{"command": "publish", "queue": "q", "body": 7, "header": ["a=1", "b=2"]}""", "publish --header=a=1 --header=b=2 --json -- q 7")]
    [InlineData("""{"command": "publish", "queue": "q", "body": null, "headers": {"a": "1"}}""", "publish --header=a=1 --json -- q null")]
    [InlineData("""{"command": "publish", "queue": "q", "lines": "in.txt", "delay": 1.5}""", "publish --lines=in.txt --delay=1.5 -- q")]
    [InlineData("""{"command": "consume", "queue": "q", "all": true, "noAck": true, "text": false}""", "consume --all --no-ack -- q")]
    [InlineData("""{"command": "consume", "queue": "q", "no-ack": true, "count": null}""", "consume --no-ack -- q")]
    [InlineData("""{"command": "create", "queue": "q", "maxReceives": 3, "deadLetter": "d", "retryDelay": 2}""", "create --max-receives=3 --dead-letter=d --retry-delay=2 -- q")]
    [InlineData("""{"command": "schedule edit", "queue": "q", "id": "m", "body": "b", "ifVersion": 2}""", "schedule edit --body=b --if-version=2 -- q m")]
    [InlineData("""{"command": "redrive", "queue": "q.dlq", "to": "q2", "server": "http://h:1", "format": "yaml"}""", "redrive --to=q2 --server=http://h:1 --format=yaml -- q.dlq")]
    public void An_object_maps_to_its_command_line(string json, string expected)
    {
        Assert.Equal(expected, string.Join(' ', JsonCommandLine.ToArgs(json, Root)));
    }

    [Theory]
    [InlineData("--max-receives", "maxReceives")]
    [InlineData("--no-ack", "noAck")]
    [InlineData("--if-version", "ifVersion")]
    [InlineData("--server", "server")]
    public void Option_keys_are_camel_case(string option, string key) => Assert.Equal(key, JsonCommandLine.KeyOf(option));

    [Fact]
    public void Every_option_of_every_command_has_a_key_that_maps_back_to_it()
    {
        foreach (var command in Commands(Root).Where(c => c.Action is not null && c.Name != "json"))
        {
            var path = CliSession.CommandPath(command);
            foreach (var option in command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not ("--help" or "--version")))
            {
                var value = option.Arity.MaximumNumberOfValues == 0 ? "true" : "\"1\"";
                var args = JsonCommandLine.ToArgs($$"""{"command": "{{path}}", "{{JsonCommandLine.KeyOf(option.Name)}}": {{value}}}""", Root);
                Assert.Contains(args, a => a == option.Name || a.StartsWith(option.Name + "=", StringComparison.Ordinal));
            }
        }
    }

    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(c => Commands(c).Prepend(c));

    private static RootCommand BuildRoot()
    {
        var session = new CliSession(new CliConsole { Out = Stream.Null, Error = TextWriter.Null }, TextWriter.Null);
        session.Root = CliApp.BuildRoot(session);
        return session.Root;
    }
}
