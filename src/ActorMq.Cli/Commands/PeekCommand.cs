using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq peek QUEUE [--count N]</c>: the next ready messages, in delivery order, changing nothing.</summary>
internal static class PeekCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var count = Symbols.Whole("--count", "How many messages to show, at most [default: 10]", min: 1);
        var command = new Command("peek", "Show the next ready messages in delivery order, without receiving them") { queue, count };
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var list = context.Out.List<QueueMessage>("messages", Views.MessageColumns, Views.Message, $"no message ready in '{name}'");
            await foreach (var page in Browsing.PagesAsync(context.Client, name, MessageState.Ready, context.Value(count) ?? 10, context.CancellationToken).ConfigureAwait(false))
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
