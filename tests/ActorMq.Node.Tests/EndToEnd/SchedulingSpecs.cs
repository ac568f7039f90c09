using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>Scheduled delivery against a real node and the real clock: short delays, long polls, bounded waits.</summary>
public sealed class SchedulingSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    // How late a due message may be received: the queue wakes its schedule shortly before the instant, so only
    // scheduling and request latency on a busy test machine remain.
    private static readonly TimeSpan AllowedLateness = TimeSpan.FromSeconds(2);

    private readonly ITestOutputHelper _output = output;

    [Fact]
    public async Task A_scheduled_message_must_not_be_received_before_it_is_due_and_must_be_received_when_due()
    {
        var q = Api.NewQueue("scheduled");
        var published = await Api.PublishAsync(q, """{"body": "later", "delaySeconds": 2}""");
        Assert.Equal("scheduled", Api.Str(published, "state"));
        var deliverAt = Api.Time(published, "deliverAt");
        var id = Api.Str(published, "id");

        Assert.Empty(await Api.ReceiveAsync(q));
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 0.5}"""));
        Assert.True(DateTimeOffset.UtcNow < deliverAt, "the test machine is too slow for this test's 2 s delay");
        Assert.Equal("scheduled", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json, "state"));

        var received = await Api.ReceiveOneAsync(q, waitSeconds: 10, visibilityTimeoutSeconds: 30);
        var answeredAt = DateTimeOffset.UtcNow;
        Assert.Equal(id, Api.Str(received, "id"));
        Assert.Equal(Api.Str(published, "deliverAt"), Api.Str(received, "deliverAt"));
        var receivedAt = Api.Time(received, "firstReceivedAt");
        Assert.Equal(receivedAt.AddSeconds(30), Api.Time(received.GetProperty("lease"), "expiresAt"));
        _output.WriteLine($"deliverAt {deliverAt:O}, received {receivedAt:O}: {(receivedAt - deliverAt).TotalMilliseconds} ms late");
        Assert.True(receivedAt >= deliverAt, $"received early: at {receivedAt:O}, due {deliverAt:O}");
        Assert.True(answeredAt >= deliverAt, $"answered early: at {answeredAt:O}, due {deliverAt:O}");
        Assert.True(receivedAt - deliverAt < AllowedLateness, $"received {(receivedAt - deliverAt).TotalMilliseconds} ms late");
    }

    [Fact]
    public async Task A_deliver_at_instant_must_be_honoured_to_the_tick_and_never_early()
    {
        var q = Api.NewQueue("deliver-at");
        var deliverAt = DateTimeOffset.UtcNow.AddSeconds(1.5);
        var published = await Api.PublishAsync(q, $$"""{"body": 1, "deliverAt": "{{Api.Format(deliverAt)}}"}""");
        Assert.Equal("scheduled", Api.Str(published, "state"));
        Assert.Equal(Api.Format(deliverAt), Api.Str(published, "deliverAt"));

        var received = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        var receivedAt = Api.Time(received, "firstReceivedAt");
        _output.WriteLine($"deliverAt {deliverAt:O}, received {receivedAt:O}: {(receivedAt - deliverAt).TotalMilliseconds} ms late");
        Assert.True(receivedAt >= deliverAt, $"received early: at {receivedAt:O}, due {deliverAt:O}");
        Assert.True(receivedAt - deliverAt < AllowedLateness, $"received {(receivedAt - deliverAt).TotalMilliseconds} ms late");
    }

    [Fact]
    public async Task Scheduled_messages_due_together_must_come_by_priority()
    {
        var q = Api.NewQueue("due-together");
        var at = Api.Format(DateTimeOffset.UtcNow.AddSeconds(1));
        var batch = await Api.PublishAsync(q, $$"""
            {"messages": [
              {"body": "p10", "priority": 10, "deliverAt": "{{at}}"},
              {"body": "p9", "priority": 9, "deliverAt": "{{at}}"},
              {"body": "p10b", "priority": 10, "deliverAt": "{{at}}"}
            ]}
            """);
        Assert.All(batch.GetProperty("messages").EnumerateArray(), r => Assert.Equal("scheduled", Api.Str(r, "state")));

        // Once all three are ready, they come by priority, then in publish order.
        await Eventually.TrueAsync(async () => (await Api.CountsAsync(q)).Ready == 3, TimeSpan.FromSeconds(10));
        var bodies = (await Api.ReceiveAsync(q, """{"max": 10}""")).Select(m => m.GetProperty("body").GetString()!).ToArray();
        Assert.Equal(["p9", "p10", "p10b"], bodies);
    }

    [Fact]
    public async Task A_deliver_at_in_the_past_must_mean_now()
    {
        var q = Api.NewQueue("past");
        var published = await Api.PublishAsync(q, $$"""{"body": 1, "deliverAt": "{{Api.Format(DateTimeOffset.UtcNow.AddHours(-1))}}"}""");
        Assert.Equal("ready", Api.Str(published, "state"));
        var received = await Api.ReceiveOneAsync(q);
        Assert.Equal(Api.Str(published, "id"), Api.Str(received, "id"));
    }

    [Fact]
    public async Task A_message_a_year_out_must_be_listed_edited_and_cancelled()
    {
        var q = Api.NewQueue("year-out");
        var due = DateTimeOffset.UtcNow.AddDays(365);
        var published = await Api.PublishAsync(q, $$"""{"body": {"renew": true}, "deliverAt": "{{Api.Format(due)}}", "priority": 20}""");
        Assert.Equal("scheduled", Api.Str(published, "state"));
        var id = Api.Str(published, "id");
        Assert.Equal((0, 1, 0, 0), await Api.CountsAsync(q));
        Assert.Empty(await Api.ReceiveAsync(q));

        var listed = Assert.Single(await Api.BrowseAllAsync(q, "scheduled"));
        Assert.Equal(id, Api.Str(listed, "id"));
        Assert.Equal("scheduled", Api.Str(listed, "state"));
        Assert.Equal(Api.Format(due), Api.Str(listed, "deliverAt"));
        Assert.Empty(await Api.BrowseAllAsync(q, "ready"));

        var before = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.True(before.Status == 200, before.ToString());
        var etag1 = before.ETag!;

        // Edit the instant and the priority; the ETag changes.
        var newDue = due.AddDays(1);
        var edited = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", $$"""{"deliverAt": "{{Api.Format(newDue)}}", "priority": 1}""", etag1);
        Assert.True(edited.Status == 200, edited.ToString());
        Assert.Equal("scheduled", Api.Str(edited.Json, "state"));
        Assert.Equal(Api.Format(newDue), Api.Str(edited.Json, "deliverAt"));
        Assert.Equal(1, edited.Json.GetProperty("priority").GetInt32());
        var etag2 = edited.ETag!;
        Assert.NotEqual(etag1, etag2);
        var after = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.Equal(etag2, after.ETag);
        Assert.Equal(Api.Format(newDue), Api.Str(after.Json, "deliverAt"));
        Assert.Equal("""{"renew": true}""", after.Json.GetProperty("body").GetRawText());

        // If-Match with the old ETag is refused and changes nothing.
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 2}""", etag1), 412, "If-Match");
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/{id}", etag1), 412, "If-Match");
        Assert.Equal(etag2, (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).ETag);

        // A delaySeconds edit moves it too.
        var delayed = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"delaySeconds": 7200}""", etag2);
        Assert.True(delayed.Status == 200, delayed.ToString());
        var etag3 = delayed.ETag!;
        var dueNow = Api.Time(delayed.Json, "deliverAt");
        Assert.InRange(dueNow, DateTimeOffset.UtcNow.AddSeconds(7190), DateTimeOffset.UtcNow.AddSeconds(7210));

        // Cancel.
        var cancelled = await Api.DeleteAsync($"v1/queues/{q}/messages/{id}", etag3);
        Assert.True(cancelled.Status == 204, cancelled.ToString());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        Assert.Empty(await Api.BrowseAllAsync(q, "scheduled"));
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task Editing_a_scheduled_message_to_now_must_make_it_ready()
    {
        var q = Api.NewQueue("reschedule-now");
        var id = await Api.PublishIdAsync(q, """{"body": 1, "delaySeconds": 86400}""");
        var edited = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", $$"""{"deliverAt": "{{Api.Format(DateTimeOffset.UtcNow.AddSeconds(-1))}}"}""");
        Assert.True(edited.Status == 200, edited.ToString());
        var received = await Api.ReceiveOneAsync(q, waitSeconds: 5);
        Assert.Equal(id, Api.Str(received, "id"));
    }

    [Fact]
    public async Task Making_a_ready_message_scheduled_must_hide_it_until_due()
    {
        var q = Api.NewQueue("ready-to-scheduled");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var edited = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"delaySeconds": 3600}""");
        Assert.True(edited.Status == 200, edited.ToString());
        Assert.Equal("scheduled", Api.Str(edited.Json, "state"));
        Assert.Empty(await Api.ReceiveAsync(q));
        Assert.Equal((0, 1, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_cancelled_scheduled_message_must_never_be_delivered()
    {
        var q = Api.NewQueue("cancel-soon");
        var published = await Api.PublishAsync(q, """{"body": "cancelled", "delaySeconds": 1}""");
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}/messages/{Api.Str(published, "id")}")).Status);
        await WaitPastAsync(Api.Time(published, "deliverAt"));
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 10, "waitSeconds": 1}"""));
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_purged_scheduled_message_must_never_be_delivered()
    {
        var q = Api.NewQueue("purge-soon");
        var published = await Api.PublishAsync(q, """{"body": "purged", "delaySeconds": 1}""");
        Assert.Equal("""{"purged":1}""", (await Api.PostAsync($"v1/queues/{q}/purge")).Text);
        await WaitPastAsync(Api.Time(published, "deliverAt"));
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 10, "waitSeconds": 1}"""));
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
        Assert.Equal(0, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("delivered").GetInt64());
    }

    [Fact]
    public async Task A_scheduled_message_of_a_deleted_queue_must_never_come_back()
    {
        var q = Api.NewQueue("delete-soon");
        var published = await Api.PublishAsync(q, """{"body": "deleted", "delaySeconds": 1}""");
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}")).Status);
        await WaitPastAsync(Api.Time(published, "deliverAt"));
        await Task.Delay(TimeSpan.FromSeconds(0.5));
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}"), 404);

        // Created again under the same name, the queue starts empty and stays so.
        await Api.ConfigureAsync(q, "{}");
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 10, "waitSeconds": 1}"""));
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_rescheduled_message_must_not_fire_at_its_old_instant_and_must_fire_at_its_new_one_with_its_edits()
    {
        var q = Api.NewQueue("reschedule");
        var published = await Api.PublishAsync(q, """{"body": "old", "delaySeconds": 1}""");
        var id = Api.Str(published, "id");
        // The new instant is 3 s after the old one: the check that nothing fires at the old instant (a receive of 0.5 s
        // from 0.3 s after it) stays clear of the new one even when a busy CI machine holds this test up for a second.
        var edited = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"delaySeconds": 4, "body": "new"}""");
        Assert.True(edited.Status == 200, edited.ToString());
        var newDue = Api.Time(edited.Json, "deliverAt");

        await WaitPastAsync(Api.Time(published, "deliverAt"));
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 10, "waitSeconds": 0.5}"""));
        Assert.True(DateTimeOffset.UtcNow < newDue, "the test machine is too slow for this test's delays");
        Assert.Equal("scheduled", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json, "state"));

        var received = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        Assert.Equal(id, Api.Str(received, "id"));
        Assert.Equal("\"new\"", received.GetProperty("body").GetRawText());
        Assert.True(Api.Time(received, "firstReceivedAt") >= newDue, "received before its new instant");
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 10}"""));
    }

    [Fact]
    public async Task A_scheduled_message_must_be_live_for_client_ids_and_dedup_ids()
    {
        var q = Api.NewQueue("scheduled-ids");
        var first = await Api.PublishAsync(q, """{"id": "later-1", "body": 1, "delaySeconds": 3600, "dedupId": "d1"}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"id": "later-1", "body": 2}"""), 409);
        var duplicate = await Api.PostAsync($"v1/queues/{q}/messages", """{"body": 3, "dedupId": "d1"}""");
        Assert.True(duplicate.Status == 200, duplicate.ToString());
        Assert.Equal(Api.Str(first, "id"), Api.Str(duplicate.Json, "id"));
        Assert.Equal((0, 1, 0, 0), await Api.CountsAsync(q));
    }

    private static async Task WaitPastAsync(DateTimeOffset instant)
    {
        var wait = instant - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait < TimeSpan.FromSeconds(5) ? wait : TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task A_ttl_must_count_from_when_a_scheduled_message_becomes_ready()
    {
        var q = Api.NewQueue("ttl-scheduled");
        // Counted from publish it would expire half a second before it is due, and never be delivered.
        var published = await Api.PublishAsync(q, """{"body": 1, "delaySeconds": 2.5, "ttlSeconds": 2}""");
        var received = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        Assert.Equal(Api.Str(published, "id"), Api.Str(received, "id"));
    }
}
