using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq schedule cancel QUEUE ID [--if-version V]</c>: deletes a message that is not in flight.</summary>
internal static class ScheduleCancelCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var id = Symbols.MessageId("The message id");
        var ifVersion = Symbols.WholeLong("--if-version", "Cancel only if the message still has this version (see 'schedule show')", min: 0);
        var command = new Command("cancel", "Cancel (delete) a scheduled, delayed or ready message") { queue, id, ifVersion };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var messageId = context.Value(id)!;
            await context.Client.CancelMessageAsync(name, messageId, context.Value(ifVersion), context.CancellationToken).ConfigureAwait(false);
            context.Out.Summary($"cancelled {messageId} in '{name}'", new JsonObject { ["queue"] = name, ["id"] = messageId, ["cancelled"] = true });
        });
        return command;
    }
}
