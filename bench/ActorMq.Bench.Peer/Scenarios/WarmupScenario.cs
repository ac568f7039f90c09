namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// The untimed warm-up, on throw-away queues: a fresh node runs its first tens of thousands of requests at about half
/// speed (JIT tiering and more; bench/README.md, "Load generator"), and so does this process. First
/// <c>--warmup</c> messages through the scenarios' own publish+consume path (batches, receives or the stream, batch
/// acks); then a tenth as many through <c>latency</c> itself (paced single publishes, consumed as it consumes them), so
/// that the code of both processes on that path is compiled before it is timed.
/// </summary>
internal static class WarmupScenario
{
    /// <summary>
    /// The latency warm-up runs in this many rounds, each on a queue and streams set up again. Tiering compiles a method
    /// again after its 30th call, and a scenario's setup (a queue deleted and made, streams opened) calls its code a few
    /// times per start: with one round, that code reached its 30th call in the timed scenario's first 300 ms, and both
    /// processes compiled it there (~65 ms of CPU each, a third of latency's slowest 1%).
    /// </summary>
    private const int LatencyRounds = 8;

    public static async Task<IReadOnlyList<ResultLine>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var n = context.Options.WarmupMessages;
        var batched = await PublishConsumeScenario.RunAsync(context, "warmup", n, priorities: false, cancellationToken);
        if (double.TryParse(batched.Get("publish_msgs_per_s"), System.Globalization.CultureInfo.InvariantCulture, out var rate))
        {
            context.WarmupPublishRate = rate;
        }

        ResultLine? latency = null;
        for (var round = 0; round < LatencyRounds; round++)
        {
            latency = await LatencyScenario.RunAsync(context, "warmup_latency", Math.Max(1, n / 10 / LatencyRounds), ScenarioCatalog.LatencyRate, cancellationToken);
        }

        return [batched, latency!];
    }
}
