using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq purge QUEUE</c>: removes every live message, in-flight and scheduled ones included.</summary>
internal static class PurgeCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue to empty");
        var command = new Command("purge", "Remove every message of a queue, in-flight and scheduled ones included") { queue };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var purged = await context.Client.PurgeQueueAsync(name, context.CancellationToken).ConfigureAwait(false);
            context.Out.Summary($"purged {Views.Messages(purged)} from '{name}'", new JsonObject { ["queue"] = name, ["purged"] = purged });
        });
        return command;
    }
}
