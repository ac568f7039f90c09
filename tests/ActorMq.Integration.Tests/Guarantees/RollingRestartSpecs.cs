using ActorMq.Integration.Tests.History;
using ActorMq.Integration.Tests.Support;
using ActorMq.Integration.Tests.Workload;
using Xunit.Abstractions;

namespace ActorMq.Integration.Tests.Guarantees;

/// <summary>
/// A rolling restart of all three nodes under load: SIGTERM each node in turn (it leaves the cluster and hands its
/// queues over), start it again and wait until it is ready and every queue answers, then the next. Nothing is lost.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartSpecs(ITestOutputHelper output)
{
    /// <summary>3 publishers (at most 2000 messages each: the drain stops them), one consumer per queue.</summary>
    private static readonly LoadOptions Load = new() { Publishers = 3, MessagesPerPublisher = 2000, MaxDelay = TimeSpan.FromSeconds(6) };

    [ClusterFact]
    public async Task A_rolling_restart_of_every_node_under_load_loses_nothing()
    {
        var log = new RunLog();
        var problems = new List<string>();
        try
        {
            await using var run = await GuaranteeRun.StartAsync(log, "rolling", queues: 6, TestHocon.SmallBuckets);
            var probes = new Dictionary<int, AvailabilityProbe> { [1] = run.Probe(1), [2] = run.Probe(2) };
            await probes[1].WaitUntilAllAnswerAsync(TimeSpan.FromSeconds(30));
            await using var load = ClientLoad.Start(run.History, run.Gateways, run.Queues, Load);
            await load.WaitForAcksAsync(100, TimeSpan.FromSeconds(60));
            run.Log($"load running: {load.Acked} acks so far");

            for (var node = 1; node <= run.Cluster.Size; node++)
            {
                var other = node == 1 ? 2 : 1;
                var stoppedAt = DateTimeOffset.UtcNow;
                var exitCode = await run.Cluster.StopNodeAsync(node);
                var exited = DateTimeOffset.UtcNow - stoppedAt;
                await run.Cluster.StartNodeAsync(node);
                var ready = DateTimeOffset.UtcNow - stoppedAt;
                var availability = await probes[other].WaitForRecoveryAsync(stoppedAt, quiet: TimeSpan.Zero, timeout: TimeSpan.FromSeconds(60));
                run.Log($"node {node}: SIGTERM, exited with code {exitCode} after {Durations.Seconds(exited)}, ready again after {Durations.Seconds(ready)}; "
                    + $"through node {other}: {availability}");
                if (!availability.Recovered)
                {
                    problems.Add($"after the restart of node {node}, not every queue answered through node {other}: {availability}");
                }

                // The load goes on between two restarts.
                var acked = load.Acked;
                await load.WaitForAcksAsync(acked + 50, TimeSpan.FromSeconds(60));
            }

            var drained = await load.DrainAsync(TimeSpan.FromSeconds(60));
            run.Log(drained ? "drained: every queue empty" : "NOT drained within 60 s");
            var check = await run.CheckAsync();
            if (!check.Valid)
            {
                problems.Add($"the history check failed:\n{check.Describe()}");
            }

            if (!drained)
            {
                problems.Add("the queues were not empty within 60 s after the load stopped");
            }

            if (problems.Count == 0)
            {
                run.Passed();
            }
        }
        finally
        {
            log.WriteTo(output);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
