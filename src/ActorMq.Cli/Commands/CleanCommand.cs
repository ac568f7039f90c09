using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq clean QUEUE</c>: removes (or dead-letters) the expired messages now.</summary>
internal static class CleanCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue to sweep");
        var command = new Command("clean", "Remove the expired messages now (dead-letter them, if the queue says so)") { queue };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var expired = await context.Client.SweepQueueAsync(name, context.CancellationToken).ConfigureAwait(false);
            context.Out.Summary($"removed {Views.Messages(expired, "expired message")} from '{name}'", new JsonObject { ["queue"] = name, ["expired"] = expired });
        });
        return command;
    }
}
