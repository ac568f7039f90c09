using System.Globalization;
using ActorMq.Integration.Tests.History;
using ActorMq.Integration.Tests.Support;
using ActorMq.Integration.Tests.Workload;

namespace ActorMq.Integration.Tests.Guarantees;

/// <summary>
/// One run: a 3-node cluster with small schedule buckets (<see cref="TestHocon.SmallBuckets"/>), 6 queues spread over
/// the nodes, a load of 3 publishers (a fifth of their messages scheduled 1-6 s ahead) and one consumer per queue
/// through both gateways; once the load runs, scheduled messages parked in buckets (due 25-35 s ahead) and due soon
/// (2-10 s, around the kill and the failover), then a SIGKILL of the victim; a probe through the surviving gateway measures when every queue serves
/// again; the load goes on a little, then stops publishing and drains (the parked messages fire meanwhile); the history
/// is checked. Everything is bounded in time; the cluster is gone when it returns.
/// </summary>
public static class SigkillScenario
{
    private const int QueueCount = 6;
    private const int ParkedPerQueue = 8;
    private const int SoonPerQueue = 4;

    private static readonly LoadOptions Load = new()
    {
        Publishers = 3,
        MessagesPerPublisher = 400,
        MaxDelay = TimeSpan.FromSeconds(6),
    };

    /// <summary>Runs the scenario with node <paramref name="victim"/> killed; never throws (a failure is in the outcome).</summary>
    public static async Task<SigkillOutcome> RunAsync(int victim)
    {
        var log = new RunLog();
        var outcome = new SigkillOutcome { Victim = victim, Log = log };
        GuaranteeRun? run = null;
        try
        {
            run = await GuaranteeRun.StartAsync(log, $"kill{victim}", QueueCount, TestHocon.SmallBuckets);
            outcome = await RunAsync(run, outcome);
            if (outcome.FailoverProblems().Count == 0 && outcome.ScheduleProblems().Count == 0)
            {
                run.Passed();
            }
        }
        catch (Exception e)
        {
            log.Write($"the run failed: {e}");
            outcome = outcome with { Error = e };
        }
        finally
        {
            if (run is not null)
            {
                await run.DisposeAsync();
            }
        }

        return outcome;
    }

    private static async Task<SigkillOutcome> RunAsync(GuaranteeRun run, SigkillOutcome outcome)
    {
        var victim = outcome.Victim;
        var survivor = victim == 1 ? 2 : 1;
        var probe = run.Probe(survivor);
        await probe.WaitUntilAllAnswerAsync(TimeSpan.FromSeconds(30));

        // The kill comes once the load has run a while: the nodes are past their start (and its JIT compilation).
        await using var load = ClientLoad.Start(run.History, run.Gateways, run.Queues, Load);
        await load.WaitForAcksAsync(300, TimeSpan.FromSeconds(60));
        run.Log($"load running: {load.Acked} acks so far");

        var scheduledAt = DateTimeOffset.UtcNow;
        var (parked, soon) = await PublishScheduledAsync(run);
        run.Log($"scheduled just before the kill: {parked.Count} due 25-35 s ahead, {soon.Count} due 2-10 s ahead");
        var buckets = await BucketsAsync(run, scheduledAt + TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(15));
        run.Log($"schedule buckets starting 20 s or more ahead with a journal: {string.Join(", ", buckets.Select(b => $"{b.Key}: {b.Value}"))}");

        var killedAt = run.Cluster.KillNode(victim);
        run.Log($"SIGKILL node {victim} ({TestCluster.Roles(victim)}{(victim == 1 ? ", the oldest" : "")}); probing through node {survivor}");
        var availability = await probe.WaitForRecoveryAsync(killedAt, quiet: TimeSpan.FromSeconds(20), timeout: TimeSpan.FromSeconds(60));
        run.Log($"after SIGKILL of node {victim}: {availability}");

        // The load goes on after the failover, then stops; the consumers drain every queue (the parked messages fire).
        await load.WaitForPublishedAsync(load.Published + 100, TimeSpan.FromSeconds(30));
        var drained = await load.DrainAsync(TimeSpan.FromSeconds(60));
        run.Log(drained ? "drained: every queue empty" : "NOT drained within 60 s");

        // Akka's singleton managers log "OldestChanged: [<old> -> <new>]" when the oldest member leaves.
        var oldestLeft = $"OldestChanged: [akka.tcp://actormq@127.0.0.1:{run.Cluster.Node(victim).AkkaPort} ->";
        var oldestMoved = Enumerable.Range(1, run.Cluster.Size).Where(i => i != victim).Any(i => run.Cluster.Node(i).LogContains(oldestLeft));
        run.Log(oldestMoved ? $"node {victim} was the oldest member: the survivors logged the oldest moving away from it" : $"node {victim} was not the oldest member");

        var check = await run.CheckAsync(crashes: [killedAt]);
        var published = run.History.Snapshot().Where(e => e is { Kind: OperationKind.Publish, Type: EventType.Ok }).Select(e => e.At).ToArray();
        var servingAgain = availability.EveryQueueServingAfter is { } back ? killedAt + back : DateTimeOffset.MaxValue;
        outcome = outcome with
        {
            AcknowledgedBeforeKill = published.Count(at => at < killedAt),
            AcknowledgedAfterFailover = published.Count(at => at > servingAgain),
            Availability = availability,
            Check = check,
            Drained = drained,
            OldestMoved = oldestMoved,
            Parked = parked,
            Soon = soon,
            BucketsBeforeKill = buckets,
        };
        run.Log($"publishes acknowledged before the kill: {outcome.AcknowledgedBeforeKill}, after every queue served again: {outcome.AcknowledgedAfterFailover}");
        run.Log($"lateness of the scheduled messages:\n{outcome.LatenessReport()}");
        return outcome;
    }

    // Per queue, through both gateways: messages due 25-35 s ahead (parked: far beyond the 3 s look-ahead) and 2-10 s
    // ahead. Returns the acknowledged ones.
    private static async Task<(IReadOnlyCollection<MessageKey> Parked, IReadOnlyCollection<MessageKey> Soon)> PublishScheduledAsync(GuaranteeRun run)
    {
        var now = DateTimeOffset.UtcNow;
        var random = new Random(7);
        var plan = run.Queues.SelectMany((queue, q) =>
                Enumerable.Range(0, ParkedPerQueue).Select(i => (Queue: q, Id: $"parked-{i}", Due: now + TimeSpan.FromSeconds(25 + (10 * random.NextDouble()))))
                    .Concat(Enumerable.Range(0, SoonPerQueue).Select(i => (Queue: q, Id: $"soon-{i}", Due: now + TimeSpan.FromSeconds(2 + (8 * random.NextDouble()))))))
            .ToArray();
        await Task.WhenAll(plan.GroupBy(p => p.Queue).Select(async byQueue =>
        {
            // Processes 90 and up publish the scheduled messages, one per queue.
            var publisher = new Publisher(90 + byQueue.Key, run.History, run.Gateways, run.Queues, new LoadOptions());
            foreach (var (queue, id, due) in byQueue)
            {
                await publisher.PublishAsync(run.Queues[queue], id, due, CancellationToken.None);
            }
        }));

        var acknowledged = run.History.Snapshot()
            .Where(e => e is { Kind: OperationKind.Publish, Type: EventType.Ok } && e.MessageId is not null)
            .Select(e => new MessageKey(e.Queue, e.MessageId!))
            .ToHashSet();
        var keys = plan.Select(p => new MessageKey(run.Queues[p.Queue], p.Id)).Where(acknowledged.Contains).ToArray();
        return ([.. keys.Where(k => k.Id.StartsWith("parked-", StringComparison.Ordinal))], [.. keys.Where(k => k.Id.StartsWith("soon-", StringComparison.Ordinal))]);
    }

    // The schedule buckets (persistence ids schedule-<queue>~<bucket start ticks>) that start at or after `from` and have
    // journal rows, by queue; waits (bounded) until every queue has one.
    private static async Task<IReadOnlyDictionary<string, int>> BucketsAsync(GuaranteeRun run, DateTimeOffset from, TimeSpan timeout)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (true)
        {
            var ids = await run.Cluster.Database.QueryAsync("SELECT DISTINCT persistence_id FROM journal WHERE persistence_id LIKE 'schedule-%'");
            var byQueue = ids.Select(id => (string)id)
                .Select(id => (Queue: id["schedule-".Length..id.LastIndexOf('~')], Start: long.Parse(id[(id.LastIndexOf('~') + 1)..], CultureInfo.InvariantCulture)))
                .Where(b => b.Start >= from.UtcTicks)
                .GroupBy(b => b.Queue)
                .ToDictionary(g => g.Key, g => g.Count());
            if (run.Queues.All(byQueue.ContainsKey) || DateTimeOffset.UtcNow > deadline)
            {
                return byQueue;
            }

            await Task.Delay(250);
        }
    }
}
