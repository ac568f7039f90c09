using System.Text;

namespace ActorMq.Cli.Input;

/// <summary>Standard input as one text: a body to publish when none is given on the command line.</summary>
internal static class TextInput
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>All of standard input, exactly (a final line break included), as UTF-8.</summary>
    /// <exception cref="UsageException">Standard input is a terminal, or not UTF-8.</exception>
    public static async Task<string> ReadAllAsync(CliConsole console, string what, CancellationToken cancellationToken)
    {
        if (console.InIsTerminal)
        {
            throw new UsageException($"no {what}: give it as an argument or pipe it on standard input.");
        }

        try
        {
            using var reader = new StreamReader(console.OpenIn(), StrictUtf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException($"the {what} on standard input is not UTF-8 text.");
        }
    }
}
