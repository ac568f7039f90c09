using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq delete QUEUE</c>: deletes a queue with all its messages.</summary>
internal static class DeleteCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue to delete");
        var command = new Command("delete", "Delete a queue with all its messages") { queue };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            await context.Client.DeleteQueueAsync(name, context.CancellationToken).ConfigureAwait(false);
            context.Out.Summary($"deleted queue '{name}'", new JsonObject { ["queue"] = name, ["deleted"] = true });
        });
        return command;
    }
}
