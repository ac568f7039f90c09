using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary>
/// <c>actormq consume QUEUE</c>: receives messages, prints them, and acks what it printed (or pops them with
/// <c>--no-ack</c>). With <c>--text</c> it prints each body exactly as stored, adding nothing, so that
/// <c>publish --lines</c> then <c>consume --all --text</c> copies a text file byte for byte.
/// </summary>
internal static class ConsumeCommand
{
    /// <summary>Most messages one receive asks for (the API's limit).</summary>
    internal const int MaxPerReceive = 1000;

    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var count = Symbols.Whole("--count", "How many messages to consume, at most [default: 1]", min: 1);
        var all = Symbols.Flag("--all", "Consume until no message is ready");
        var noAck = Symbols.Flag("--no-ack", "Pop the messages (receive and delete in one step, at most once) instead of acking them after printing");
        var wait = Symbols.Seconds("--wait", "How long each receive waits for a message when none is ready [default: 1]", allowZero: true, TimeSpan.FromSeconds(20));
        var visibility = Symbols.Seconds("--visibility", "How long the leases last until the messages are printed and acked [default: the queue's]", allowZero: false, Values.MaxLease);
        var text = Symbols.Flag("--text", "Write each body exactly as stored, adding nothing (instead of --format): a string as its text, other JSON as its JSON text, binary as its bytes");
        var command = new Command("consume", "Receive messages, print them, and ack what was printed")
        {
            queue, count, all, noAck, wait, visibility, text,
        };
        Symbols.OneOf(command, count, all);
        command.Validators.Add(result =>
        {
            if (result.GetValue(noAck))
            {
                foreach (var option in (Option[])[wait, visibility])
                {
                    if (Symbols.Given(result, option))
                    {
                        result.AddError($"{option.Name} cannot be used with --no-ack: a pop neither waits nor leases.");
                    }
                }
            }
        });

        session.SetAction(command, async context =>
        {
            var name = context.Value(queue)!;
            var consumer = new Consumer(
                context,
                name,
                context.Value(all) ? long.MaxValue : context.Value(count) ?? 1,
                context.Value(noAck),
                context.Value(wait) ?? TimeSpan.FromSeconds(1),
                context.Value(visibility),
                context.Value(text) ? null : context.Out.List("messages", Views.MessageColumns, Views.Message, $"no message ready in '{name}'"));
            await consumer.RunAsync().ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>One run: receive a batch, print it, flush, ack it; until enough, or a receive returns none.</summary>
    private sealed class Consumer(
        CommandContext context, string queue, long wanted, bool pop, TimeSpan wait, TimeSpan? visibility, ListWriter<QueueMessage>? list)
    {
        public async Task RunAsync()
        {
            try
            {
                await ConsumeAsync().ConfigureAwait(false);
            }
            catch when (list is { Count: > 0 })
            {
                // Close what was printed (a JSON document stays whole), then report the error.
                EndQuietly();
                throw;
            }

            list?.End();
        }

        private void EndQuietly()
        {
            try
            {
                list!.End();
            }
            catch (IOException)
            {
                // Standard output is gone; the error still goes to standard error.
            }
        }

        private async Task ConsumeAsync()
        {
            var cancellationToken = context.CancellationToken;
            long consumed = 0;
            while (consumed < wanted)
            {
                var max = (int)Math.Min(wanted - consumed, MaxPerReceive);
                IReadOnlyList<QueueMessage> batch = pop
                    ? await context.Client.PopAsync(queue, max, cancellationToken).ConfigureAwait(false)
                    : await context.Client.ReceiveAsync(queue, max, visibility, wait, cancellationToken).ConfigureAwait(false);
                if (batch.Count == 0)
                {
                    break;
                }

                Print(batch);
                if (!pop)
                {
                    await AckAsync(batch.Cast<ReceivedMessage>().ToArray(), cancellationToken).ConfigureAwait(false);
                }

                consumed += batch.Count;
            }
        }

        private void Print(IReadOnlyList<QueueMessage> batch)
        {
            foreach (var message in batch)
            {
                if (list is not null)
                {
                    list.Add(message);
                }
                else if (message.Body.IsBinary)
                {
                    context.Out.Raw(message.Body.Bytes.Span);
                }
                else
                {
                    context.Out.Raw(IsString(message.Body) ? message.Body.AsText() : message.Body.AsJson());
                }
            }

            // Printed (as far as this process can tell) before anything is acked.
            if (list is not null)
            {
                list.Flush();
            }
            else
            {
                context.Out.Flush();
            }
        }

        private async Task AckAsync(IReadOnlyList<ReceivedMessage> batch, CancellationToken cancellationToken)
        {
            var results = await context.Client.AckBatchAsync(queue, batch.Select(LeaseReference.Of).ToArray(), cancellationToken).ConfigureAwait(false);
            var failed = results.Where(r => !r.Acked).ToArray();
            if (failed.Length > 0)
            {
                throw new ActorMqException(new ActorMqProblem(
                    failed[0].Status,
                    null,
                    null,
                    $"{failed.Length} of the {batch.Count} messages just printed could not be acked and will be delivered again (first: {failed[0].MessageId}: {failed[0].Detail})"));
            }
        }

        private static bool IsString(MessageBody body) => body.Bytes.Span is [(byte)'"', ..];
    }
}
