using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// <c>scheduled_100k</c> (ActorMq only): consumers long-poll first; then messages with <c>deliverAt</c> spread evenly
/// over <see cref="Spread"/>, the first due <c>lead</c> from now, are published in batches — all of them before the first
/// is due when the lead is long enough (see <see cref="Lead"/>). Lateness = wall clock when the receive's answer
/// arrived − <c>deliverAt</c> (client and node share the machine's clock); the node's own lateness is its
/// <c>firstReceivedAt</c> − <c>deliverAt</c>. No message may come early by either clock.
/// </summary>
internal static class ScheduledScenario
{
    /// <summary>The window the due times are spread over, whatever the count.</summary>
    public static readonly TimeSpan Spread = TimeSpan.FromSeconds(10);

    /// <summary>Publish rate assumed for the lead when there was no warm-up to measure it.</summary>
    private const double AssumedPublishRate = 5_000;

    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How far ahead the first message is due: <c>--schedule-lead-s</c>, else the time publishing <paramref name="n"/>
    /// messages should take at the warm-up's publish rate (a cold node's, so on the safe side), times 1.5, plus 2 s;
    /// at least 5 s, in whole seconds.
    /// </summary>
    public static TimeSpan Lead(BenchContext context, int n)
    {
        if (context.Options.ScheduleLead is { } lead)
        {
            return lead;
        }

        var rate = context.WarmupPublishRate is { } r and > 0 ? r : AssumedPublishRate;
        return TimeSpan.FromSeconds(Math.Max(5, Math.Ceiling(1.5 * n / rate + 2)));
    }

    public static async Task<ResultLine> RunAsync(BenchContext context, string scenario, int n, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var client = context.Client;
        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            var lead = Lead(context, n);
            var lateness = new double[n];
            var serverLateness = new double[n];
            Array.Fill(lateness, double.NaN);
            Array.Fill(serverLateness, double.NaN);
            var ledger = new DeliveryLedger(n);
            long early = 0, serverEarly = 0;

            // Whole milliseconds, as the API carries them.
            var firstDueMs = DateTimeOffset.UtcNow.Add(lead).ToUnixTimeMilliseconds();
            var dueMs = new long[n];
            for (var i = 0; i < n; i++)
            {
                dueMs[i] = firstDueMs + (long)(i * Spread.TotalMilliseconds / n);
            }

            // --- consumers, long-polling before anything is published
            var consumers = new Consumers(
                client, queue, options.ReceiveMax, ReceiveWait, options.Streams, ledger, context.Log,
                (messages, _, order) =>
                {
                    var now = DateTimeOffset.UtcNow;
                    foreach (var message in messages)
                    {
                        if (!BenchBody.TryRead(message.Body, out var seq, out var priority, out _))
                        {
                            ledger.RecordForeign();
                            continue;
                        }

                        order.Observe(seq, priority);
                        if (!ledger.Record(seq))
                        {
                            continue;
                        }

                        var due = DateTimeOffset.FromUnixTimeMilliseconds(dueMs[seq]);
                        lateness[seq] = (now - due).TotalMilliseconds;
                        if (now < due)
                        {
                            Interlocked.Increment(ref early);
                        }

                        if (message.FirstReceivedAt is { } leased)
                        {
                            serverLateness[seq] = (leased - due).TotalMilliseconds;
                            if (leased < due)
                            {
                                Interlocked.Increment(ref serverEarly);
                            }
                        }
                    }
                });
            // Order is not checked here (messages due in the same millisecond may come in any order): the checks only
            // need one per consumer.
            var orders = Enumerable.Range(0, Math.Max(2, options.Consumers)).Select(_ => new OrderCheck(byPriority: false)).ToArray();
            var consuming = consumers.RunAsync(orders, cancellationToken);

            // --- publish, in order of due time
            long publishedAfterDue = 0;
            var t0 = Stopwatch.GetTimestamp();
            await Publisher.PublishAllAsync(
                context, queue, n,
                seq => new PublishMessage(BenchBody.Create(seq, 0, Stopwatch.GetTimestamp()))
                {
                    DeliverAt = DateTimeOffset.FromUnixTimeMilliseconds(dueMs[seq]),
                },
                options.PublishBatch, options.PublishBatchesInFlight, cancellationToken,
                (start, count) =>
                {
                    // Messages already due when their publish was answered: their lateness is not the scheduler's.
                    var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    var late = 0;
                    for (var i = start; i < start + count; i++)
                    {
                        late += dueMs[i] < nowMs ? 1 : 0;
                    }

                    Interlocked.Add(ref publishedAfterDue, late);
                });
            var publishS = Stopwatch.GetElapsedTime(t0).TotalSeconds;

            await consuming;
            var left = (await client.GetQueueAsync(queue, cancellationToken)).Counts.Total;

            var late = lateness.Where(double.IsFinite).Order().ToArray();
            var server = serverLateness.Where(double.IsFinite).Order().ToArray();
            var line = new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", options.Transport)
                .Seconds("lead_s", lead.TotalSeconds)
                .Seconds("spread_s", Spread.TotalSeconds)
                .Seconds("publish_s", publishS)
                .Rate("publish_msgs_per_s", n / publishS)
                .Add("published_after_due", publishedAfterDue)
                .Number("lateness_p50_ms", Percentiles.Of(late, 0.50))
                .Number("lateness_p99_ms", Percentiles.Of(late, 0.99))
                .Number("lateness_max_ms", late.Length > 0 ? late[^1] : 0)
                .Number("server_lateness_p50_ms", Percentiles.Of(server, 0.50))
                .Number("server_lateness_p99_ms", Percentiles.Of(server, 0.99))
                .Number("server_lateness_max_ms", server.Length > 0 ? server[^1] : 0)
                .Expect("received", late.Length, n)
                .Check("early", Interlocked.Read(ref early))
                .Check("server_early", Interlocked.Read(ref serverEarly))
                .Check("left_after_consume", left)
                .Check("missing", ledger.Missing)
                .Check("duplicates", ledger.Duplicates);
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
}
