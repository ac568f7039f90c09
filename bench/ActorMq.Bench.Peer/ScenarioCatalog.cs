using ActorMq.Bench.Peer.Scenarios;

namespace ActorMq.Bench.Peer;

/// <summary>The scenarios by name, with the peer's counts (times <c>--scale</c>) and each one's time bound.</summary>
internal static class ScenarioCatalog
{
    private const int LatencyRate = 1_000;

    /// <summary>Runs one scenario, bounded by <c>--timeout-s</c> (plus its wait for due times, for scheduled_100k).</summary>
    public static async Task<ResultLine> RunAsync(BenchContext context, string name, CancellationToken shutdown)
    {
        var options = context.Options;
        var timeout = options.Timeout;
        if (name == "scheduled_100k")
        {
            timeout += ScheduledScenario.Lead(context, options.Scaled(100_000)) + ScheduledScenario.Spread;
        }

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
