namespace ActorMq.Bench.Peer;

/// <summary>
/// Which of messages 0..n-1 (by the sequence number in their body) were delivered, and how often. Thread-safe: shared
/// by every consumer of a scenario.
/// </summary>
internal sealed class DeliveryLedger(int n)
{
    private readonly int[] _seen = new int[n];
    private int _distinct;
    private int _duplicates;

    public int Count => n;

    public int Distinct => Volatile.Read(ref _distinct);

    /// <summary>Deliveries of a message already delivered, or of a body that is none of ours.</summary>
    public int Duplicates => Volatile.Read(ref _duplicates);

    public int Missing => n - Distinct;

    public bool Complete => Distinct >= n;

    /// <summary>Records a delivery; true when it is the first of <paramref name="seq"/>.</summary>
    public bool Record(long seq)
    {
        if (seq < 0 || seq >= n || Interlocked.Exchange(ref _seen[seq], 1) != 0)
        {
            Interlocked.Increment(ref _duplicates);
            return false;
        }

        Interlocked.Increment(ref _distinct);
        return true;
    }

    /// <summary>A body that could not be read.</summary>
    public void RecordForeign() => Interlocked.Increment(ref _duplicates);
}

/// <summary>
/// The delivery order one consumer saw, checked once the scenario is over. Everything was published before consuming
/// began (except in latency), so deliveries must be FIFO — and with <c>byPriority</c>, non-decreasing in priority
/// number (in ActorMq a lower number is more urgent) and FIFO within each priority. One consumer's deliveries are a
/// subsequence of the queue's order (its receives are answered one after another, each in order), so the check holds
/// per consumer whatever the others do.
/// </summary>
/// <param name="byPriority">Check priority order, and FIFO within each priority.</param>
internal sealed class OrderCheck(bool byPriority)
{
    private readonly List<(long Seq, int Priority)> _seen = [];

    public int PriorityViolations { get; private set; }

    public int FifoViolations { get; private set; }

    public void Observe(long seq, int priority) => _seen.Add((seq, priority));

    /// <summary>
    /// Counts the violations. <paramref name="rank"/> is the publish order by sequence number when it is not the
    /// sequence itself (publishes in flight together: the order the queue stored them, from <see cref="RankFromIds"/>).
    /// </summary>
    public OrderCheck Evaluate(int[]? rank)
    {
        var lastRankByPriority = Enumerable.Repeat(-1L, 10).ToArray();
        var lastPriority = -1;
        PriorityViolations = FifoViolations = 0;
        foreach (var (seq, priority) in _seen)
        {
            if (byPriority && priority < lastPriority)
            {
                PriorityViolations++;
            }

            lastPriority = priority;
            var key = byPriority ? priority : 0;
            long position = rank is not null && seq >= 0 && seq < rank.Length ? rank[seq] : seq;
            if (position < lastRankByPriority[key])
            {
                FifoViolations++;
            }

            lastRankByPriority[key] = position;
        }

        return this;
    }

    /// <summary>
    /// The publish order of each sequence number from the ids the queue generated for them: generated ids sort by
    /// creation (DESIGN.md; milliseconds, then the queue's own sequence), and a queue stores one publish after another.
    /// </summary>
    public static int[] RankFromIds(string[] idsBySeq)
    {
        var order = Enumerable.Range(0, idsBySeq.Length).ToArray();
        Array.Sort(order, (a, b) => string.CompareOrdinal(idsBySeq[a], idsBySeq[b]));
        var rank = new int[idsBySeq.Length];
        for (var i = 0; i < order.Length; i++)
        {
            rank[order[i]] = i;
        }

        return rank;
    }
}
