using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Samples.Tests;

/// <summary>
/// samples/ReaderWriter run as a process against a real node: a 10 MB text file of every kind of line (empty, CRLF,
/// tabs, non-ASCII, one far longer than a message chunk, no newline at the very end) comes out byte for byte, within
/// a bounded time.
/// </summary>
public sealed class ReaderWriterSpecs(ITestOutputHelper output) : IDisposable
{
    private static readonly TimeSpan CopyTimeout = TimeSpan.FromMinutes(4);

    private readonly string _dir = Directory.CreateTempSubdirectory("actormq-readerwriter-").FullName;

    [Fact]
    public async Task A_large_text_file_must_be_copied_through_a_queue_byte_for_byte()
    {
        using var node = await NodeProcess.StartAsync();
        var input = Path.Combine(_dir, "input.txt");
        var copy = Path.Combine(_dir, "copy.txt");
        WriteText(input, 10 * 1024 * 1024);

        var (exit, stdout) = await RunAsync("--input", input, "--output", copy, "--contact", $"akka.tcp://actormq@127.0.0.1:{node.AkkaPort}");

        output.WriteLine(stdout);
        Assert.True(exit == 0, $"ReaderWriter exited with {exit}:\n{stdout}\n{node.Log(maxLines: 100)}");
        Assert.Equal(new FileInfo(input).Length, new FileInfo(copy).Length);
        Assert.True(File.ReadAllBytes(input).AsSpan().SequenceEqual(File.ReadAllBytes(copy)), "the copy differs from the input");
    }

    [Fact]
    public async Task An_empty_file_must_be_copied_as_an_empty_file()
    {
        using var node = await NodeProcess.StartAsync();
        var input = Path.Combine(_dir, "empty.txt");
        var copy = Path.Combine(_dir, "empty-copy.txt");
        await File.WriteAllBytesAsync(input, []);

        var (exit, stdout) = await RunAsync("--input", input, "--output", copy, "--contact", $"akka.tcp://actormq@127.0.0.1:{node.AkkaPort}");

        Assert.True(exit == 0, stdout);
        Assert.Equal(0, new FileInfo(copy).Length);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>About <paramref name="bytes"/> of text, the same every run.</summary>
    private static void WriteText(string path, int bytes)
    {
        var random = new Random(20260101);
        string[] words = ["queue", "actor", "lease", "naïve", "Straße", "日本語", "emoji 🎉", "tab\there", "\"quoted\"", "back\\slash", "{json: 1}"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false)) { NewLine = "\n" };
        var written = 0L;
        var n = 0;
        while (written < bytes)
        {
            var line = n++ switch
            {
                _ when n % 5000 == 1 => new string('x', 200_000),
                _ when n % 50 == 0 => "",
                _ => string.Join(' ', Enumerable.Range(0, random.Next(1, 25)).Select(_ => words[random.Next(words.Length)])),
            };
            var ending = n % 7 == 0 ? "\r\n" : "\n";
            writer.Write(line);
            writer.Write(ending);
            written += Encoding.UTF8.GetByteCount(line) + ending.Length;
        }

        writer.Write("the last line has no newline");
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var dll = typeof(ReaderWriterSpecs).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ReaderWriterDll").Value!;
        Assert.True(File.Exists(dll), $"{dll} is missing: build samples/ReaderWriter in the same configuration");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(CopyTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"ReaderWriter did not finish within {CopyTimeout.TotalMinutes} min:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
