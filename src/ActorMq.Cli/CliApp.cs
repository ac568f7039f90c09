using System.CommandLine;
using ActorMq.Cli.Commands;

namespace ActorMq.Cli;

/// <summary>The <c>actormq</c> command: its command tree, and one run of it on a console.</summary>
public static class CliApp
{
    /// <summary>
    /// Runs <c>actormq</c> with <paramref name="args"/> on <paramref name="console"/> and returns its exit code
    /// (<see cref="ExitCodes"/>). Errors are one line on the console's error stream.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var standardOutput = new StreamWriter(console.Out, CliConsole.Utf8, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
        await using (standardOutput.ConfigureAwait(false))
        {
            var session = new CliSession(console, standardOutput);
            session.Root = BuildRoot(session);
            return await session.InvokeAsync(args, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static RootCommand BuildRoot(CliSession session)
    {
        var root = new RootCommand("actormq: the command line of ActorMq, a persistent message queue with scheduled delivery")
        {
            ViewCommand.Build(session),
            CreateCommand.Build(session),
            DeleteCommand.Build(session),
            PurgeCommand.Build(session),
            CleanCommand.Build(session),
            PublishCommand.Build(session),
            ConsumeCommand.Build(session),
            PeekCommand.Build(session),
            ScheduleCommand.Build(session),
            RedriveCommand.Build(session),
            JsonCommand.Build(session),
        };
        session.Globals.AddTo(root);
        return root;
    }
}
