using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq schedule show QUEUE ID</c>: one message with its state, due time and version.</summary>
internal static class ScheduleShowCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var id = Symbols.MessageId("The message id");
        var command = new Command("show", "Show one message: its state, due time, version (for --if-version) and body") { queue, id };
        session.SetAction(command, async context =>
        {
            var message = await context.Client.GetMessageAsync(context.Value(queue)!, context.Value(id)!, context.CancellationToken).ConfigureAwait(false);
            context.Out.Fields(Views.Message(message));
        });
        return command;
    }
}
