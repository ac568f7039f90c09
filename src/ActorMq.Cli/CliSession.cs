using System.CommandLine;
using System.CommandLine.Invocation;
using ActorMq.Client;

namespace ActorMq.Cli;

/// <summary>
/// One run of <c>actormq</c>: its console, its command tree, and the rules that turn every outcome into one line on
/// standard error and an exit code (<see cref="ExitCodes"/>).
/// </summary>
internal sealed class CliSession
{
    private static readonly ParserConfiguration Parser = new()
    {
        // "@file" is a body like any other, never a response file.
        ResponseFileTokenReplacer = null,
    };

    private RootCommand? _root;

    public CliSession(CliConsole console, TextWriter standardOutput)
    {
        Console = console;
        StandardOutput = standardOutput;
    }

    /// <summary>The console.</summary>
    public CliConsole Console { get; }

    /// <summary>Standard output as UTF-8 text (the printer's and the help's writer).</summary>
    public TextWriter StandardOutput { get; }

    /// <summary><c>--server</c> and <c>--format</c>.</summary>
    public GlobalOptions Globals { get; } = new();

    /// <summary>The command tree.</summary>
    public RootCommand Root
    {
        get => _root ?? throw new InvalidOperationException("the command tree is not built yet");
        set => _root = value;
    }

    /// <summary>Parses and runs one command line; a parse error is one line on standard error and exit code 2.</summary>
    public async Task<int> InvokeAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parse = Root.Parse(args, Parser);
        if (parse.Action is ParseErrorAction)
        {
            var error = parse.UnmatchedTokens.Count > 0 ? $"unrecognized command or argument '{parse.UnmatchedTokens[0]}'."
                : parse.Errors.Count > 0 ? parse.Errors[0].Message
                : "the command line could not be read.";
            var command = parse.CommandResult.Command;
            var help = command == Root ? "actormq --help" : $"actormq {CommandPath(command)} --help";
            return Fail(ExitCodes.Usage, $"{error} (see '{help}')");
        }

        var invocation = new InvocationConfiguration
        {
            Output = StandardOutput,
            Error = Console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await StandardOutput.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sets <paramref name="command"/>'s action to <paramref name="run"/>, mapping what it throws to one line on
    /// standard error and an exit code.
    /// </summary>
    public void SetAction(Command command, Func<CommandContext, Task> run) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var context = new CommandContext(this, parse, cancellationToken);
            try
            {
                await run(context).ConfigureAwait(false);
                context.Out.Flush();
                return ExitCodes.Ok;
            }
            catch (UsageException e)
            {
                return Fail(ExitCodes.Usage, e.Message);
            }
            catch (UnavailableException e) when (e.Status is null)
            {
                return Fail(ExitCodes.Unreachable, e.Detail);
            }
            catch (ActorMqException e)
            {
                return Fail(ExitCodes.ServerError, e.Detail);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return Fail(ExitCodes.Cancelled, "cancelled.");
            }
            catch (IOException e)
            {
                return Fail(ExitCodes.ServerError, e.Message);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Still one line: a bug, reported as such.
                return Fail(ExitCodes.ServerError, $"unexpected error (a bug in actormq, please report it): {e.GetType().Name}: {e.Message}");
            }
        });

    /// <summary>Writes <c>actormq: &lt;message&gt;</c> on one line of standard error and returns <paramref name="exitCode"/>.</summary>
    public int Fail(int exitCode, string message)
    {
        try
        {
            StandardOutput.Flush();
        }
        catch (IOException)
        {
            // Standard output is gone (a closed pipe); the error line still goes out.
        }

        Console.Error.Write("actormq: ");
        Console.Error.Write(message.ReplaceLineEndings(" ").Trim());
        Console.Error.Write('\n');
        Console.Error.Flush();
        return exitCode;
    }

    /// <summary>The names from the root to <paramref name="command"/>, such as <c>schedule edit</c>.</summary>
    public static string CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command { } c and not RootCommand; symbol = c.Parents.FirstOrDefault())
        {
            names.Add(c.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
