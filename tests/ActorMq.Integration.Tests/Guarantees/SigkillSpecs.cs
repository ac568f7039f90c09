using ActorMq.Integration.Tests.Support;
using Xunit.Abstractions;

namespace ActorMq.Integration.Tests.Guarantees;

/// <summary>
/// SIGKILL of one node of three, each in turn (node 1 is the oldest: the sharding coordinators and the catalog move
/// too), while publishers and consumers run through both gateways. One run per victim (<see cref="SigkillScenario"/>),
/// two guarantees checked on it. The run's steps, measurements and history check are in each test's output.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class SigkillSpecs(SigkillRuns runs, ITestOutputHelper output) : IClassFixture<SigkillRuns>
{
    [ClusterTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Sigkill_of_a_node_under_load_loses_nothing_acknowledged_and_every_queue_serves_again_within_10_s(int victim)
    {
        var outcome = await runs.OfVictimAsync(victim);
        outcome.Log.WriteTo(output);

        var problems = outcome.FailoverProblems();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [ClusterTheory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Scheduled_messages_of_a_killed_node_fire_after_failover_and_never_early(int victim)
    {
        var outcome = await runs.OfVictimAsync(victim);
        outcome.Log.WriteTo(output);

        var problems = outcome.ScheduleProblems();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
