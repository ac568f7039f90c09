using System.Collections.Concurrent;

namespace ActorMq.Integration.Tests.Guarantees;

/// <summary>
/// The <see cref="SigkillScenario"/> runs of one test class, one per victim, each run once by the first test that asks
/// for it: the guarantees are separate tests, checked on one history per victim (as Jepsen runs several checkers over
/// one history), so the cluster is started and killed three times rather than six.
/// </summary>
public sealed class SigkillRuns
{
    private readonly ConcurrentDictionary<int, Lazy<Task<SigkillOutcome>>> _runs = new();

    /// <summary>The run that kills node <paramref name="victim"/>.</summary>
    public Task<SigkillOutcome> OfVictimAsync(int victim) =>
        _runs.GetOrAdd(victim, v => new Lazy<Task<SigkillOutcome>>(() => SigkillScenario.RunAsync(v))).Value;
}
