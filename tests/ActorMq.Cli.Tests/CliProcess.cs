using System.Diagnostics;
using System.Text;

namespace ActorMq.Cli.Tests;

/// <summary>
/// The built actormq executable in a child process (<c>dotnet actormq.dll</c>, copied next to the tests), its standard
/// output captured as bytes or written to a file.
/// </summary>
public static class CliProcess
{
    /// <summary>actormq.dll next to the test assembly.</summary>
    public static string Dll
    {
        get
        {
            var dll = Path.Combine(Path.GetDirectoryName(typeof(CliProcess).Assembly.Location)!, "actormq.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: the tests must reference src/ActorMq.Cli");
            return dll;
        }
    }

    /// <summary>
    /// Runs actormq with <paramref name="args"/>, <c>ACTORMQ_URL</c> set to <paramref name="server"/>, standard input
    /// from <paramref name="input"/> (empty when null); standard output goes to <paramref name="outputFile"/> when given
    /// (then the result holds no output). Killed, and failed, after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<CliResult> RunAsync(
        Uri? server, IReadOnlyList<string> args, byte[]? input = null, string? outputFile = null, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("ACTORMQ_URL");
        if (server is not null)
        {
            info.Environment["ACTORMQ_URL"] = server.AbsoluteUri;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start actormq");
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            var error = process.StandardError.ReadToEndAsync(deadline.Token);
            Stream sink = outputFile is null ? new MemoryStream() : File.Create(outputFile);
            await using (sink)
            {
                var output = process.StandardOutput.BaseStream.CopyToAsync(sink, deadline.Token);
                await process.StandardInput.BaseStream.WriteAsync(input ?? [], deadline.Token);
                process.StandardInput.Close();
                await output;
                await process.WaitForExitAsync(deadline.Token);
                return new CliResult(process.ExitCode, sink is MemoryStream memory ? memory.ToArray() : [], await error);
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"actormq {string.Join(' ', args)} did not end within {(timeout ?? TimeSpan.FromSeconds(120)).TotalSeconds} s");
        }
    }

    // The dotnet CLI tells the processes it starts where it is; otherwise rely on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
