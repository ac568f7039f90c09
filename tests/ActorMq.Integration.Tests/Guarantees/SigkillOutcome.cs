using ActorMq.Integration.Tests.History;
using ActorMq.Integration.Tests.Support;
using ActorMq.Integration.Tests.Workload;

namespace ActorMq.Integration.Tests.Guarantees;

/// <summary>
/// What one <see cref="SigkillScenario"/> run saw; each guarantee reads the part it is about and lists what broke it.
/// </summary>
public sealed record SigkillOutcome
{
    /// <summary>The issue's bound on failover.</summary>
    public static readonly TimeSpan FailoverLimit = TimeSpan.FromSeconds(10);

    /// <summary>The node killed.</summary>
    public required int Victim { get; init; }

    /// <summary>The steps of the run.</summary>
    public required RunLog Log { get; init; }

    /// <summary>What made the run itself fail (the cluster did not start, a wait ran out…), if anything.</summary>
    public Exception? Error { get; init; }

    /// <summary>How the queues served after the kill, through the surviving gateway.</summary>
    public Availability? Availability { get; init; }

    /// <summary>The history check.</summary>
    public CheckResult? Check { get; init; }

    /// <summary>True when every queue was empty at the end of the drain.</summary>
    public bool Drained { get; init; }

    /// <summary>Messages published before the kill due 25-35 s later: parked in schedule buckets when the node died.</summary>
    public IReadOnlyCollection<MessageKey> Parked { get; init; } = [];

    /// <summary>Messages published before the kill due 2-10 s later: due around the kill and the failover.</summary>
    public IReadOnlyCollection<MessageKey> Soon { get; init; } = [];

    /// <summary>
    /// True when a survivor logged that the oldest member moved away from the victim (the sharding coordinators and
    /// the catalog singleton moved with it).
    /// </summary>
    public bool OldestMoved { get; init; }

    /// <summary>Publishes acknowledged before the kill.</summary>
    public int AcknowledgedBeforeKill { get; init; }

    /// <summary>Publishes acknowledged after every queue served again.</summary>
    public int AcknowledgedAfterFailover { get; init; }

    /// <summary>The schedule buckets with a journal before the kill, by queue.</summary>
    public IReadOnlyDictionary<string, int> BucketsBeforeKill { get; init; } = new Dictionary<string, int>();

    /// <summary>The queues the victim hosted: those that did not answer for a while after the kill.</summary>
    public IReadOnlyCollection<string> VictimQueues => Availability?.Unavailable.Keys.ToArray() ?? [];

    /// <summary>What broke "every queue serves again within 10 s, nothing acknowledged lost, nothing acked delivered again".</summary>
    public IReadOnlyList<string> FailoverProblems()
    {
        var problems = RunProblems();
        if (problems.Count > 0)
        {
            return problems;
        }

        if (!Check!.Valid)
        {
            problems.Add($"the history check failed:\n{Check.Describe()}");
        }

        if (!Availability!.Recovered || Availability.EveryQueueServingAfter is not { } back)
        {
            problems.Add($"the queues did not all serve again: {Availability}");
        }
        else if (back > FailoverLimit)
        {
            problems.Add($"not every queue served again within {FailoverLimit.TotalSeconds} s: {Availability}");
        }

        if (Victim == 1 && !OldestMoved)
        {
            problems.Add("no survivor logged that the oldest member moved away from node 1: node 1 was not the oldest, so the death of the oldest was not tested");
        }

        if (VictimQueues.Count == 0)
        {
            problems.Add($"node {Victim} hosted none of the queues, so its death was not tested: {Availability}");
        }

        if (!Drained)
        {
            problems.Add("the queues were not empty within the drain's time");
        }

        if (AcknowledgedBeforeKill < 50 || AcknowledgedAfterFailover < 50)
        {
            problems.Add($"too little load to show anything: {AcknowledgedBeforeKill} publishes acknowledged before the kill, {AcknowledgedAfterFailover} after the failover");
        }

        return problems;
    }

    /// <summary>What broke "scheduled messages of the dead node fire after failover, never early".</summary>
    public IReadOnlyList<string> ScheduleProblems()
    {
        var problems = RunProblems();
        if (problems.Count > 0)
        {
            return problems;
        }

        var early = Check!.Violations.Where(v => v.Rule == Rule.DeliveredEarly).ToArray();
        if (early.Length > 0)
        {
            problems.Add($"{early.Length} scheduled message(s) delivered early:\n{string.Join('\n', early.Take(10))}");
        }

        var undelivered = Parked.Concat(Soon).Where(k => !Check.Lateness.ContainsKey(k)).ToArray();
        if (undelivered.Length > 0)
        {
            problems.Add($"{undelivered.Length} scheduled message(s) never delivered: {string.Join(", ", undelivered.Take(20))}");
        }

        var victimParked = Parked.Count(k => VictimQueues.Contains(k.Queue));
        if (victimParked == 0)
        {
            problems.Add($"node {Victim} hosted none of the queues with parked messages: {Availability}");
        }

        var unparked = VictimQueues.Where(q => BucketsBeforeKill.GetValueOrDefault(q) == 0).ToArray();
        if (unparked.Length > 0)
        {
            problems.Add($"queue(s) {string.Join(", ", unparked)} of node {Victim} had no schedule bucket journal before the kill: the messages were not parked");
        }

        return problems;
    }

    /// <summary>Lateness of the scheduled messages (first lease - deliverAt), in groups, one line each.</summary>
    public string LatenessReport()
    {
        if (Check is null)
        {
            return "no history check";
        }

        string Of(IEnumerable<MessageKey> keys) => Durations.Summary(keys.Where(Check.Lateness.ContainsKey).Select(k => Check.Lateness[k]));
        var victim = VictimQueues.ToHashSet();
        var loadScheduled = Check.Lateness.Keys.Except(Parked).Except(Soon);
        return $"parked (due 25-35 s after publish) on node {Victim}'s queues: {Of(Parked.Where(k => victim.Contains(k.Queue)))}\n"
            + $"parked on the other queues: {Of(Parked.Where(k => !victim.Contains(k.Queue)))}\n"
            + $"due 2-10 s after publish (around the kill) on node {Victim}'s queues: {Of(Soon.Where(k => victim.Contains(k.Queue)))}\n"
            + $"due 2-10 s after publish on the other queues: {Of(Soon.Where(k => !victim.Contains(k.Queue)))}\n"
            + $"scheduled 1-6 s ahead by the load's publishers: {Of(loadScheduled)}";
    }

    private List<string> RunProblems() =>
        Error is not null ? [$"the run failed: {Error}"]
        : Check is null || Availability is null ? ["the run ended without a history check or a measurement"]
        : [];
}
