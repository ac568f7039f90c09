using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;

namespace ActorMq.Cli.Commands;

/// <summary><c>actormq redrive DLQ [--to QUEUE] [--max N]</c>: moves dead letters back.</summary>
internal static class RedriveCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The dead-letter queue, such as orders.dlq", helpName: "DLQ");
        var to = Symbols.QueueOption("--to", "Where to move them [default: the queue each came from]");
        var max = Symbols.Whole("--max", "Move at most this many [default: all]", min: 1);
        var command = new Command("redrive", "Move the ready messages of a dead-letter queue back to their source queue (or --to), receive counts reset")
        {
            queue, to, max,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(to) is { } target && target == result.GetValue(queue))
            {
                result.AddError($"--to names the queue being redriven ('{target}'); name another queue.");
            }
        });
        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var target = context.Value(to);
            var moved = await context.Client.RedriveAsync(name, target, context.Value(max), context.CancellationToken).ConfigureAwait(false);
            var data = new JsonObject { ["queue"] = name };
            if (target is not null)
            {
                data["to"] = target;
            }

            data["moved"] = moved;
            context.Out.Summary($"moved {Views.Messages(moved)} from '{name}' to {(target is null ? "their source queues" : $"'{target}'")}", data);
        });
        return command;
    }
}
