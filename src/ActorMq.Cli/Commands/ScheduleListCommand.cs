using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq schedule list QUEUE [--count N]</c>: the scheduled messages by due time.</summary>
internal static class ScheduleListCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var count = Symbols.Whole("--count", "How many messages to list, at most [default: 100]", min: 1);
        var command = new Command("list", "List the scheduled messages of a queue, the soonest first") { queue, count };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var list = context.Out.List("messages", Views.ScheduledColumns, Views.Message, $"no scheduled message in '{name}'");
            await foreach (var page in Browsing.PagesAsync(context.Client, name, MessageState.Scheduled, context.Value(count) ?? 100, context.CancellationToken).ConfigureAwait(false))
            {
                foreach (var message in page)
                {
                    list.Add(message);
                }

                list.Flush();
            }

            list.End();
        });
        return command;
    }
}
