using System.CommandLine;
using ActorMq.Cli.Input;

namespace ActorMq.Cli.Commands;

/// <summary>
/// <c>actormq json OBJECT</c>: runs the command a JSON object describes (see <see cref="JsonCommandLine"/> for the
/// mapping), checked and run exactly as its command line would be.
/// </summary>
internal static class JsonCommand
{
    public static Command Build(CliSession session)
    {
        var json = new Argument<string?>("object")
        {
            Description = """A JSON object such as '{"command": "publish", "queue": "q", "body": "hi"}'; read from standard input when left out""",
            HelpName = "OBJECT",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command(
            "json",
            """
            Run a command described as a JSON object. "command" is its name ("view", "schedule edit"); arguments are keys
            of their names (queue, body, id); an option --some-name is the key someName; flags take true or false; a
            repeatable option takes an array (header also an object); a body that is not a JSON string is sent as JSON;
            server and format are the global options
            """.ReplaceLineEndings(" "))
        {
            json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            List<string> args;
            try
            {
                var text = parse.GetValue(json)
                    ?? await TextInput.ReadAllAsync(session.Console, "OBJECT", cancellationToken).ConfigureAwait(false);
                args = JsonCommandLine.ToArgs(text, session.Root);
            }
            catch (UsageException e)
            {
                return session.Fail(ExitCodes.Usage, e.Message);
            }

            // Global options given around `json` apply unless the object names its own.
            foreach (var option in (Option[])[session.Globals.Server, session.Globals.Format])
            {
                if (parse.GetResult(option) is { Implicit: false, Tokens: [.., var token] } && !args.Any(a => a.StartsWith(option.Name + "=", StringComparison.Ordinal)))
                {
                    args.Insert(0, $"{option.Name}={token.Value}");
                }
            }

            return await session.InvokeAsync(args, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
