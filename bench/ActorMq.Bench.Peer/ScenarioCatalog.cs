using ActorMq.Bench.Peer.Scenarios;

namespace ActorMq.Bench.Peer;

/// <summary>The scenarios by name, with the peer's counts (times <c>--scale</c>) and each one's time bound.</summary>
internal static class ScenarioCatalog
{
    /// <summary>The publish rate of <c>latency</c>, messages per second.</summary>
    public const int LatencyRate = 1_000;

    /// <summary>Runs one scenario, bounded by <c>--timeout-s</c> (plus its wait for due times, for scheduled_100k).</summary>
    public static async Task<ResultLine> RunAsync(BenchContext context, string name, CancellationToken shutdown)
    {
        var options = context.Options;
        var timeout = options.Timeout;
        if (name == "scheduled_100k")
        {
            timeout += ScheduledScenario.Lead(context, options.Scaled(100_000)) + ScheduledScenario.Spread;
        }

        // Each scenario starts on a quiet system. This process's garbage from the scenarios before is collected now, not
        // inside this one's timed window (a collection of it took 12-22 ms in the middle of latency, in every run); and
        // the node is given time (at most 15 s) to finish what the scenario before left it (ReadyToRun code it made hot
        // is compiled again in the background for seconds after it ends).
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var settled = await context.Node.SettleAsync(busyCores: 0.05, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(15), shutdown);
        context.Log.WriteLine($"[{name}] the node was quiet after {settled.TotalSeconds:0.0} s");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        deadline.CancelAfter(timeout);
        var token = deadline.Token;
        try
        {
            return name switch
            {
                "ddmq5000" => await PublishConsumeScenario.RunAsync(context, name, options.Scaled(5_000), priorities: false, token),
                "persistent_100k" => await PublishConsumeScenario.RunAsync(context, name, options.Scaled(100_000), priorities: false, token),
                "priority_100k" => await PublishConsumeScenario.RunAsync(context, name, options.Scaled(100_000), priorities: true, token),
                "latency" => await LatencyScenario.RunAsync(context, name, options.Scaled(10_000), LatencyRate, token),
                "scheduled_100k" => await ScheduledScenario.RunAsync(context, name, options.Scaled(100_000), token),
                "scheduled_1m_memory" => await ScheduledMemoryScenario.RunAsync(context, name, options.Scaled(1_000_000), token),
                "recovery_1m" => await RecoveryScenario.RunAsync(context, name, options.Scaled(1_000_000), token),
                _ => throw new ArgumentException($"unknown scenario '{name}'", nameof(name)),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !shutdown.IsCancellationRequested)
        {
            throw new TimeoutException($"{name} did not finish within {timeout.TotalSeconds:0} s (--timeout-s)");
        }
    }
}
