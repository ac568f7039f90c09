using System.Diagnostics;
using System.Net;
using System.Text;

namespace ActorMq.Testing;

/// <summary>
/// A real ActorMq node in a child process: the <c>ActorMq.Node.dll</c> built next to this assembly (same
/// configuration), on free loopback ports, with its own temporary data directory. Captures the node's stdout and
/// stderr, waits (bounded) until <c>/health/ready</c> answers 200, and can be killed (SIGKILL), stopped (SIGTERM) and
/// restarted on the same ports and data directory. Disposing it kills the process and deletes the data directory.
/// Ports can be chosen beforehand (<see cref="NodePorts.Free"/>) when other nodes must know them, as a cluster's seeds.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    /// <summary>How long a start may take until the node is ready.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const int MaxLogLines = 50_000;
    private const string ReadyLine = "ActorMq node ready:";

    private readonly List<string> _log = [];
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _configPath;
    private Process? _process;
    private HttpClient? _http;
    private int _droppedLines;

    private NodeProcess(IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> environment, string? hocon, NodePorts ports)
    {
        _extraArgs = extraArgs;
        _environment = environment;
        DataDir = Directory.CreateTempSubdirectory("actormq-e2e-").FullName;
        _configPath = Path.Combine(DataDir, hocon is null ? "no-such-cluster.hocon" : "cluster.hocon");
        if (hocon is not null)
        {
            File.WriteAllText(_configPath, hocon);
        }

        (HttpPort, AkkaPort) = ports;
    }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int HttpPort { get; private set; }

    /// <summary>The Akka remoting port on 127.0.0.1.</summary>
    public int AkkaPort { get; private set; }

    /// <summary>The node's data directory (its SQLite database lives here).</summary>
    public string DataDir { get; }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{HttpPort}/");

    /// <summary>A client of the running node (a new one after each start).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("the node has not been started");

    /// <summary>The running process's id.</summary>
    public int Pid => _process?.Id ?? throw new InvalidOperationException("the node has not been started");

    /// <summary>True when the process has exited (or was never started).</summary>
    public bool HasExited => _process is null || _process.HasExited;

    /// <summary>How many log lines the node has written so far, over all its starts.</summary>
    public int LogLineCount
    {
        get
        {
            lock (_log)
            {
                return _droppedLines + _log.Count;
            }
        }
    }

    /// <summary>The path of the node executable used: ActorMq.Node.dll next to the test assembly.</summary>
    public static string NodeDll
    {
        get
        {
            var dir = Path.GetDirectoryName(typeof(NodeProcess).Assembly.Location)!;
            var dll = Path.Combine(dir, "ActorMq.Node.dll");
            foreach (var file in (string[])[dll, Path.Combine(dir, "ActorMq.Node.runtimeconfig.json"), Path.Combine(dir, "ActorMq.Node.deps.json")])
            {
                if (!File.Exists(file))
                {
                    throw new FileNotFoundException($"{file} is missing: the test project must reference tests/ActorMq.Testing (which references src/ActorMq.Node) so that the node is copied next to the tests", file);
                }
            }

            return dll;
        }
    }

    /// <summary>
    /// Starts a node with <c>--urls</c>, <c>--akka-port</c>, <c>--data-dir</c>, <c>--config</c> (a path that does
    /// not exist, or a file holding <paramref name="hocon"/> when given) and <paramref name="extraArgs"/>, with
    /// environment variables <paramref name="environment"/> added to a copy of this process's environment cleaned of
    /// <c>ACTORMQ_*</c> and URL variables. Returns once <c>/health/ready</c> answers 200. The node listens on
    /// <paramref name="ports"/> when given (others may know them), else on free ports of its own choice.
    /// </summary>
    public static async Task<NodeProcess> StartAsync(
        IReadOnlyList<string>? extraArgs = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? hocon = null,
        NodePorts? ports = null)
    {
        var node = new NodeProcess(extraArgs ?? [], environment ?? new Dictionary<string, string>(), hocon, ports ?? NodePorts.Free(1)[0]);
        try
        {
            // A free port can be taken by someone else between our probe and the node's bind; then try other ports,
            // unless they were given.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await node.LaunchAsync();
                    return node;
                }
                catch (NodeExitedException) when (ports is null && attempt < 3 && node.LogContains("address already in use", "Address already in use"))
                {
                    (node.HttpPort, node.AkkaPort) = NodePorts.Free(1)[0];
                }
            }
        }
        catch
        {
            node.Dispose();
            throw;
        }
    }

    /// <summary>Starts the node again on the same ports and data directory; the previous process must have exited.</summary>
    public Task RestartAsync()
    {
        if (!HasExited)
        {
            throw new InvalidOperationException($"the node (pid {Pid}) is still running; kill or stop it before restarting");
        }

        return LaunchAsync();
    }

    /// <summary>SIGKILL of the node and everything it started; returns once it is gone (bounded).</summary>
    public void Kill()
    {
        if (_process is not { } process || process.HasExited)
        {
            return;
        }

        process.Kill(entireProcessTree: true);
        if (!process.WaitForExit(TimeSpan.FromSeconds(15)))
        {
            throw new TimeoutException($"the node (pid {process.Id}) did not die within 15 s of SIGKILL");
        }

        process.WaitForExit(); // drains the redirected output
        AppendLog($"[e2e] node pid {process.Id} killed (SIGKILL)");
    }

    /// <summary>
    /// Sends SIGTERM and waits, at most <paramref name="timeout"/>, for the node to exit by itself; returns its exit
    /// code. If it has not exited by then, it is killed and <see cref="TimeoutException"/> thrown.
    /// </summary>
    public async Task<int> StopGracefullyAsync(TimeSpan timeout)
    {
        var process = _process ?? throw new InvalidOperationException("the node has not been started");
        using (var kill = Process.Start(new ProcessStartInfo("kill", $"-TERM {process.Id}") { UseShellExecute = false })!)
        using (var killDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            await kill.WaitForExitAsync(killDeadline.Token);
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {process.Id} failed with exit code {kill.ExitCode}");
            }
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"the node (pid {process.Id}) did not exit within {timeout.TotalSeconds} s of SIGTERM; it was killed.\n{Log()}");
        }

        process.WaitForExit();
        AppendLog($"[e2e] node pid {process.Id} exited with code {process.ExitCode} after SIGTERM");
        return process.ExitCode;
    }

    /// <summary>Everything the node wrote, over all its starts (the last lines when it wrote a lot).</summary>
    public string Log(int fromLine = 0, int maxLines = int.MaxValue)
    {
        lock (_log)
        {
            var start = Math.Max(0, fromLine - _droppedLines);
            var count = _log.Count - start;
            if (count > maxLines)
            {
                start = _log.Count - maxLines;
            }

            return string.Join('\n', _log.Skip(start));
        }
    }

    /// <summary>True when the log holds any of <paramref name="texts"/>.</summary>
    public bool LogContains(params string[] texts)
    {
        lock (_log)
        {
            return _log.Any(line => texts.Any(t => line.Contains(t, StringComparison.Ordinal)));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // Best effort: the process is gone or beyond help; still remove its files.
        }

        _process?.Dispose();
        _http?.Dispose();
        for (var attempt = 0; attempt < 5 && Directory.Exists(DataDir); attempt++)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private async Task LaunchAsync()
    {
        _http?.Dispose();
        var info = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = DataDir,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in (string[])
                 [
                     NodeDll,
                     "--urls", $"http://127.0.0.1:{HttpPort}",
                     "--akka-port", AkkaPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--data-dir", DataDir,
                     "--config", _configPath,
                     // One line per request would drown the node's own log.
                     "--Logging:LogLevel:Microsoft.AspNetCore", "Warning",
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in _extraArgs)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in info.Environment.Keys.ToList())
        {
            if (name.StartsWith("ACTORMQ_", StringComparison.OrdinalIgnoreCase)
                || name is "ASPNETCORE_URLS" or "DOTNET_URLS" or "ASPNETCORE_HTTP_PORTS" or "ASPNETCORE_HTTPS_PORTS")
            {
                info.Environment.Remove(name);
            }
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => AppendLog(e.Data);
        process.ErrorDataReceived += (_, e) => AppendLog(e.Data is null ? null : "[stderr] " + e.Data);
        var startLine = LogLineCount;
        AppendLog($"[e2e] starting {info.FileName} {string.Join(' ', info.ArgumentList)}");
        if (!process.Start())
        {
            throw new InvalidOperationException($"could not start {info.FileName}");
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

        await WaitUntilReadyAsync(process, startLine);
    }

    private async Task WaitUntilReadyAsync(Process process, int startLine)
    {
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            if (process.HasExited)
            {
                process.WaitForExit();
                throw new NodeExitedException($"the node exited with code {process.ExitCode} before it was ready.\n{Log(startLine)}");
            }

            if (clock.Elapsed > StartTimeout)
            {
                Kill();
                throw new TimeoutException($"the node was not ready within {StartTimeout.TotalSeconds} s.\n{Log(startLine)}");
            }

            try
            {
                using var response = await probe.GetAsync("health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        // The console logger writes asynchronously: give the ready line a moment to arrive.
        while (!LogSinceContains(startLine, ReadyLine) && clock.Elapsed < StartTimeout && !process.HasExited)
        {
            await Task.Delay(50);
        }
    }

    private bool LogSinceContains(int fromLine, string text)
    {
        lock (_log)
        {
            return _log.Skip(Math.Max(0, fromLine - _droppedLines)).Any(line => line.Contains(text, StringComparison.Ordinal));
        }
    }

    private void AppendLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Count >= MaxLogLines)
            {
                _log.RemoveRange(0, MaxLogLines / 10);
                _droppedLines += MaxLogLines / 10;
            }

            _log.Add(line);
        }
    }

    // The dotnet CLI tells the processes it starts where it is; otherwise rely on PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
