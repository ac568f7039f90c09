using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>
/// A node killed with SIGKILL and started again on the same data directory: nothing acknowledged is lost, nothing
/// acked comes back, leases keep their wall-clock expiry, schedules and dedup ids survive, the catalog lists the queues.
/// </summary>
public sealed class CrashRestartSpecs(ITestOutputHelper output)
{
    private const int N = 200;

    public static TheoryData<string> Stores => new() { "journal only", "snapshots" };

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task After_SIGKILL_and_a_restart_every_acknowledged_publish_must_be_there_and_no_ack_undone(string store)
    {
        // With a small snapshot interval the queues recover from a snapshot plus the journal after it.
        using var node = await NodeProcess.StartAsync(hocon: store == "snapshots" ? "actormq.queue.snapshot-every = 25" : null);
        try
        {
            await RunAsync(node, snapshots: store == "snapshots");
        }
        finally
        {
            output.WriteLine(node.Log(maxLines: 400));
        }
    }

    private static long SnapshotCount(NodeProcess node, string queue)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(node.DataDir, "actormq-snapshots.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM snapshot WHERE persistence_id LIKE $queue";
        command.Parameters.AddWithValue("$queue", $"%{queue}%");
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>Journal rows of the schedule buckets of <paramref name="queue"/>: messages parked far ahead live there.</summary>
    private static long BucketRows(NodeProcess node, string queue)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(node.DataDir, "actormq.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM journal WHERE persistence_id LIKE $buckets";
        command.Parameters.AddWithValue("$buckets", $"schedule-{queue}~%");
        return (long)command.ExecuteScalar()!;
    }

    private async Task RunAsync(NodeProcess node, bool snapshots)
    {
        var api = new Api(node.Http);
        var q = Api.NewQueue("crash");
        var other = Api.NewQueue("crash-settings");
        await api.ConfigureAsync(other, """{"visibilityTimeoutSeconds": 45, "maxReceives": 3, "defaultPriority": 9, "maxDepth": 1000}""");
        var otherId = await api.PublishIdAsync(other, """{"body": "kept"}""");

        // 200 messages: every 10th scheduled a year out, every 7th (of the others) with a dedup id; half in batches.
        var yearOut = DateTimeOffset.UtcNow.AddDays(365);
        var ids = new string[N];
        var dedupIds = new Dictionary<string, int>();
        string Message(int i)
        {
            var text = new StringBuilder($$"""{"body": {"i": {{i}}, "text": "line\nbreak"}""");
            if (i % 10 == 0)
            {
                text.Append($$""", "deliverAt": "{{Api.Format(yearOut.AddSeconds(i))}}" """);
            }
            else if (i % 7 == 0)
            {
                text.Append($$""", "dedupId": "dedup-{{i}}" """);
                dedupIds[$"dedup-{i}"] = i;
            }

            return text.Append('}').ToString();
        }

        for (var start = 0; start < N / 2; start += 50)
        {
            var batch = await api.PublishAsync(q, $$"""{"messages": [{{string.Join(",", Enumerable.Range(start, 50).Select(Message))}}]}""");
            var results = batch.GetProperty("messages").EnumerateArray().ToArray();
            for (var j = 0; j < 50; j++)
            {
                ids[start + j] = Api.Str(results[j], "id");
            }
        }

        for (var i = N / 2; i < N; i++)
        {
            ids[i] = await api.PublishIdAsync(q, Message(i));
        }

        Assert.Equal(N, ids.Distinct().Count());
        var scheduledIds = Enumerable.Range(0, N).Where(i => i % 10 == 0).Select(i => ids[i]).ToHashSet();

        // Consume: ack 30, lease 10 for long and 10 briefly, nack one with a long delay, pop 5, cancel 2 scheduled.
        var tokensBefore = new HashSet<string>();
        var toAck = await api.ReceiveAsync(q, """{"max": 30}""");
        tokensBefore.UnionWith(toAck.Select(Api.Token));
        var acks = $$"""{"leases": [{{string.Join(",", toAck.Select(m => $$"""{"id": "{{Api.Str(m, "id")}}", "token": {{Api.Quote(Api.Token(m))}}}"""))}}]}""";
        var acked = await api.PostAsync($"v1/queues/{q}/messages/ack", acks);
        Assert.True(acked.Status == 200, acked.ToString());
        Assert.All(acked.Json.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("acked").GetBoolean(), r.GetRawText()));
        var ackedIds = toAck.Select(m => Api.Str(m, "id")).ToHashSet();

        var longLeases = await api.ReceiveAsync(q, """{"max": 10, "visibilityTimeoutSeconds": 600}""");
        var shortLeases = await api.ReceiveAsync(q, """{"max": 10, "visibilityTimeoutSeconds": 3}""");
        Assert.Equal(10, longLeases.Length);
        Assert.Equal(10, shortLeases.Length);
        tokensBefore.UnionWith(longLeases.Concat(shortLeases).Select(Api.Token));

        var toDelay = await api.ReceiveOneAsync(q);
        tokensBefore.Add(Api.Token(toDelay));
        var delayedId = Api.Str(toDelay, "id");
        Assert.Equal(204, (await api.PostAsync($"v1/queues/{q}/messages/{delayedId}/nack", $$"""{"token": {{Api.Quote(Api.Token(toDelay))}}, "delaySeconds": 3600}""")).Status);

        var popped = await api.PostAsync($"v1/queues/{q}/messages/pop", """{"max": 5}""");
        var poppedIds = popped.Json.GetProperty("messages").EnumerateArray().Select(m => Api.Str(m, "id")).ToHashSet();
        Assert.Equal(5, poppedIds.Count);

        var cancelledIds = scheduledIds.Take(2).ToHashSet();
        foreach (var id in cancelledIds)
        {
            Assert.Equal(204, (await api.DeleteAsync($"v1/queues/{q}/messages/{id}")).Status);
        }

        var goneIds = ackedIds.Concat(poppedIds).Concat(cancelledIds).ToHashSet();
        var liveIds = ids.Where(id => !goneIds.Contains(id)).ToHashSet();
        Assert.Equal(N - 30 - 5 - 2, liveIds.Count);

        var countsBefore = await api.CountsAsync(q);
        Assert.Equal((N - N / 10 - 30 - 10 - 10 - 1 - 5, N / 10 - 2, 1, 20), countsBefore);
        var scheduledBefore = await api.BrowseAllAsync(q, "scheduled");
        var delayedBefore = Assert.Single(await api.BrowseAllAsync(q, "delayed"));
        var readyBefore = (await api.BrowseAllAsync(q, "ready")).Select(m => Api.Str(m, "id")).ToList();
        var totalsBefore = (await api.QueueAsync(q)).GetProperty("totals").GetRawText();

        // Due while the node is down.
        var dueWhileDown = await api.PublishAsync(other, """{"body": "due while down", "delaySeconds": 1}""");

        // A purged queue, a deleted queue, and rescheduled messages: none of the old schedules may fire.
        var oldInstants = new List<DateTimeOffset>();
        var purged = Api.NewQueue("crash-purged");
        var purgedBatch = await api.PublishAsync(purged, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3, "delaySeconds": 2}, {"body": 4, "delaySeconds": 86400}]}""");
        oldInstants.Add(Api.Time(purgedBatch.GetProperty("messages")[2], "deliverAt"));
        await api.ReceiveOneAsync(purged);
        Assert.Equal("""{"purged":4}""", (await api.PostAsync($"v1/queues/{purged}/purge")).Text);
        var deleted = Api.NewQueue("crash-deleted");
        var deletedBatch = await api.PublishAsync(deleted, """{"messages": [{"body": 1}, {"body": 2, "delaySeconds": 2}]}""");
        oldInstants.Add(Api.Time(deletedBatch.GetProperty("messages")[1], "deliverAt"));
        Assert.Equal(204, (await api.DeleteAsync($"v1/queues/{deleted}")).Status);
        var resched = Api.NewQueue("crash-rescheduled");
        var postponedPublish = await api.PublishAsync(resched, """{"body": "postponed", "delaySeconds": 2}""");
        var postponed = Api.Str(postponedPublish, "id");
        oldInstants.Add(Api.Time(postponedPublish, "deliverAt"));
        var postponedTo = Api.Time((await api.PatchAsync($"v1/queues/{resched}/messages/{postponed}", $$"""{"deliverAt": "{{Api.Format(yearOut)}}"}""")).Json, "deliverAt");
        var advanced = await api.PublishIdAsync(resched, """{"body": "advanced", "delaySeconds": 86400}""");
        var advancedTo = Api.Time((await api.PatchAsync($"v1/queues/{resched}/messages/{advanced}", """{"delaySeconds": 3, "body": "advanced and edited"}""")).Json, "deliverAt");

        // The year-out messages have left the queue's memory for their schedule buckets.
        await Eventually.TrueAsync(() => Task.FromResult(BucketRows(node, q) > 0), TimeSpan.FromSeconds(20), "a schedule bucket of the queue in the journal");

        // SIGKILL: no goodbye, no flush beyond what was acknowledged.
        node.Kill();
        Assert.True(node.HasExited);
        if (snapshots)
        {
            Assert.True(SnapshotCount(node, q) > 0, $"no snapshot of {q} was stored; the test would not exercise recovery from one");
        }

        await node.RestartAsync();
        api = new Api(node.Http);

        // The catalog lists both queues, with their settings.
        var list = await api.GetAsync("v1/queues");
        Assert.True(list.Status == 200, list.ToString());
        var queues = list.Json.GetProperty("queues").EnumerateArray().ToDictionary(x => Api.Str(x, "name"));
        Assert.Contains(q, queues.Keys);
        Assert.Contains(other, queues.Keys);
        var otherSettings = queues[other].GetProperty("settings");
        Assert.Equal(45, otherSettings.GetProperty("visibilityTimeoutSeconds").GetDouble());
        Assert.Equal(3, otherSettings.GetProperty("maxReceives").GetInt32());
        Assert.Equal(9, otherSettings.GetProperty("defaultPriority").GetInt32());
        Assert.Equal(1000, otherSettings.GetProperty("maxDepth").GetInt64());
        var otherCounts = queues[other].GetProperty("counts");
        Assert.Equal(2, otherCounts.GetProperty("ready").GetInt64() + otherCounts.GetProperty("scheduled").GetInt64());
        Assert.Equal(totalsBefore, (await api.QueueAsync(q)).GetProperty("totals").GetRawText());

        // Every live message is there, in the same state; nothing that left came back.
        var scheduledAfter = await api.BrowseAllAsync(q, "scheduled");
        Assert.Equal(
            scheduledBefore.Select(m => (Api.Str(m, "id"), Api.Str(m, "deliverAt"), m.GetProperty("body").GetRawText())),
            scheduledAfter.Select(m => (Api.Str(m, "id"), Api.Str(m, "deliverAt"), m.GetProperty("body").GetRawText())));
        var delayedAfter = Assert.Single(await api.BrowseAllAsync(q, "delayed"));
        Assert.Equal(delayedId, Api.Str(delayedAfter, "id"));
        Assert.Equal(Api.Str(delayedBefore, "delayedUntil"), Api.Str(delayedAfter, "delayedUntil"));

        var inflightAfter = (await api.BrowseAllAsync(q, "inflight")).ToDictionary(m => Api.Str(m, "id"));
        foreach (var m in longLeases)
        {
            Assert.True(inflightAfter.TryGetValue(Api.Str(m, "id"), out var after), $"long-leased {Api.Str(m, "id")} is no longer in flight");
            Assert.Equal(Api.Str(m.GetProperty("lease"), "expiresAt"), Api.Str(after.GetProperty("lease"), "expiresAt"));
            Assert.Equal(1, after.GetProperty("receiveCount").GetInt32());
        }

        var readyAfter = (await api.BrowseAllAsync(q, "ready")).Select(m => Api.Str(m, "id")).ToList();
        var everyLive = scheduledAfter.Select(m => Api.Str(m, "id"))
            .Concat([Api.Str(delayedAfter, "id")])
            .Concat(inflightAfter.Keys)
            .Concat(readyAfter)
            .ToList();
        Assert.Equal(everyLive.Count, everyLive.Distinct().Count());
        Assert.Equal(liveIds.Order(StringComparer.Ordinal), everyLive.Order(StringComparer.Ordinal));
        var counts = await api.CountsAsync(q);
        Assert.Equal(liveIds.Count, counts.Ready + counts.Scheduled + counts.Delayed + counts.Inflight);
        Assert.Equal((N / 10 - 2, 1), (counts.Scheduled, counts.Delayed));
        foreach (var id in goneIds)
        {
            Api.AssertProblem(await api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        }

        // The ready ones that never left are in the same order (those whose short lease ended may have joined them).
        Assert.Equal(readyBefore, readyAfter.Where(readyBefore.Contains));

        // Leases survived with their tokens: the old token still acks and extends.
        Assert.Equal(204, (await api.AckAsync(q, longLeases[0])).Status);
        var extended = await api.PostAsync($"v1/queues/{q}/messages/{Api.Str(longLeases[1], "id")}/extend", $$"""{"token": {{Api.Quote(Api.Token(longLeases[1]))}}, "visibilityTimeoutSeconds": 900}""");
        Assert.True(extended.Status == 200, extended.ToString());

        // The short leases end at their wall-clock expiry, then those messages are first in line again.
        var lastExpiry = shortLeases.Max(m => Api.Time(m.GetProperty("lease"), "expiresAt"));
        var wait = lastExpiry - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5));
        }

        await Eventually.TrueAsync(
            async () => (await api.BrowseAllAsync(q, "inflight")).Count == 9,
            TimeSpan.FromSeconds(10),
            "the short leases ended");
        var again = await api.ReceiveAsync(q, """{"max": 10}""");
        Assert.Equal(shortLeases.Select(m => Api.Str(m, "id")), again.Select(m => Api.Str(m, "id")));
        Assert.All(again, m => Assert.Equal(2, m.GetProperty("receiveCount").GetInt32()));
        foreach (var m in shortLeases)
        {
            Api.AssertProblem(await api.AckAsync(q, m), 409);
        }

        // Tokens granted after the restart never repeat one granted before it.
        var reused = again.Select(Api.Token).Where(tokensBefore.Contains).ToList();
        Assert.True(reused.Count == 0, $"lease tokens granted before the restart were granted again: {string.Join(", ", reused)}");

        // Dedup ids still deduplicate, of live messages and of acked ones within the window.
        foreach (var (dedupId, i) in dedupIds)
        {
            var duplicate = await api.PostAsync($"v1/queues/{q}/messages", $$"""{"body": "again", "dedupId": "{{dedupId}}"}""");
            Assert.True(duplicate.Status == 200, $"{dedupId} (message {i}, {(ackedIds.Contains(ids[i]) ? "acked" : poppedIds.Contains(ids[i]) ? "popped" : "live")}): {duplicate}");
            Assert.Equal(ids[i], Api.Str(duplicate.Json, "id"));
            Assert.True(duplicate.Json.GetProperty("duplicate").GetBoolean());
        }

        // The old schedules did not fire; the new ones did.
        var advancedReceived = await api.ReceiveOneAsync(resched, waitSeconds: 10);
        Assert.Equal(advanced, Api.Str(advancedReceived, "id"));
        Assert.Equal("\"advanced and edited\"", advancedReceived.GetProperty("body").GetRawText());
        Assert.True(Api.Time(advancedReceived, "firstReceivedAt") >= advancedTo);
        var stillPostponed = await api.GetAsync($"v1/queues/{resched}/messages/{postponed}");
        Assert.Equal("scheduled", Api.Str(stillPostponed.Json, "state"));
        Assert.Equal(postponedTo, Api.Time(stillPostponed.Json, "deliverAt"));
        Assert.Empty(await api.ReceiveAsync(resched, """{"max": 10}"""));
        Assert.True(DateTimeOffset.UtcNow > oldInstants.Max().AddMilliseconds(500), "the old schedules have been due for a while by now");
        Assert.Equal((0, 0, 0, 0), await api.CountsAsync(purged));
        Assert.Empty(await api.ReceiveAsync(purged, """{"max": 10}"""));
        Api.AssertProblem(await api.GetAsync($"v1/queues/{deleted}"), 404);
        Assert.DoesNotContain(deleted, (await api.GetAsync("v1/queues")).Json.GetProperty("queues").EnumerateArray().Select(x => Api.Str(x, "name")));

        // Draining the queue never yields an acked message; new ids still sort after the old ones.
        var drained = await api.ReceiveAsync(q, """{"max": 1000}""");
        Assert.DoesNotContain(drained, m => goneIds.Contains(Api.Str(m, "id")));
        Assert.Equal(readyBefore, drained.Select(m => Api.Str(m, "id")));
        var newId = await api.PublishIdAsync(q, """{"body": "after"}""");
        Assert.True(ids.All(id => string.CompareOrdinal(id, newId) < 0), $"new id {newId} does not sort after the ids from before the restart");
        Assert.Equal(otherId, Api.Str(await api.ReceiveOneAsync(other), "id"));
        var due = await api.ReceiveOneAsync(other, waitSeconds: 10);
        Assert.Equal(Api.Str(dueWhileDown, "id"), Api.Str(due, "id"));
        Assert.True(Api.Time(due, "firstReceivedAt") >= Api.Time(dueWhileDown, "deliverAt"));
    }
}

/// <summary>A node stopped with SIGTERM leaves the cluster, exits by itself, and restarts with the same data.</summary>
public sealed class GracefulStopSpecs(ITestOutputHelper output)
{
    [Fact]
    public async Task After_SIGTERM_the_node_must_exit_by_itself_and_restart_with_the_same_data()
    {
        using var node = await NodeProcess.StartAsync();
        try
        {
            var api = new Api(node.Http);
            var q = Api.NewQueue("graceful");
            var ids = new List<string>();
            for (var i = 0; i < 20; i++)
            {
                ids.Add(await api.PublishIdAsync(q, $$"""{"body": {{i}}, "priority": {{i % 3}}}"""));
            }

            var scheduled = await api.PublishIdAsync(q, """{"body": "s", "delaySeconds": 86400}""");
            var toAck = await api.ReceiveAsync(q, """{"max": 5}""");
            foreach (var m in toAck)
            {
                Assert.Equal(204, (await api.AckAsync(q, m)).Status);
            }

            var leased = await api.ReceiveAsync(q, """{"max": 3, "visibilityTimeoutSeconds": 600}""");
            var readyBefore = (await api.BrowseAllAsync(q, "ready")).Select(m => Api.Str(m, "id")).ToList();
            var countsBefore = await api.CountsAsync(q);
            Assert.Equal((12, 1, 0, 3), countsBefore);

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var exitCode = await node.StopGracefullyAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"exited with code {exitCode} {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s after SIGTERM");
            Assert.Equal(0, exitCode);
            Assert.True(node.LogContains("Exiting completed"), "the node did not leave the cluster gracefully");

            await node.RestartAsync();
            api = new Api(node.Http);
            Assert.Contains(q, (await api.GetAsync("v1/queues")).Json.GetProperty("queues").EnumerateArray().Select(x => Api.Str(x, "name")));
            Assert.Equal(countsBefore, await api.CountsAsync(q));
            Assert.Equal(readyBefore, (await api.BrowseAllAsync(q, "ready")).Select(m => Api.Str(m, "id")));
            Assert.Equal(scheduled, Api.Str(Assert.Single(await api.BrowseAllAsync(q, "scheduled")), "id"));
            foreach (var m in toAck)
            {
                Api.AssertProblem(await api.GetAsync($"v1/queues/{q}/messages/{Api.Str(m, "id")}"), 404);
            }

            foreach (var m in leased)
            {
                Assert.Equal(204, (await api.AckAsync(q, m)).Status);
            }

            var rest = await api.ReceiveAsync(q, """{"max": 100}""");
            Assert.Equal(readyBefore, rest.Select(m => Api.Str(m, "id")));
        }
        finally
        {
            output.WriteLine(node.Log(maxLines: 400));
        }
    }
}
