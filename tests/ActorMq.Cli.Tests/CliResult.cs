using System.Text;
using System.Text.Json;

namespace ActorMq.Cli.Tests;

/// <summary>What one run of actormq did: its exit code, standard output (as bytes and as UTF-8 text) and standard error.</summary>
public sealed class CliResult(int exitCode, byte[] output, string error)
{
    public int ExitCode { get; } = exitCode;

    public byte[] OutputBytes { get; } = output;

    public string Output { get; } = Encoding.UTF8.GetString(output);

    public string Error { get; } = error;

    /// <summary>Standard output parsed as JSON.</summary>
    public JsonElement Json
    {
        get
        {
            using var document = JsonDocument.Parse(OutputBytes);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Standard output as lines (without the last, empty one).</summary>
    public string[] Lines => Output.Split('\n')[..^1];

    /// <summary>Asserts exit code 0 and nothing on standard error.</summary>
    public CliResult Ok()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}: {this}");
        Assert.True(Error.Length == 0, $"standard error: {this}");
        return this;
    }

    /// <summary>
    /// Asserts <paramref name="exitCode"/>, nothing on standard output, and one line on standard error:
    /// <c>actormq: …</c> holding every one of <paramref name="texts"/>.
    /// </summary>
    public CliResult Fails(int exitCode, params string[] texts)
    {
        Assert.True(ExitCode == exitCode, $"expected exit code {exitCode}: {this}");
        Assert.True(Output.Length == 0, $"expected no output: {this}");
        Assert.StartsWith("actormq: ", Error, StringComparison.Ordinal);
        Assert.True(Error.EndsWith('\n') && Error.IndexOf('\n', StringComparison.Ordinal) == Error.Length - 1, $"expected one line: {this}");
        foreach (var text in texts)
        {
            Assert.Contains(text, Error, StringComparison.Ordinal);
        }

        return this;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
