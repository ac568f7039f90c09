using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq view [QUEUE]</c>: the queues with their counts, or one queue in full.</summary>
internal static class ViewCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.OptionalQueue("A queue to show with its settings, counts and totals; without it, every queue");
        var command = new Command("view", "List the queues with their message counts, or show one queue") { queue };
        session.SetAction(command, async context =>
        {
            var cancellationToken = context.CancellationToken;
            if (context.Value(queue) is { } name)
            {
                context.Out.Fields(Views.Queue(await context.Client.GetQueueAsync(name, cancellationToken).ConfigureAwait(false)));
                return;
            }

            var queues = await context.Client.ListQueuesAsync(cancellationToken).ConfigureAwait(false);
            var list = context.Out.List("queues", Views.QueueColumns, Views.Queue, "no queues");
            foreach (var info in queues)
            {
                list.Add(info);
            }

            list.End();
        });
        return command;
    }
}
