using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ActorMq.Testing;

/// <summary>
/// A cluster of real node processes (<see cref="NodeProcess"/>) on 127.0.0.1 over a fresh PostgreSQL database of its
/// own (<see cref="PostgresDatabase"/>, on the server of <see cref="TestPostgres"/>), as
/// <c>scripts/local-cluster.sh</c> runs one: nodes 1 and 2 have roles <c>gateway,queue</c> and serve the HTTP API,
/// the others role <c>queue</c>; the seeds are the first three nodes, node 1 first, so node 1 is the oldest member
/// (it holds the sharding coordinators and the catalog singleton). Nodes are numbered from 1. Each node can be killed
/// (SIGKILL), stopped (SIGTERM, a graceful leave) and started again on the same ports. Disposing the cluster kills
/// every node that still runs and drops the database; so does the end of the test process.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    /// <summary>How long the whole cluster may take to start, and a restarted node to serve again.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long a node gets to leave the cluster and exit after SIGTERM.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private const string ProbeQueue = "test-cluster-probe";

    private readonly NodeProcess[] _nodes;
    private readonly EventHandler _onProcessExit;
    private int _disposed;

    private TestCluster(PostgresDatabase database, NodeProcess[] nodes)
    {
        Database = database;
        _nodes = nodes;
        _onProcessExit = (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += _onProcessExit;
    }

    /// <summary>How many nodes the cluster has.</summary>
    public int Size => _nodes.Length;

    /// <summary>The database every node journals to.</summary>
    public PostgresDatabase Database { get; }

    /// <summary>The indexes of the nodes with role <c>gateway</c> (1 and 2, or 1 alone in a one-node cluster).</summary>
    public IReadOnlyList<int> Gateways => [.. Enumerable.Range(1, Size).Where(IsGateway)];

    /// <summary>
    /// Creates a database and starts <paramref name="size"/> nodes (at least 1, at most 9) at once, each loading
    /// <paramref name="hocon"/> as its operator HOCON (none when null); returns once every node is ready and a queue
    /// answers through every gateway. Throws (with the nodes' logs) when that takes longer than
    /// <see cref="StartTimeout"/>; nothing is left running then.
    /// </summary>
    public static async Task<TestCluster> StartAsync(int size = 3, string? hocon = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, 9);
        var database = await PostgresDatabase.CreateAsync("actormq_cluster");
        var ports = NodePorts.Free(size);
        var seeds = string.Join(',', ports.Take(3).Select(p => $"akka.tcp://actormq@127.0.0.1:{p.Akka}"));
        // Started together: only node 1, the first seed, may form the cluster, so the others join it and it is the
        // oldest member whatever order the processes come up in.
        var starting = Enumerable.Range(1, size)
            .Select(i => NodeProcess.StartAsync(Arguments(i, seeds, database.ConnectionString), hocon: hocon, ports: ports[i - 1]))
            .ToArray();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(t => t.IsCompletedSuccessfully))
            {
                started.Result.Dispose();
            }

            await database.DisposeAsync();
            throw;
        }

        var cluster = new TestCluster(database, [.. starting.Select(t => t.Result)]);
        try
        {
            await cluster.WaitUntilServingAsync(StartTimeout);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Node <paramref name="index"/> (from 1).</summary>
    public NodeProcess Node(int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, Size);
        return _nodes[index - 1];
    }

    /// <summary>True for the nodes that serve the HTTP API (1 and 2).</summary>
    public static bool IsGateway(int index) => index <= 2;

    /// <summary>The roles of node <paramref name="index"/>.</summary>
    public static string Roles(int index) => IsGateway(index) ? "gateway,queue" : "queue";

    /// <summary>True while node <paramref name="index"/> runs.</summary>
    public bool IsRunning(int index) => !Node(index).HasExited;

    /// <summary>SIGKILL of node <paramref name="index"/> (a crash); returns once it is gone, with the instant of the signal.</summary>
    public DateTimeOffset KillNode(int index)
    {
        var node = Node(index);
        var at = DateTimeOffset.UtcNow;
        node.Kill();
        return at;
    }

    /// <summary>
    /// SIGTERM to node <paramref name="index"/>: it leaves the cluster, handing its queues over, and exits. Returns its
    /// exit code; throws when it has not exited within <see cref="StopTimeout"/> (it is killed then).
    /// </summary>
    public Task<int> StopNodeAsync(int index) => Node(index).StopGracefullyAsync(StopTimeout);

    /// <summary>
    /// Starts node <paramref name="index"/> again (it must have exited) on its ports, with its settings; returns once it
    /// is ready and a queue answers through every running gateway.
    /// </summary>
    public async Task StartNodeAsync(int index)
    {
        await Node(index).RestartAsync();
        await WaitUntilServingAsync(StartTimeout);
    }

    /// <summary>
    /// Waits until a queue answers through every running gateway (it is created through the first); fails after
    /// <paramref name="timeout"/> with the nodes' logs.
    /// </summary>
    public async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        string last = "no request sent";
        while (true)
        {
            var gateways = Gateways.Where(IsRunning).ToArray();
            if (gateways.Length > 0)
            {
                try
                {
                    var created = await SendAsync(gateways[0], HttpMethod.Put, $"v1/queues/{ProbeQueue}", "{}");
                    last = $"PUT through node {gateways[0]}: {created}";
                    if (created is 200 or 201)
                    {
                        var answers = await Task.WhenAll(gateways.Select(g => SendAsync(g, HttpMethod.Get, $"v1/queues/{ProbeQueue}", null)));
                        last = string.Join(", ", gateways.Zip(answers, (g, a) => $"GET through node {g}: {a}"));
                        if (answers.All(a => a == 200))
                        {
                            return;
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    last = e.Message;
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no queue answered through every gateway within {timeout.TotalSeconds} s (last: {last}).\n{Logs(maxLinesPerNode: 100)}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The last <paramref name="maxLinesPerNode"/> log lines of every node, each under a header.</summary>
    public string Logs(int maxLinesPerNode = 300, int fromLine = 0)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= Size; i++)
        {
            var node = Node(i);
            text.Append(CultureInfo.InvariantCulture, $"--- node {i} ({Roles(i)}, http {node.BaseAddress}, akka {node.AkkaPort}, {(node.HasExited ? "not running" : $"pid {node.Pid}")}) ---\n");
            text.Append(node.Log(fromLine, maxLinesPerNode)).Append('\n');
        }

        return text.ToString();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _onProcessExit;
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        await Database.DisposeAsync();
    }

    private static string[] Arguments(int index, string seeds, string connectionString) =>
    [
        "--roles", Roles(index),
        "--akka-host", "127.0.0.1",
        "--seeds", seeds,
        "--db-provider", "postgresql",
        "--db", connectionString,
        // One line per entry, with the time: the logs are read beside a test's history.
        "--Logging:Console:FormatterName", "simple",
        "--Logging:Console:FormatterOptions:SingleLine", "true",
        "--Logging:Console:FormatterOptions:TimestampFormat", "HH:mm:ss.fff ",
        "--Logging:Console:FormatterOptions:UseUtcTimestamp", "true",
    ];

    private async Task<int> SendAsync(int index, HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        using var response = await Node(index).Http.SendAsync(request, timeout.Token);
        return (int)response.StatusCode;
    }

    private void KillAll()
    {
        foreach (var node in _nodes)
        {
            try
            {
                node.Kill();
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Best effort at process exit.
            }
        }
    }
}
