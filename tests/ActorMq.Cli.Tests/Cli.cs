using System.Text;

namespace ActorMq.Cli.Tests;

/// <summary>actormq run in this process: <see cref="CliApp.RunAsync"/> with captured streams.</summary>
public static class Cli
{
    /// <summary>Generous bound of one run.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Runs actormq with <paramref name="args"/>; <c>ACTORMQ_URL</c> is <paramref name="server"/> (none when null),
    /// standard input <paramref name="input"/> (a terminal when null).
    /// </summary>
    public static async Task<CliResult> RunAsync(
        Uri? server, IReadOnlyList<string> args, byte[]? input = null, bool errorIsTerminal = false, int errorWidth = 80,
        CancellationToken cancellationToken = default)
    {
        using var output = new MemoryStream();
        await using var error = new StringWriter();
        var console = new CliConsole
        {
            Out = output,
            Error = error,
            OpenIn = () => new MemoryStream(input ?? []),
            InIsTerminal = input is null,
            ErrorIsTerminal = errorIsTerminal,
            ErrorWidth = errorWidth,
            Environment = name => name == "ACTORMQ_URL" ? server?.AbsoluteUri : null,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var exitCode = await CliApp.RunAsync(args, console, timeout.Token);
        return new CliResult(exitCode, output.ToArray(), error.ToString());
    }

    /// <summary>UTF-8 bytes of a text.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
