using System.Text;

namespace ActorMq.Cli;

/// <summary>
/// What one run of <c>actormq</c> reads from and writes to: the process's standard streams, or (in tests) streams of
/// the caller's choosing.
/// </summary>
public sealed class CliConsole
{
    /// <summary>UTF-8 without a byte order mark: what every text stream of the CLI is written as.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Standard output, as bytes (results; message bodies exactly as stored with <c>consume --text</c>).</summary>
    public required Stream Out { get; init; }

    /// <summary>Standard error: error lines and the progress bar.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Opens standard input (a body to publish when none is given on the command line).</summary>
    public Func<Stream> OpenIn { get; init; } = () => Stream.Null;

    /// <summary>True when standard input is a terminal: then a missing body is an error rather than read from it.</summary>
    public bool InIsTerminal { get; init; } = true;

    /// <summary>True when standard error is a terminal: only then is a progress bar drawn.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>The width of the terminal, for the progress bar.</summary>
    public int ErrorWidth { get; init; } = 80;

    /// <summary>Reads an environment variable (<c>ACTORMQ_URL</c>).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The process's standard streams.</summary>
    public static CliConsole Standard() => new()
    {
        Out = Console.OpenStandardOutput(),
        Error = new StreamWriter(Console.OpenStandardError(), Utf8) { AutoFlush = true, NewLine = "\n" },
        OpenIn = Console.OpenStandardInput,
        InIsTerminal = !Console.IsInputRedirected,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        ErrorWidth = TerminalWidth(),
    };

    private static int TerminalWidth()
    {
        try
        {
            return Console.IsErrorRedirected || Console.WindowWidth < 20 ? 80 : Console.WindowWidth;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
