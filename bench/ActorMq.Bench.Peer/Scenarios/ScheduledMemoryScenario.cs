using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// <c>scheduled_1m_memory</c> (ActorMq only): what holding a million scheduled messages costs the node. Reads the node's
/// RSS (<c>/proc/PID/status</c>) and managed heap (<c>/metrics</c>), schedules the messages with 1 KiB bodies due in
/// about a day (spread over an hour from then), waits <c>--settle-s</c>, reads both again, checks the queue holds them
/// all as scheduled, and deletes it.
/// </summary>
internal static class ScheduledMemoryScenario
{
    public const int BodyBytes = 1024;

    /// <summary>Batches in flight at least: filling is not what is measured.</summary>
    private const int MinBatchesInFlight = 4;

    private static readonly TimeSpan DueIn = TimeSpan.FromDays(1);
    private static readonly TimeSpan DueSpread = TimeSpan.FromHours(1);

    public static async Task<ResultLine> RunAsync(BenchContext context, string scenario, int n, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var client = context.Client;
        var node = context.Node;
        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            var rssBefore = node.RssMb();
            var heapBefore = await node.HeapMbAsync(cancellationToken);
            var firstDue = DateTimeOffset.UtcNow.Add(DueIn);
            var inFlight = Math.Max(MinBatchesInFlight, options.PublishBatchesInFlight);

            var t0 = Stopwatch.GetTimestamp();
            await Publisher.PublishAllAsync(
                context, queue, n,
                seq => new PublishMessage(BenchBody.Create(seq, 0, Stopwatch.GetTimestamp(), BodyBytes))
                {
                    DeliverAt = firstDue.AddTicks(DueSpread.Ticks / n * seq),
                },
                options.PublishBatch, inFlight, cancellationToken);
            var scheduleS = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var rssPeak = node.RssMb();

            await Task.Delay(options.Settle, cancellationToken);
            var rssAfter = node.RssMb();
            var heapAfter = await node.HeapMbAsync(cancellationToken);
            var counts = (await client.GetQueueAsync(queue, cancellationToken)).Counts;

            return new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", options.Transport)
                .Add("body_bytes", BodyBytes)
                .Add("batches_in_flight", inFlight)
                .Seconds("schedule_s", scheduleS)
                .Rate("schedule_msgs_per_s", n / scheduleS)
                .Seconds("settle_s", options.Settle.TotalSeconds)
                .Number("rss_before_mb", rssBefore, 1)
                .Number("rss_end_of_publish_mb", rssPeak, 1)
                .Number("rss_after_mb", rssAfter, 1)
                .Number("added_mb", rssAfter - rssBefore, 1)
                .Number("heap_before_mb", heapBefore, 1)
                .Number("heap_after_mb", heapAfter, 1)
                .Expect("scheduled", counts.Scheduled, n)
                .Check("missing", Math.Max(0, n - counts.Total));
        }
        finally
        {
            await context.DeleteQueueQuietlyAsync(queue);
        }
    }
}
