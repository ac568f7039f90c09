using System.Diagnostics;
using ActorMq.Integration.Tests.History;
using ActorMq.Integration.Tests.Workload;

namespace ActorMq.Integration.Tests.Support;

/// <summary>
/// What every guarantee test has: a 3-node <see cref="TestCluster"/>, its queues, clients of both gateways, a history,
/// availability probes, and a <see cref="RunLog"/> of the test's steps. At the end the history is checked against
/// what the queues still hold. Unless the run is marked <see cref="Passed"/>, disposing adds the nodes' last log
/// lines to the run log, and writes the whole history, every node's log and every probe to files in <c>runs/</c>
/// next to the tests; with <c>ACTORMQ_TEST_KEEP_RUNS=1</c> it writes those files after a pass too.
/// </summary>
public sealed class GuaranteeRun : IAsyncDisposable
{
    /// <summary>
    /// How long a request of the load may take before its outcome is unknown: short, because a request that reached
    /// the dead node just before the kill is never answered, and its client would hang on it.
    /// </summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(3);

    private readonly string _name;
    private readonly List<(int Node, AvailabilityProbe Probe)> _probes = [];
    private bool _passed;

    private GuaranteeRun(string name, RunLog log, TestCluster cluster)
    {
        _name = name;
        RunLog = log;
        Cluster = cluster;
        Gateways = new GatewayClients(cluster, RequestTimeout);
    }

    /// <summary>The steps of the run.</summary>
    public RunLog RunLog { get; }

    /// <summary>The cluster.</summary>
    public TestCluster Cluster { get; }

    /// <summary>Clients of both gateways.</summary>
    public GatewayClients Gateways { get; }

    /// <summary>Every client operation of the test.</summary>
    public OperationHistory History { get; } = new();

    /// <summary>The test's queues.</summary>
    public IReadOnlyList<string> Queues { get; private set; } = [];

    /// <summary>Starts a 3-node cluster with <paramref name="hocon"/> and creates <paramref name="queues"/> queues <c>&lt;name&gt;-i</c>.</summary>
    public static async Task<GuaranteeRun> StartAsync(RunLog log, string name, int queues, string? hocon)
    {
        ArgumentNullException.ThrowIfNull(log);
        var clock = Stopwatch.StartNew();
        var cluster = await TestCluster.StartAsync(3, hocon);
        var run = new GuaranteeRun(name, log, cluster);
        try
        {
            run.Log($"3 nodes ready in {Durations.Seconds(clock.Elapsed)} (database {cluster.Database.Name})");
            run.Queues = await TestQueues.CreateAsync(run.Gateways.Client(0), name, queues);
            run.Log($"{queues} queues created: {string.Join(", ", run.Queues)}");
            return run;
        }
        catch
        {
            await run.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts an <see cref="AvailabilityProbe"/> of the test's queues through gateway <paramref name="node"/>; disposed with the run.</summary>
    public AvailabilityProbe Probe(int node)
    {
        var probe = AvailabilityProbe.Start(Cluster.Node(node).BaseAddress, Queues);
        _probes.Add((node, probe));
        return probe;
    }

    /// <summary>Adds a line to the run log.</summary>
    public void Log(string line) => RunLog.Write(line);

    /// <summary>
    /// Reads what the queues still hold, checks the history against it (and the instants a node was killed,
    /// <paramref name="crashes"/>), and writes the result to the output.
    /// </summary>
    public async Task<CheckResult> CheckAsync(IReadOnlyCollection<DateTimeOffset>? crashes = null)
    {
        var remaining = await QueueContents.ReadAsync(Gateways, Queues);
        var result = HistoryChecker.Check(History.Snapshot(), remaining, crashes);
        Log($"history of {History.Count} entries checked:\n{result.Describe()}");
        return result;
    }

    /// <summary>Marks the run as passed: disposing then keeps the log short.</summary>
    public void Passed() => _passed = true;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var (_, probe) in _probes)
        {
            await probe.DisposeAsync();
        }

        if (!_passed || Environment.GetEnvironmentVariable("ACTORMQ_TEST_KEEP_RUNS") == "1")
        {
            Log($"the whole history, the nodes' logs and the probes: {Save()}");
        }

        if (!_passed)
        {
            Log($"the nodes' last log lines:\n{Cluster.Logs(maxLinesPerNode: 300)}");
        }

        Gateways.Dispose();
        await Cluster.DisposeAsync();
    }

    private string Save()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "runs", $"{_name}-{DateTime.UtcNow:yyyyMMdd-HHmmss}");
        Directory.CreateDirectory(directory);
        File.WriteAllLines(Path.Combine(directory, "history.txt"), History.Snapshot().Select(e => e.ToString()));
        for (var i = 1; i <= Cluster.Size; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"node-{i}.log"), Cluster.Node(i).Log());
        }

        foreach (var (node, probe) in _probes)
        {
            probe.Save(Path.Combine(directory, $"probe-through-node-{node}.tsv"));
        }

        return directory;
    }
}
