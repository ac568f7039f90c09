using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// <c>recovery_1m</c> (ActorMq only; needs a node this harness owns): fills a queue with a million 100-byte messages,
/// stops the node (SIGTERM, or SIGKILL with <c>--recovery-kill</c>), starts it again on the same ports and data, and
/// measures from the new process's start until <c>/health/ready</c> answers 200 (<c>ready_s</c>) and until the queue
/// serves (<c>serves_s</c>): <see cref="IActorMqClient.GetQueueAsync"/> counts every message ready and a receive returns
/// one (given back at once with a nack). A new client is made right after the start (while the node comes up), so a transport's reconnection after the
/// restart is in the figure but no stale connection of the old process is.
/// </summary>
internal static class RecoveryScenario
{
    /// <summary>Batches in flight at least: filling is not what is measured.</summary>
    private const int MinBatchesInFlight = 4;

    private static readonly TimeSpan PollPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static async Task<ResultLine> RunAsync(BenchContext context, string scenario, int n, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var node = context.Node;
        if (!node.Owned)
        {
            throw new SkipException("the node was given by --url: the harness cannot restart it");
        }

        var queue = "peerbench." + scenario;
        await context.RecreateQueueAsync(queue, cancellationToken);
        try
        {
            // --- fill
            var inFlight = Math.Max(MinBatchesInFlight, options.PublishBatchesInFlight);
            var t0 = Stopwatch.GetTimestamp();
            await Publisher.PublishAllAsync(
                context, queue, n, seq => new PublishMessage(BenchBody.Create(seq, 0, Stopwatch.GetTimestamp())),
                options.PublishBatch, inFlight, cancellationToken);
            var fillS = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            var before = (await context.Client.GetQueueAsync(queue, cancellationToken)).Counts.Ready;

            // --- stop
            var t1 = Stopwatch.GetTimestamp();
            var exitCode = await node.StopAsync(options.RecoveryKill);
            var stopS = Stopwatch.GetElapsedTime(t1).TotalSeconds;
            var dataMb = node.DataMb();

            // --- start again
            node.Launch();
            await context.ReconnectAsync(BenchContext.Connect(options, node));
            var readyS = (await node.WaitReadyAsync(options.ReadyTimeout, cancellationToken)).TotalSeconds;
            var (count, servesS) = await WaitServedAsync(context, queue, n, cancellationToken);

            return new ResultLine(scenario)
                .Add("n", n)
                .Add("transport", options.Transport)
                .Add("signal", options.RecoveryKill ? "KILL" : "TERM")
                .Seconds("fill_s", fillS)
                .Rate("fill_msgs_per_s", n / fillS)
                .Expect("depth_before_stop", before, n)
                .Seconds("stop_s", stopS)
                .Add("exit_code", exitCode)
                .Number("data_mb", dataMb, 1)
                .Seconds("ready_s", readyS)
                .Seconds("serves_s", servesS)
                .Add("count_after_restart", count)
                .Check("missing", Math.Max(0, n - count))
                .Check("duplicates", Math.Max(0, count - n));
        }
        finally
        {
            await context.DeleteQueueQuietlyAsync(queue);
        }
    }

    /// <summary>
    /// Polls the queue until it counts <paramref name="n"/> messages ready and a receive returns one (then given back with
    /// a nack, so the count stays whole); returns the count and the seconds since the node's start.
    /// </summary>
    private static async Task<(long Count, double Seconds)> WaitServedAsync(BenchContext context, string queue, int n, CancellationToken cancellationToken)
    {
        long count = -1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var call = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            call.CancelAfter(CallTimeout);
            try
            {
                var counts = (await context.Client.GetQueueAsync(queue, call.Token)).Counts;
                count = counts.Total;
                if (counts.Ready >= n)
                {
                    var received = await context.Client.ReceiveAsync(queue, 1, cancellationToken: call.Token);
                    if (received.Count == 1)
                    {
                        var seconds = Stopwatch.GetElapsedTime(context.Node.LaunchedAt).TotalSeconds;
                        await context.Client.NackAsync(queue, received[0].Id, received[0].Lease.Token, cancellationToken: call.Token);
                        return (count, seconds);
                    }
                }
                else if (count < n && counts.Inflight == 0 && counts.Ready == count)
                {
                    // Recovered but short: nothing more will come.
                    return (count, Stopwatch.GetElapsedTime(context.Node.LaunchedAt).TotalSeconds);
                }
            }
            catch (Exception e) when (e is UnavailableException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not serving yet (or the transport is still finding the restarted node).
            }

            await Task.Delay(PollPause, cancellationToken);
        }
    }
}

/// <summary>The scenario cannot run in this set-up; it is reported as skipped, not failed.</summary>
internal sealed class SkipException(string reason) : Exception(reason);
