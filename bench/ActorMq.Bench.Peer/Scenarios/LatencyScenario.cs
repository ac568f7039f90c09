using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// <c>latency</c>: consumers long-poll first (two receives always out, so one is waiting while the other's answer is
/// read; acks go asynchronously; with <c>--consume stream</c> one push stream instead), then one producer sends single <see cref="IActorMqClient.PublishAsync"/> calls paced
/// at <c>rate</c> per second without awaiting them one by one — their completion (the publish's confirm) is tracked
/// apart, as the peer tracks confirms. Publish-to-receive latency by a monotonic clock in this process: the
/// <see cref="Stopwatch"/> timestamp in the body against the timestamp when the receive's answer arrived.
/// <para>
/// It is also split in three legs by the node's own timestamps (same machine, so the same wall clock): to the node
/// (sent → <c>publishedAt</c>: client, HTTP and the hops to the queue), waiting in the queue (<c>publishedAt</c> →
/// <c>firstReceivedAt</c>: no receive was waiting) and back (<c>firstReceivedAt</c> → arrived: the answer's way out
/// to the consumer). They are for finding where a tail comes from, not results to compare with the peer.
/// </para>
/// </summary>
internal static class LatencyScenario
{
    /// <summary>Long polls: as long as the API allows is fine, they are cancelled once every message has come.</summary>
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);

    public static async Task<ResultLine> RunAsync(BenchContext context, string scenario, int n, int rate, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var client = context.Client;
        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            var receiveLatency = Percentiles.Unset(n);
            var confirmLatency = Percentiles.Unset(n);
            var ledger = new DeliveryLedger(n);
            var legs = new LatencyLegs(n);

            // --- consumers, started first
            var consumers = new Consumers(
                client, queue, options.ReceiveMax, ReceiveWait, options.Streams, ledger, context.Log,
                (messages, arrived, order) =>
                {
                    foreach (var message in messages)
                    {
                        if (!BenchBody.TryRead(message.Body, out var seq, out var priority, out var sent))
                        {
                            ledger.RecordForeign();
                            continue;
                        }

                        if (ledger.Record(seq))
                        {
                            receiveLatency[seq] = arrived - sent;
                            legs.Record(seq, sent, message.PublishedAt, message.FirstReceivedAt, arrived);
                        }

                        order.Observe(seq, priority);
                    }
                });
            var orders = Enumerable.Range(0, Math.Max(options.Streams ? 1 : 2, options.Consumers)).Select(_ => new OrderCheck(byPriority: false)).ToArray();
            var consuming = consumers.RunAsync(orders, cancellationToken);

            // --- producer, paced (on a stream of its own, as the peer's producer has a connection of its own)
            await using var publishing = await Publishing.OpenAsync(context, queue, cancellationToken);
            var harnessGcs = GC.CollectionCount(0);
            var harnessPause = GC.GetTotalPauseDuration();
            var harnessAllocated = GC.GetTotalAllocatedBytes(precise: true);
            var confirms = new Task[n];
            var ids = new string[n];
            var ticksPerMessage = (double)Stopwatch.Frequency / rate;
            var start = Stopwatch.GetTimestamp();
            long firstSend = 0, lastSend = 0;
            for (var i = 0; i < n; i++)
            {
                var due = start + (long)(i * ticksPerMessage);
                while (Stopwatch.GetTimestamp() < due)
                {
                    await Task.Delay(1, cancellationToken); // ~1 ms timer; messages that fell due meanwhile go out back to back
                }

                var sent = Stopwatch.GetTimestamp();
                if (i == 0)
                {
                    firstSend = sent;
                }

                lastSend = sent;
                var message = new PublishMessage(BenchBody.Create(i, 0, sent));
                var publish = publishing.PublishAsync(message, cancellationToken);
                confirms[i] = TrackAsync(publish, sent, confirmLatency, ids, i);
            }

            var sendSpanS = Stopwatch.GetElapsedTime(firstSend, lastSend).TotalSeconds;
            await Task.WhenAll(confirms).WaitAsync(cancellationToken);
            await consuming;
            var totalS = Stopwatch.GetElapsedTime(start).TotalSeconds;

            var left = (await client.GetQueueAsync(queue, cancellationToken)).Counts.Total;

            // Single publishes overlap (over HTTP on several connections), so the queue may store them in another
            // order than they were sent: FIFO is checked against the order it stored them in (their ids).
            var rank = OrderCheck.RankFromIds(ids);
            foreach (var order in orders)
            {
                order.Evaluate(rank);
            }

            var received = Percentiles.SortedMs(receiveLatency);
            var confirmed = Percentiles.SortedMs(confirmLatency);
            var line = new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", options.Transport)
                .Add("target_rate", rate)
                .Number("achieved_rate", n > 1 ? (n - 1) / sendSpanS : 0, 1)
                .Number("p50_ms", Percentiles.Of(received, 0.50))
                .Number("p90_ms", Percentiles.Of(received, 0.90))
                .Number("p99_ms", Percentiles.Of(received, 0.99))
                .Number("p999_ms", Percentiles.Of(received, 0.999))
                .Number("max_ms", received.Length > 0 ? received[^1] : 0)
                .Number("confirm_p50_ms", Percentiles.Of(confirmed, 0.50))
                .Number("confirm_p99_ms", Percentiles.Of(confirmed, 0.99));
            legs.AddTo(line);
            if (options.LatencyDump is { } dump)
            {
                legs.Dump(dump);
            }

            line.Add("harness_gcs", GC.CollectionCount(0) - harnessGcs)
                .Number("harness_gc_pause_ms", (GC.GetTotalPauseDuration() - harnessPause).TotalMilliseconds)
                .Add("harness_allocated_bytes_per_message", (GC.GetTotalAllocatedBytes(precise: true) - harnessAllocated) / Math.Max(1, n));
            line
                .Seconds("total_s", totalS)
                .Expect("received", received.Length, n)
                .Check("left_after_consume", left)
                .Check("missing", ledger.Missing)
                .Check("duplicates", ledger.Duplicates)
                .Check("fifo_violations", orders.Sum(o => o.FifoViolations));
            if (consumers.AckFailures > 0)
            {
                line.Fail($"{consumers.AckFailures} acks failed");
            }

            return line;
        }
        finally
        {
            await context.DeleteQueueQuietlyAsync(queue);
        }
    }

    private static async Task TrackAsync(Task<PublishResult> publish, long sent, long[] confirmLatency, string[] ids, int i)
    {
        var result = await publish;
        confirmLatency[i] = Stopwatch.GetTimestamp() - sent;
        ids[i] = result.Id;
    }
}
