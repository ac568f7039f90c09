using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// <c>ddmq5000</c>, <c>persistent_100k</c>, <c>priority_100k</c> (and the warm-up): on a fresh queue, publish every
/// message, read the queue's depth, consume every message, read what is left; <c>total_s = publish_s + consume_s</c>.
/// Publishing: batches of <c>--publish-batch</c>, <c>--publish-batches-in-flight</c> unanswered. Consuming:
/// <c>--consumers</c> consumers, receives of up to <c>--receive-max</c>, batch acks pipelined with the next receive.
/// </summary>
internal static class PublishConsumeScenario
{
    /// <summary>How long a drain's receive waits when nothing is ready (everything is, so it rarely matters).</summary>
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(1);

    public static async Task<ResultLine> RunAsync(BenchContext context, string scenario, int n, bool priorities, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var client = context.Client;
        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            var random = new Random(42);
            var priorityOf = new int[n];
            for (var i = 0; i < n; i++)
            {
                priorityOf[i] = priorities ? random.Next(0, 10) : 0;
            }

            // --- publish
            var t0 = Stopwatch.GetTimestamp();
            var ids = await Publisher.PublishAllAsync(
                context, queue, n,
                seq => new PublishMessage(BenchBody.Create(seq, priorityOf[seq], Stopwatch.GetTimestamp()))
                {
                    // Without a priority a message gets the queue's default (100): the same for all, as intended.
                    Priority = priorities ? priorityOf[seq] : null,
                },
                options.PublishBatch, options.PublishBatchesInFlight, cancellationToken);
            var publishS = Stopwatch.GetElapsedTime(t0).TotalSeconds;

            var depth = (await client.GetQueueAsync(queue, cancellationToken)).Counts.Ready;

            // --- consume
            var ledger = new DeliveryLedger(n);
            var orders = Enumerable.Range(0, options.Consumers).Select(_ => new OrderCheck(priorities)).ToArray();
            var consumers = new Consumers(
                client, queue, options.ReceiveMax, ReceiveWait, options.Streams, ledger, context.Log,
                (messages, _, order) => Consumers.Record(messages, ledger, order));
            var t1 = Stopwatch.GetTimestamp();
            await consumers.RunAsync(orders, cancellationToken);
            var consumeS = Stopwatch.GetElapsedTime(t1).TotalSeconds;

            var left = (await client.GetQueueAsync(queue, cancellationToken)).Counts.Total;

            // One batch in flight: the queue's order is the sequence. More: the order it stored them (their ids).
            var rank = options.PublishBatchesInFlight > 1 ? OrderCheck.RankFromIds(ids) : null;
            foreach (var order in orders)
            {
                order.Evaluate(rank);
            }

            var totalS = publishS + consumeS;
            var line = new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", options.Transport)
                .Seconds("publish_s", publishS)
                .Seconds("consume_s", consumeS)
                .Seconds("total_s", totalS)
                .Rate("publish_msgs_per_s", n / publishS)
                .Rate("consume_msgs_per_s", n / consumeS)
                .Rate("msgs_per_s", n / totalS)
                .Expect("depth_after_publish", depth, n)
                .Check("left_after_consume", left)
                .Check("missing", ledger.Missing)
                .Check("duplicates", ledger.Duplicates);
            if (priorities)
            {
                line.Check("priority_violations", orders.Sum(o => o.PriorityViolations))
                    .Check("fifo_within_priority_violations", orders.Sum(o => o.FifoViolations));
            }
            else
            {
                line.Check("fifo_violations", orders.Sum(o => o.FifoViolations));
            }

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
