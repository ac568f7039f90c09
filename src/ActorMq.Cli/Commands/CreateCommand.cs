using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary>
/// <c>actormq create QUEUE [settings]</c>: creates a queue, or changes the named settings of an existing one (the
/// others keep their values).
/// </summary>
internal static class CreateCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue to create (or update)");
        var visibility = Symbols.Seconds("--visibility", "How long a receive leases a message (visibility timeout) [default: 30]", allowZero: false, Values.MaxLease);
        var maxReceives = Symbols.Whole("--max-receives", "Leases after which a message is dead-lettered; 0 = unlimited [default: 10]", min: 0);
        var deadLetter = Symbols.QueueOption("--dead-letter", "Where dead letters go [default: QUEUE.dlq]");
        var ttl = Symbols.Seconds("--ttl", "Time to live of messages once deliverable [default: none]", allowZero: false, Values.MaxAhead);
        var priority = Symbols.Whole("--priority", "Priority of messages that name none; lower is more urgent [default: 100]", min: 0);
        var retryDelay = Symbols.Seconds("--retry-delay", "How long a message whose lease expired waits before it is ready again [default: 0]", allowZero: true, Values.MaxLease);
        var dedupWindow = Symbols.Seconds("--dedup-window", "How long a dedup id is remembered [default: 300]", allowZero: true, TimeSpan.FromDays(7));
        var maxBytes = Symbols.Whole("--max-bytes", "Largest message body, in bytes [default: 262144]", min: 1, max: 16 * 1024 * 1024);
        var maxDepth = Symbols.WholeLong("--max-depth", "Most live messages; publishes beyond are refused [default: none]", min: 1);
        var command = new Command("create", "Create a queue, or change the named settings of an existing one")
        {
            queue, visibility, maxReceives, deadLetter, ttl, priority, retryDelay, dedupWindow, maxBytes, maxDepth,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(deadLetter) is { } target && target == result.GetValue(queue))
            {
                result.AddError($"--dead-letter cannot be the queue itself ('{target}').");
            }
        });

        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var cancellationToken = context.CancellationToken;
            QueueSettings settings;
            try
            {
                settings = (await context.Client.GetQueueAsync(name, cancellationToken).ConfigureAwait(false)).Settings;
            }
            catch (QueueNotFoundException)
            {
                settings = new QueueSettings();
            }

            settings = settings with
            {
                VisibilityTimeout = context.Value(visibility) ?? settings.VisibilityTimeout,
                MaxReceives = context.Value(maxReceives) ?? settings.MaxReceives,
                DeadLetterQueue = context.Value(deadLetter) ?? settings.DeadLetterQueue,
                MessageTtl = context.Value(ttl) ?? settings.MessageTtl,
                DefaultPriority = context.Value(priority) ?? settings.DefaultPriority,
                RetryDelay = context.Value(retryDelay) ?? settings.RetryDelay,
                DedupWindow = context.Value(dedupWindow) ?? settings.DedupWindow,
                MaxMessageBytes = context.Value(maxBytes) ?? settings.MaxMessageBytes,
                MaxDepth = context.Value(maxDepth) ?? settings.MaxDepth,
            };
            var result = await context.Client.CreateOrUpdateQueueAsync(name, settings, cancellationToken).ConfigureAwait(false);
            var data = Views.Queue(result.Queue);
            data["created"] = result.Created;
            context.Out.Summary($"{(result.Created ? "created" : "updated")} queue '{name}'", data);
        });
        return command;
    }
}
