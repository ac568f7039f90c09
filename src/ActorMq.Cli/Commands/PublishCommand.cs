using System.CommandLine;
using System.Text.Json.Nodes;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary>
/// <c>actormq publish QUEUE [BODY]</c>: publishes one message (the body from the argument or standard input), or with
/// <c>--lines FILE</c> one message per line of a text file, in order, in batches.
/// </summary>
internal static class PublishCommand
{
    /// <summary>Most messages in one request of <c>--lines</c>.</summary>
    internal const int LinesPerBatch = 500;

    /// <summary>Most body bytes in one request of <c>--lines</c> (the node takes 64 MiB).</summary>
    internal const int BytesPerBatch = 8 * 1024 * 1024;

    private const int DefaultMaxMessageBytes = 262_144;

    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue (created with default settings if missing, unless the node says otherwise)");
        var body = new Argument<string?>("body")
        {
            Description = "The body, sent as a JSON string (as JSON with --json); read from standard input when left out",
            HelpName = "BODY",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var priority = Symbols.Whole("--priority", "Priority, 0 or more; lower is more urgent [default: the queue's]", min: 0);
        var delay = Symbols.Seconds("--delay", "Deliver no sooner than this many seconds from now", allowZero: true, Values.MaxAhead);
        var at = Symbols.Instant("--at", "Deliver no sooner than this time, such as 2027-06-01T09:00:00Z");
        var ttl = Symbols.Seconds("--ttl", "Time to live once deliverable [default: the queue's]", allowZero: false, Values.MaxAhead);
        var id = Symbols.MessageIdOption("--id", "The message id, to find the message again [default: a generated one]");
        var dedup = new Option<string?>("--dedup") { Description = "Deduplication id: a second publish with it within the queue's window stores nothing", HelpName = "ID" };
        dedup.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && Values.DedupIdError("--dedup", value) is { } error)
            {
                result.AddError(error);
            }
        });
        var headers = Symbols.Headers("A header, repeatable");
        var json = Symbols.Flag("--json", "BODY (or each line) is JSON, sent as it is, rather than text sent as a JSON string");
        var lines = new Option<string?>("--lines")
        {
            Description = "Publish each line of this UTF-8 file, its line break included, as one message, in order",
            HelpName = "FILE",
        };
        lines.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } path && !File.Exists(path))
            {
                result.AddError($"--lines names no file: '{path}'.");
            }
        });

        var command = new Command("publish", "Publish a message, or each line of a file as one message")
        {
            queue, body, priority, delay, at, ttl, id, dedup, headers, json, lines,
        };
        Symbols.OneOf(command, delay, at);
        command.Validators.Add(result =>
        {
            var bodyGiven = result.GetResult(body) is { Tokens.Count: > 0 };
            if (Symbols.Given(result, lines))
            {
                if (bodyGiven)
                {
                    result.AddError("give BODY or --lines FILE, not both.");
                }

                foreach (var option in (Option[])[id, dedup])
                {
                    if (Symbols.Given(result, option))
                    {
                        result.AddError($"{option.Name} cannot be used with --lines: every line would carry the same one.");
                    }
                }
            }
            else if (bodyGiven && result.GetValue(json) && Bodies.From(result.GetValue(body)!, json: true, "BODY", out var error) is null)
            {
                result.AddError(error!);
            }
        });

        session.SetAction(command, async context =>
        {
            var template = new PublishMessage(MessageBody.Text(""))
            {
                Id = context.Value(id),
                Priority = context.Value(priority),
                Delay = context.Value(delay),
                DeliverAt = context.Value(at),
                TimeToLive = context.Value(ttl),
                DedupId = context.Value(dedup),
                Headers = Values.Headers("--header", context.Value(headers) ?? [], out _),
            };
            var name = context.Value(queue)!;
            var asJson = context.Value(json);
            if (context.Value(lines) is { } path)
            {
                await PublishLinesAsync(context, name, path, asJson, template).ConfigureAwait(false);
                return;
            }

            var text = context.Value(body) ?? await TextInput.ReadAllAsync(context.Console, "BODY", context.CancellationToken).ConfigureAwait(false);
            var message = template with { Body = Bodies.Require(text, asJson, "BODY") };
            var result = await context.Client.PublishAsync(name, message, context.CancellationToken).ConfigureAwait(false);
            var line = result.Duplicate ? $"duplicate of {result.Id} in '{name}': nothing stored"
                : result.DeliverAt is { } due ? $"published {result.Id} to '{name}', scheduled for {Views.Time(due)}"
                : $"published {result.Id} to '{name}'";
            context.Out.Summary(line, Views.Published(name, result));
        });
        return command;
    }

    /// <summary>
    /// Reads the file once to refuse it whole if a line is not UTF-8, not JSON (with <c>--json</c>) or too large for
    /// the queue, then publishes the lines in order, one batch after the other.
    /// </summary>
    private static async Task PublishLinesAsync(CommandContext context, string queue, string path, bool json, PublishMessage template)
    {
        var cancellationToken = context.CancellationToken;
        long count = 0;
        var largest = (Line: 0L, Bytes: 0);
        await foreach (var line in LineReader.ReadAsync(path, cancellationToken).ConfigureAwait(false))
        {
            count++;
            var body = Bodies.From(line, json, $"line {count} of '{path}'", out var error) ?? throw new UsageException(error!);
            if (body.Length > largest.Bytes)
            {
                largest = (count, body.Length);
            }
        }

        if (count > 0)
        {
            var limit = await MaxMessageBytesAsync(context.Client, queue, cancellationToken).ConfigureAwait(false);
            if (largest.Bytes > limit)
            {
                throw new UsageException(
                    $"--lines: line {largest.Line} of '{path}' is {largest.Bytes} bytes as a message body; queue '{queue}' takes at most {limit} (its maxMessageBytes). Nothing was published.");
            }
        }

        var progress = new ProgressBar(context.Console, count, "lines");
        var batch = new List<PublishMessage>(LinesPerBatch);
        var batchBytes = 0;
        long published = 0;
        try
        {
            await PublishAllAsync().ConfigureAwait(false);
        }
        catch (ActorMqException e) when (published > 0)
        {
            // Say how far it got: lines 1..published are in the queue, the rest are not.
            var problem = e.Problem with { Detail = $"{e.Detail} (lines 1-{published} of {count} were published; the rest were not)" };
            throw e is UnavailableException ? new UnavailableException(problem, e) : new ActorMqException(problem, e);
        }
        finally
        {
            progress.Done(published);
        }

        context.Out.Summary(
            $"published {Views.Messages(published)} to '{queue}' from '{path}'",
            new JsonObject { ["queue"] = queue, ["file"] = path, ["published"] = published });

        async Task PublishAllAsync()
        {
            await foreach (var line in LineReader.ReadAsync(path, cancellationToken).ConfigureAwait(false))
            {
                var body = Bodies.Require(line, json, "line");
                if (batch.Count == LinesPerBatch || (batch.Count > 0 && batchBytes + body.Length > BytesPerBatch))
                {
                    await SendAsync().ConfigureAwait(false);
                }

                batch.Add(template with { Body = body });
                batchBytes += body.Length;
            }

            if (batch.Count > 0)
            {
                await SendAsync().ConfigureAwait(false);
            }
        }

        async Task SendAsync()
        {
            var results = await context.Client.PublishBatchAsync(queue, batch, cancellationToken).ConfigureAwait(false);
            published += results.Count;
            progress.Report(published);
            batch.Clear();
            batchBytes = 0;
        }
    }

    private static async Task<int> MaxMessageBytesAsync(IActorMqClient client, string queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetQueueAsync(queue, cancellationToken).ConfigureAwait(false)).Settings.MaxMessageBytes;
        }
        catch (QueueNotFoundException)
        {
            // Publishing creates it with the defaults.
            return DefaultMaxMessageBytes;
        }
    }
}
