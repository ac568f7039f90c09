using System.Diagnostics;
using System.Globalization;

namespace ActorMq.Bench.Peer.Scenarios;

/// <summary>
/// The three legs of each message's publish-to-receive latency, from the node's <c>publishedAt</c> and
/// <c>firstReceivedAt</c> (the node's wall clock, which on the same machine is the harness's): to the node, waiting in
/// the queue, and back to the consumer. The harness's monotonic timestamps are placed on the wall clock by one reading
/// of both taken when the scenario starts.
/// </summary>
internal sealed class LatencyLegs(int n)
{
    private readonly long[] _toNode = Percentiles.Unset(n);
    private readonly long[] _inQueue = Percentiles.Unset(n);
    private readonly long[] _toConsumer = Percentiles.Unset(n);
    private readonly long[] _sent = Percentiles.Unset(n);
    private readonly DateTimeOffset _wallAtStart = DateTimeOffset.UtcNow;
    private readonly long _ticksAtStart = Stopwatch.GetTimestamp();

    /// <summary>Records message <paramref name="seq"/>: <paramref name="sent"/> and <paramref name="arrived"/> are <see cref="Stopwatch"/> timestamps.</summary>
    public void Record(long seq, long sent, DateTimeOffset publishedAt, DateTimeOffset? firstReceivedAt, long arrived)
    {
        var published = Ticks(publishedAt);
        var leased = Ticks(firstReceivedAt ?? publishedAt);
        // Clamped at 0: the two clocks agree to within microseconds, not exactly.
        _toNode[seq] = Math.Max(0, published - sent);
        _inQueue[seq] = Math.Max(0, leased - published);
        _toConsumer[seq] = Math.Max(0, arrived - leased);
        _sent[seq] = sent;
    }

    /// <summary>
    /// Writes one line per message to <paramref name="path"/> — sequence number, ms from the first send to its send, and
    /// the three legs in ms — and to <paramref name="path"/><c>.start</c> the first send as UTC ticks (to line the lines
    /// up with other processes' event timestamps).
    /// </summary>
    public void Dump(string path)
    {
        var first = _sent.Where(s => s >= 0).DefaultIfEmpty(_ticksAtStart).Min();
        File.WriteAllText(path + ".start", (_wallAtStart.UtcTicks + (first - _ticksAtStart) * TimeSpan.TicksPerSecond / Stopwatch.Frequency).ToString(CultureInfo.InvariantCulture));
        File.WriteAllLines(path, Enumerable.Range(0, _sent.Length).Where(i => _sent[i] >= 0).Select(i =>
            FormattableString.Invariant($"{i} {Ms(_sent[i] - first):0.000} {Ms(_toNode[i]):0.000} {Ms(_inQueue[i]):0.000} {Ms(_toConsumer[i]):0.000}")));
    }

    /// <summary>Adds <c>to_node_</c>, <c>in_queue_</c> and <c>to_consumer_</c> p50 and p99 (ms) to <paramref name="line"/>.</summary>
    public void AddTo(ResultLine line)
    {
        foreach (var (name, ticks) in new[] { ("to_node", _toNode), ("in_queue", _inQueue), ("to_consumer", _toConsumer) })
        {
            var sorted = Percentiles.SortedMs(ticks);
            line.Number(name + "_p50_ms", Percentiles.Of(sorted, 0.50)).Number(name + "_p99_ms", Percentiles.Of(sorted, 0.99));
        }
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private long Ticks(DateTimeOffset wall) => _ticksAtStart + (long)((wall - _wallAtStart).TotalSeconds * Stopwatch.Frequency);
}
