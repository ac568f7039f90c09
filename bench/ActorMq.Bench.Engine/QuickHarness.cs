using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using ActorMq.Engine;

namespace ActorMq.Bench.Engine;

/// <summary>
/// <c>--quick</c>: every scenario at every depth once, with a plain Stopwatch, in under two minutes. The same rounds as
/// the BenchmarkDotNet run (200 operations timed, then the depth put back untimed; 1000 leases per expiry tick), plus
/// receive and ack timed apart, and the publish+receive+ack steady state. Columns: mean, median, 90th percentile and
/// worst round in ns per operation; bytes allocated per operation; collections during the timed rounds; and the GC
/// pause time that fell inside the timed rounds, per operation (the part of the mean that is garbage collection).
/// </summary>
internal static class QuickHarness
{
    private const int Round = EngineBenchmarks.OpsPerIteration;

    public static int Run(string[] args)
    {
        var depths = new[] { 1_000, 100_000, 1_000_000 };
        var ops = 200_000;
        for (var i = 0; i < args.Length - 1; i++)
        {
            if (args[i] == "--depths")
            {
                depths = args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            }
            else if (args[i] == "--ops")
            {
                ops = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        var total = Stopwatch.StartNew();
        Console.WriteLine($"# ActorMq engine quick bench: .NET {Environment.Version}, {Environment.ProcessorCount} cores, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}), {ops} ops per scenario");
        QueueFixture.WarmUpJit();
        Console.WriteLine($"# JIT warm-up done in {total.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"{"scenario",-22} {"depth",9} {"ns/op",9} {"p50",9} {"p90",9} {"max",10} {"B/op",7} {"gen0/1/2",10} {"gc ns/op",7}");

        foreach (var depth in depths)
        {
            var sw = Stopwatch.StartNew();
            var q = QueueFixture.Create(depth);
            Console.WriteLine($"# depth {depth}: filled in {sw.Elapsed.TotalSeconds:F2} s "
                + $"({sw.Elapsed.TotalNanoseconds / depth:F0} ns per message, publish batches of {QueueFixture.FillBatch}), "
                + $"heap {GC.GetTotalMemory(false) / (1024 * 1024)} MiB");

            var rounds = Math.Max(1, ops / Round);

            var publish1 = new Sampler("publish-1", depth, Round);
            for (var r = 0; r < rounds; r++)
            {
                q.TrimTo(depth);
                publish1.Time(() => q.PublishSingles(Round));
            }

            publish1.Print();
            q.TrimTo(depth);

            var batch = new Sampler("publish-batch100/msg", depth, Round);
            for (var r = 0; r < rounds; r++)
            {
                q.TrimTo(depth);
                batch.Time(() => q.PublishBatches(Round));
            }

            batch.Print();
            q.TrimTo(depth);

            var pair = new Sampler("receive+ack", depth, Round);
            for (var r = 0; r < rounds; r++)
            {
                q.RefillTo(depth);
                pair.Time(() => q.ReceiveAck(Round));
            }

            pair.Print();

            var receive = new Sampler("  receive alone", depth, Round);
            var ack = new Sampler("  ack alone", depth, Round);
            var leases = new LeaseRef[Round];
            for (var r = 0; r < rounds; r++)
            {
                q.RefillTo(depth);
                receive.Time(() => q.ReceiveOnly(leases, Round));
                ack.Time(() => q.AckOnly(leases, Round));
            }

            receive.Print();
            ack.Print();
            q.RefillTo(depth);

            var steady = new Sampler("publish+receive+ack", depth, Round);
            for (var r = 0; r < rounds; r++)
            {
                steady.Time(() => q.PublishReceiveAck(Round));
            }

            steady.Print();

            var expiry = new Sampler("lease-expiry/lease", depth, QueueFixture.ExpiryBatch);
            for (var r = 0; r < Math.Max(1, ops / QueueFixture.ExpiryBatch); r++)
            {
                q.LeaseAndLetExpire();
                expiry.Time(() => q.ExpireLeases());
            }

            expiry.Print();
            var gc = GC.GetGCMemoryInfo(GCKind.Ephemeral);
            Console.WriteLine($"# depth {depth}: last ephemeral GC #{gc.Index} gen{gc.Generation}: pause {gc.PauseDurations[0].TotalMilliseconds:F1} ms, "
                + $"promoted {gc.PromotedBytes / 1024} KiB, heap {gc.HeapSizeBytes / (1024 * 1024)} MiB, gen0 budget ~{gc.GenerationInfo[0].SizeBeforeBytes / (1024 * 1024)} MiB");
            if (q.Depth != depth || q.State.Counts.Ready != depth)
            {
                throw new InvalidOperationException($"depth {q.Depth} ({q.State.Counts}) after the scenarios, wanted {depth} ready");
            }
        }

        Console.WriteLine($"# total {total.Elapsed.TotalSeconds:F1} s");
        return 0;
    }

    /// <summary>Times rounds of a fixed number of operations; reports per operation.</summary>
    private sealed class Sampler(string name, int depth, int opsPerRound)
    {
        private readonly List<double> _nsPerOp = [];
        private long _ticks;
        private long _bytes;
        private TimeSpan _pause;
        private int _gen0;
        private int _gen1;
        private int _gen2;

        public void Time(Action action)
        {
            var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var pause = GC.GetTotalPauseDuration();
            var start = Stopwatch.GetTimestamp();
            action();
            var elapsed = Stopwatch.GetTimestamp() - start;
            _pause += GC.GetTotalPauseDuration() - pause;
            _bytes += GC.GetAllocatedBytesForCurrentThread() - bytes;
            _gen0 += GC.CollectionCount(0) - g0;
            _gen1 += GC.CollectionCount(1) - g1;
            _gen2 += GC.CollectionCount(2) - g2;
            _ticks += elapsed;
            _nsPerOp.Add(elapsed * 1e9 / Stopwatch.Frequency / opsPerRound);
        }

        public void Print()
        {
            var ops = (double)_nsPerOp.Count * opsPerRound;
            var sorted = _nsPerOp.Order().ToArray();
            var mean = _ticks * 1e9 / Stopwatch.Frequency / ops;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{name,-22} {depth,9} {mean,9:F0} {Percentile(sorted, 0.5),9:F0} {Percentile(sorted, 0.9),9:F0} {sorted[^1],10:F0} {_bytes / ops,7:F0} {$"{_gen0}/{_gen1}/{_gen2}",10} {_pause.TotalNanoseconds / ops,7:F0}"));
        }

        private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
    }
}
