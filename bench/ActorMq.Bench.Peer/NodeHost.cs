using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorMq.Bench.Peer;

/// <summary>
/// The node under test. Either a process this harness owns — the built <c>ActorMq.Node.dll</c> on free 127.0.0.1
/// ports with a fresh temporary data directory, its output in <c>node.log</c> beside the data, stopped with SIGTERM
/// and deleted at the end, restartable on the same ports and data (recovery) — or a running node given by
/// <c>--url</c>, which is left alone.
/// </summary>
internal sealed class NodeHost : IAsyncDisposable
{
    private const int PortAttempts = 3;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _workDir;
    private readonly string? _nodeDll;
    private readonly IReadOnlyList<string> _nodeArgs = [];
    private readonly int? _externalPid;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private Process? _process;
    private int _httpPort;
    private int _akkaPort;

    private NodeHost(Uri url, string? akkaAddress, int? pid)
    {
        HttpUrl = url;
        AkkaAddress = akkaAddress ?? "";
        _externalPid = pid;
    }

    private NodeHost(string nodeDll, IReadOnlyList<string> nodeArgs)
    {
        _nodeDll = nodeDll;
        _nodeArgs = nodeArgs;
        _workDir = Directory.CreateTempSubdirectory("actormq-peer-bench.").FullName;
        PickPorts();
    }

    /// <summary>True when this harness started the node (and may stop and restart it).</summary>
    public bool Owned => _workDir is not null;

    /// <summary>The node's HTTP address.</summary>
    public Uri HttpUrl { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The node's remoting address, <c>akka.tcp://actormq@127.0.0.1:port</c>; empty when unknown.</summary>
    public string AkkaAddress { get; private set; } = "";

    /// <summary>The node's process id, when known.</summary>
    public int? Pid => Owned ? (_process is { HasExited: false } p ? p.Id : null) : _externalPid;

    /// <summary>The data directory of an owned node.</summary>
    public string? DataDir => _workDir is null ? null : Path.Combine(_workDir, "data");

    /// <summary>Where an owned node's stdout and stderr go (over all its starts).</summary>
    public string? LogPath => _workDir is null ? null : Path.Combine(_workDir, "node.log");

    /// <summary>The <see cref="Stopwatch"/> timestamp of the last start of an owned node.</summary>
    public long LaunchedAt { get; private set; }

    /// <summary>The node's product version (from its dll), or <c>?</c>.</summary>
    public string Version
    {
        get
        {
            if (_nodeDll is null)
            {
                return "?";
            }

            var version = FileVersionInfo.GetVersionInfo(_nodeDll).ProductVersion ?? "?";
            return version.Split('+')[0];
        }
    }

    /// <summary>A node that runs already; nothing here stops or deletes it.</summary>
    public static NodeHost Attach(PeerOptions options) =>
        new(options.Url!, options.AkkaAddress ?? AkkaOf(options.Url!), options.NodePid);

    /// <summary>Starts an owned node and waits until it is ready; throws (after printing its log's tail) if it is not.</summary>
    public static async Task<NodeHost> StartAsync(PeerOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var host = new NodeHost(options.NodeDll ?? DefaultNodeDll(), options.NodeArgs);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                host.Launch();
                try
                {
                    await host.WaitReadyAsync(options.ReadyTimeout, cancellationToken);
                    return host;
                }
                catch (NodeStartException) when (attempt < PortAttempts && host.LogTail(40).Contains("ddress already in use", StringComparison.Ordinal))
                {
                    // A free port was taken between our probe and the node's bind: try other ones.
                    log.WriteLine($"node: a port was taken; trying others (attempt {attempt + 1})");
                    host.PickPorts();
                }
            }
        }
        catch
        {
            log.WriteLine($"node: its log ({host.LogPath}), last lines:");
            log.WriteLine(host.LogTail(40));
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the owned node's process (again, on the same ports and data); returns at once.</summary>
    public void Launch()
    {
        if (!Owned)
        {
            throw new InvalidOperationException("the node was not started by this harness");
        }

        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException($"the node (pid {_process.Id}) is still running");
        }

        _process?.Dispose();
        // The shell only redirects and then becomes the node (exec), so the process id is the node's: SIGTERM, SIGKILL
        // and /proc reach it, and its output goes straight to the file rather than through this process.
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            // Where `dotnet run --project src/ActorMq.Node` would run it: cluster.hocon (the operator file) is read there.
            WorkingDirectory = RepositoryRoot() ?? _workDir!,
        };
        foreach (var arg in (string[])
                 [
                     "-c", "log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", LogPath!,
                     DotnetHost(), _nodeDll!,
                     "--urls", $"http://127.0.0.1:{_httpPort}",
                     "--akka-host", "127.0.0.1",
                     "--akka-port", _akkaPort.ToString(CultureInfo.InvariantCulture),
                     "--data-dir", DataDir!,
                 ])
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var arg in _nodeArgs)
        {
            info.ArgumentList.Add(arg);
        }

        File.AppendAllText(LogPath!, $"[peer-bench] {DateTimeOffset.UtcNow:O} starting {string.Join(' ', info.ArgumentList.Skip(4))}\n");
        LaunchedAt = Stopwatch.GetTimestamp();
        _process = Process.Start(info) ?? throw new InvalidOperationException("could not start the node");
    }

    /// <summary>
    /// Waits until <c>/health/ready</c> answers 200; returns the time since the last start of an owned node (since now
    /// for one given by <c>--url</c>).
    /// </summary>
    public async Task<TimeSpan> WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var since = Owned ? LaunchedAt : Stopwatch.GetTimestamp();
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Owned && _process is { HasExited: true } p)
            {
                throw new NodeStartException($"the node exited with code {p.ExitCode} before it was ready");
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new NodeStartException($"the node was not ready within {timeout.TotalSeconds:0} s");
            }

            try
            {
                using var probe = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                probe.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await _http.GetAsync(new Uri(HttpUrl, "health/ready"), probe.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return Stopwatch.GetElapsedTime(since);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet, or busy starting.
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    /// <summary>Stops the owned node: SIGTERM (or SIGKILL with <paramref name="kill"/>), then waits until it is gone.
    /// A node that outlives SIGTERM by <see cref="StopTimeout"/> is killed. Returns its exit code.</summary>
    public async Task<int> StopAsync(bool kill)
    {
        if (_process is not { } process || process.HasExited)
        {
            return _process?.ExitCode ?? 0;
        }

        if (kill)
        {
            process.Kill();
        }
        else
        {
            using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await signal.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            File.AppendAllText(LogPath!, $"[peer-bench] the node did not exit within {StopTimeout.TotalSeconds:0} s of SIGTERM: killed\n");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// Waits until the node is quiet: below <paramref name="busyCores"/> of CPU (from <c>/proc/PID/stat</c>) over
    /// <paramref name="window"/>, at most <paramref name="limit"/>; returns how long it waited (zero when the pid is
    /// unknown). A node finishes what a scenario left behind — compiling the code it made hot, collecting its garbage —
    /// for a few seconds after the scenario ends; a scenario that started meanwhile would time that, not itself.
    /// </summary>
    public async Task<TimeSpan> SettleAsync(double busyCores, TimeSpan window, TimeSpan limit, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        if (Pid is not { } pid || CpuTicks(pid) is not { } before)
        {
            return TimeSpan.Zero;
        }

        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            await Task.Delay(window, cancellationToken);
            if (CpuTicks(pid) is not { } after)
            {
                break;
            }

            // USER_HZ is 100 on Linux: one tick is 10 ms of CPU.
            var cores = (after - before) / 100.0 / window.TotalSeconds;
            before = after;
            if (cores < busyCores)
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>User plus system CPU of <paramref name="pid"/> in clock ticks, or null when unknown.</summary>
    private static long? CpuTicks(int pid)
    {
        try
        {
            // After the command in parentheses (which may hold spaces): state is field 3, utime 14 and stime 15.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>The node's resident set size in MiB (<c>VmRSS</c> of <c>/proc/PID/status</c>), or null when unknown.</summary>
    public double? RssMb()
    {
        if (Pid is not { } pid)
        {
            return null;
        }

        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            // Gone, or not Linux.
        }

        return null;
    }

    /// <summary>The node's managed heap after its last GC in MiB (<c>actormq_node_heap_bytes</c> of <c>/metrics</c>), or null.</summary>
    public async Task<double?> HeapMbAsync(CancellationToken cancellationToken)
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri(HttpUrl, "metrics"), cancellationToken);
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("actormq_node_heap_bytes ", StringComparison.Ordinal)
                    && double.TryParse(line.AsSpan(line.IndexOf(' ') + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes))
                {
                    return bytes / (1024.0 * 1024.0);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // No /metrics answer: leave the figure out.
        }

        return null;
    }

    /// <summary>The size of the owned node's data directory in MiB.</summary>
    public double? DataMb() =>
        DataDir is { } dir && Directory.Exists(dir)
            ? new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) / (1024.0 * 1024.0)
            : null;

    /// <summary>The last lines of the owned node's log.</summary>
    public string LogTail(int lines)
    {
        if (LogPath is not { } path || !File.Exists(path))
        {
            return "(no node log)";
        }

        var tail = new Queue<string>(lines);
        foreach (var line in File.ReadLines(path))
        {
            if (tail.Count == lines)
            {
                tail.Dequeue();
            }

            tail.Enqueue(line);
        }

        return string.Join('\n', tail);
    }

    /// <summary>Stops an owned node (SIGTERM, bounded) and deletes its directory; a node given by --url is left alone.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Owned)
        {
            try
            {
                await StopAsync(kill: false);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }

            _process?.Dispose();
            try
            {
                Directory.Delete(_workDir!, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"node: could not delete {_workDir}: {e.Message}");
            }
        }

        _http.Dispose();
    }

    /// <summary>Last resort when this process is torn down: SIGKILL of an owned node still running.</summary>
    public void KillNow()
    {
        try
        {
            if (Owned && _process is { HasExited: false } p)
            {
                p.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // Gone.
        }
    }

    private void PickPorts()
    {
        _httpPort = FreePort();
        do
        {
            _akkaPort = FreePort();
        }
        while (_akkaPort == _httpPort);

        HttpUrl = new Uri($"http://127.0.0.1:{_httpPort}/");
        AkkaAddress = $"akka.tcp://actormq@127.0.0.1:{_akkaPort}";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string AkkaOf(Uri url) => $"akka.tcp://actormq@{url.Host}:4053";

    private static string DefaultNodeDll()
    {
        var root = RepositoryRoot() ?? throw new InvalidOperationException("cannot find the repository (ActorMq.sln) above this program; give --node-dll");
        var dll = Path.Combine(root, "src", "ActorMq.Node", "bin", "Release", "net10.0", "ActorMq.Node.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build it with `dotnet build src/ActorMq.Node -c Release` (bench/run.sh does), or give --node-dll");
    }

    /// <summary>The directory holding ActorMq.sln above this program, or null.</summary>
    private static string? RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorMq.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    // The host running this harness (`dotnet ActorMq.Bench.Peer.dll`), the one the dotnet CLI names, or PATH's.
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
    }
}

/// <summary>The node did not become ready.</summary>
internal sealed class NodeStartException(string message) : Exception(message);
