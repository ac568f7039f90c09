using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// The untimed warm-up, on a throw-away queue: a fresh node runs its first tens of thousands of requests at about half
/// speed (JIT tiering and more; bench/README.md, "Load generator"), and so does this process. First
/// <c>--warmup</c> messages through the scenarios' own publish+consume path (batches, receives or the stream, batch
/// acks); then a tenth as many single publishes (16 in flight) consumed as in <c>latency</c>, on its path: with
/// <c>--publish stream</c> and <c>--consume stream</c>, frames of streams, so that its code is compiled before it is timed.
/// </summary>
internal static class WarmupScenario
{
    private const int SinglePublishesInFlight = 16;

    public static async Task<IReadOnlyList<ResultLine>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var n = context.Options.WarmupMessages;
        var batched = await PublishConsumeScenario.RunAsync(context, "warmup", n, priorities: false, cancellationToken);
        if (double.TryParse(batched.Get("publish_msgs_per_s"), System.Globalization.CultureInfo.InvariantCulture, out var rate))
        {
            context.WarmupPublishRate = rate;
        }

        var single = await SingleAsync(context, "warmup_single", Math.Max(1, n / 10), cancellationToken);
        return [batched, single];
    }

    private static async Task<ResultLine> SingleAsync(BenchContext context, string scenario, int n, CancellationToken cancellationToken)
    {
        var client = context.Client;
        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            var ledger = new DeliveryLedger(n);
            var consumers = new Consumers(
                client, queue, context.Options.ReceiveMax, TimeSpan.FromSeconds(10), context.Options.Streams, ledger, context.Log,
                (messages, _, order) => Consumers.Record(messages, ledger, order));
            // As latency consumes: two long polls, or one stream.
            var consuming = consumers.RunAsync(context.Options.Streams ? [new OrderCheck(false)] : [new OrderCheck(false), new OrderCheck(false)], cancellationToken);

            await using var publishing = await Publishing.OpenAsync(context, queue, cancellationToken);
            var t0 = Stopwatch.GetTimestamp();
            var next = -1;
            async Task PublisherAsync()
            {
                for (var seq = Interlocked.Increment(ref next); seq < n; seq = Interlocked.Increment(ref next))
                {
                    await publishing.PublishAsync(new PublishMessage(BenchBody.Create(seq, 0, Stopwatch.GetTimestamp())), cancellationToken);
                }
            }

            await Task.WhenAll(Enumerable.Range(0, SinglePublishesInFlight).Select(_ => PublisherAsync()));
            var publishS = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            await consuming;
            var totalS = Stopwatch.GetElapsedTime(t0).TotalSeconds;

            return new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", context.Options.Transport)
                .Seconds("publish_s", publishS)
                .Seconds("total_s", totalS)
                .Rate("publish_msgs_per_s", n / publishS)
                .Check("missing", ledger.Missing)
                .Check("duplicates", ledger.Duplicates);
        }
        finally
        {
            await context.DeleteQueueQuietlyAsync(queue);
        }
    }
}
