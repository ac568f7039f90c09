using System.CommandLine;
using ActorMq.Cli.Input;
using ActorMq.Cli.Output;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary>
/// <c>actormq schedule edit QUEUE ID [--at TIME | --delay S] [--priority N] [--body BODY [--json]] [--header K=V]…</c>:
/// changes a scheduled (or delayed, or ready) message.
/// </summary>
internal static class ScheduleEditCommand
{
    public static Command Build(CliSession session)
    {
        var queue = Symbols.Queue("The queue");
        var id = Symbols.MessageId("The message id");
        var at = Symbols.Instant("--at", "New due time, such as 2027-06-01T09:00:00Z (a past time means now)");
        var delay = Symbols.Seconds("--delay", "New due time, this many seconds from now", allowZero: true, Values.MaxAhead);
        var priority = Symbols.Whole("--priority", "New priority, 0 or more", min: 0);
        var body = new Option<string?>("--body") { Description = "New body, sent as a JSON string (as JSON with --json)", HelpName = "BODY" };
        var json = Symbols.Flag("--json", "--body is JSON, sent as it is");
        var headers = Symbols.Headers("New headers (they replace all the old ones), repeatable");
        var ifVersion = Symbols.WholeLong("--if-version", "Edit only if the message still has this version (see 'schedule show')", min: 0);
        var command = new Command("edit", "Change the due time, priority, body or headers of a message that is not in flight")
        {
            queue, id, at, delay, priority, body, json, headers, ifVersion,
        };
        Symbols.OneOf(command, at, delay);
        command.Validators.Add(result =>
        {
            if (!new Option[] { at, delay, priority, body, headers }.Any(o => Symbols.Given(result, o)))
            {
                result.AddError("nothing to change: give --at or --delay, --priority, --body or --header.");
            }

            if (result.GetValue(json) && result.GetValue(body) is not { } text)
            {
                result.AddError("--json applies to --body, which is not given.");
            }
            else if (result.GetValue(json) && Bodies.From(result.GetValue(body)!, json: true, "--body", out var error) is null)
            {
                result.AddError(error!);
            }
        });

        session.SetAction(command, async context =>
        {
            var edit = new MessageEdit
            {
                DeliverAt = context.Value(at),
                Delay = context.Value(delay),
                Priority = context.Value(priority),
                Body = context.Value(body) is { } text ? Bodies.Require(text, context.Value(json), "--body") : null,
                Headers = context.Given(headers) ? Values.Headers("--header", context.Value(headers) ?? [], out _) : null,
            };
            var message = await context.Client.EditMessageAsync(
                context.Value(queue)!, context.Value(id)!, edit, context.Value(ifVersion), context.CancellationToken).ConfigureAwait(false);
            context.Out.Fields(Views.Message(message));
        });
        return command;
    }
}
