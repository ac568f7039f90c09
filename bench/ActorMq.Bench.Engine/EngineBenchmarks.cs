using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Perfolizer.Mathematics.OutlierDetection;

namespace ActorMq.Bench.Engine;

/// <summary>
/// Publish, receive+ack and lease expiry on a queue of <see cref="Depth"/> ready messages. Every reported time is per
/// message (<c>OperationsPerInvoke</c>).
/// </summary>
/// <remarks>
/// <para>
/// Each iteration is one invocation of a fixed number of operations, and an <c>[IterationSetup]</c> (not timed) puts
/// the depth back to exactly <see cref="Depth"/> before it: publish iterations pop the surplus, receive+ack iterations
/// publish the messages that were acked. During one measured iteration the depth drifts by at most
/// <see cref="OpsPerIteration"/> (200): 1000→1200 or 1000→800 at the smallest depth, negligible at the others.
/// </para>
/// <para>
/// Garbage collections are not forced between iterations and no outliers are removed, so the gen-0 collections the
/// engine's allocations cause are in the figures where they fall, together with any preemption on this shared
/// 2-core machine; compare Mean with Median.
/// </para>
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 100, iterationCount: 2000, invocationCount: 1, id: "PerIteration")]
[GcForce(false)]
[Outliers(OutlierMode.DontRemove)]
[MedianColumn]
public class EngineBenchmarks
{
    /// <summary>Operations in one measured iteration of the publish and receive+ack scenarios.</summary>
    public const int OpsPerIteration = 200;

    private QueueFixture _queue = null!;

    /// <summary>Ready messages in the queue before every iteration.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        QueueFixture.WarmUpJit();
        _queue = QueueFixture.Create(Depth);
    }

    [IterationSetup(Targets = [nameof(Publish1), nameof(PublishBatch100)])]
    public void TrimToDepth() => _queue.TrimTo(Depth);

    [IterationSetup(Target = nameof(ReceiveAck))]
    public void RefillToDepth() => _queue.RefillTo(Depth);

    [IterationSetup(Target = nameof(LeaseExpiry))]
    public void LeaseAndLetExpire() => _queue.LeaseAndLetExpire();

    /// <summary>One message per publish.</summary>
    [Benchmark(OperationsPerInvoke = OpsPerIteration)]
    public void Publish1() => _queue.PublishSingles(OpsPerIteration);

    /// <summary>100 messages per publish; time per message.</summary>
    [Benchmark(OperationsPerInvoke = OpsPerIteration)]
    public void PublishBatch100() => _queue.PublishBatches(OpsPerIteration);

    /// <summary>Receive (max 1), then ack that lease: time per pair.</summary>
    [Benchmark(OperationsPerInvoke = OpsPerIteration)]
    public void ReceiveAck() => _queue.ReceiveAck(OpsPerIteration);

    /// <summary>One tick that releases 1000 expired leases; time per released lease.</summary>
    [Benchmark(OperationsPerInvoke = QueueFixture.ExpiryBatch)]
    public int LeaseExpiry() => _queue.ExpireLeases();
}

/// <summary>
/// Steady state without any setup between iterations: each operation publishes one message, receives one and acks it,
/// so the depth stays exactly <see cref="Depth"/> and every allocation and collection is timed. Ordinary
/// BenchmarkDotNet iterations (pilot-chosen invocation count, ~500 ms each).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 5, iterationCount: 30, id: "SteadyState")]
[IterationTime(500)]
[GcForce(false)]
[Outliers(OutlierMode.DontRemove)]
[MedianColumn]
public class SteadyStateBenchmarks
{
    private const int CyclesPerInvoke = 100;

    private QueueFixture _queue = null!;

    /// <summary>Messages in the queue, constant throughout.</summary>
    [Params(1_000, 100_000, 1_000_000)]
    public int Depth { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        QueueFixture.WarmUpJit();
        _queue = QueueFixture.Create(Depth);
    }

    /// <summary>Publish 1 + receive 1 + ack 1: time per cycle.</summary>
    [Benchmark(OperationsPerInvoke = CyclesPerInvoke)]
    public void PublishReceiveAck() => _queue.PublishReceiveAck(CyclesPerInvoke);
}
