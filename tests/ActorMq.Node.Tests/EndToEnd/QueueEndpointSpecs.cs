using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>Queue administration and the operations routes, against a real node.</summary>
public sealed class QueueEndpointSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    [Fact]
    public async Task Put_must_create_with_201_then_replace_every_setting_with_200()
    {
        var q = Api.NewQueue("put");
        var created = await Api.PutAsync($"v1/queues/{q}", """{"visibilityTimeoutSeconds": 5, "maxReceives": 3, "defaultPriority": 7, "maxDepth": 50}""");
        Assert.True(created.Status == 201, created.ToString());
        Assert.Equal("application/json", created.ContentType);
        Assert.Equal($"/v1/queues/{q}", created.Headers.Location?.ToString());
        Assert.Equal(q, Api.Str(created.Json, "name"));
        var settings = created.Json.GetProperty("settings");
        Assert.Equal(5, settings.GetProperty("visibilityTimeoutSeconds").GetDouble());
        Assert.Equal(3, settings.GetProperty("maxReceives").GetInt32());
        Assert.Equal(7, settings.GetProperty("defaultPriority").GetInt32());
        Assert.Equal(50, settings.GetProperty("maxDepth").GetInt64());
        Assert.Equal($"{q}.dlq", Api.Str(settings, "deadLetterQueue"));

        // PUT replaces the whole settings object: what is not given takes its default again.
        var updated = await Api.PutAsync($"v1/queues/{q}", """{"maxReceives": 4}""");
        Assert.True(updated.Status == 200, updated.ToString());
        settings = updated.Json.GetProperty("settings");
        Assert.Equal(4, settings.GetProperty("maxReceives").GetInt32());
        Assert.Equal(30, settings.GetProperty("visibilityTimeoutSeconds").GetDouble());
        Assert.Equal(100, settings.GetProperty("defaultPriority").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, settings.GetProperty("maxDepth").ValueKind);

        // The settings GET shows can be sent back unchanged.
        var got = await Api.QueueAsync(q);
        var again = await Api.PutAsync($"v1/queues/{q}", got.GetProperty("settings").GetRawText());
        Assert.True(again.Status == 200, again.ToString());
        Assert.Equal(got.GetProperty("settings").GetRawText(), again.Json.GetProperty("settings").GetRawText());
    }

    [Fact]
    public async Task Put_must_take_the_documented_defaults_from_an_empty_body()
    {
        var q = Api.NewQueue("defaults");
        var created = await Api.PutAsync($"v1/queues/{q}");
        Assert.True(created.Status == 201, created.ToString());
        var s = created.Json.GetProperty("settings");
        Assert.Equal(30, s.GetProperty("visibilityTimeoutSeconds").GetDouble());
        Assert.Equal(10, s.GetProperty("maxReceives").GetInt32());
        Assert.Equal($"{q}.dlq", Api.Str(s, "deadLetterQueue"));
        Assert.Equal(0, s.GetProperty("retryDelaySeconds").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("messageTtlSeconds").ValueKind);
        Assert.False(s.GetProperty("deadLetterExpired").GetBoolean());
        Assert.Equal(100, s.GetProperty("defaultPriority").GetInt32());
        Assert.Equal(300, s.GetProperty("dedupWindowSeconds").GetDouble());
        Assert.Equal(262144, s.GetProperty("maxMessageBytes").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("maxDepth").ValueKind);
    }

    [Fact]
    public async Task Get_must_show_settings_counts_and_totals()
    {
        var q = Api.NewQueue("get");
        await Api.PublishAsync(q, """{"body": 1}""");
        await Api.PublishAsync(q, """{"body": 2}""");
        await Api.PublishAsync(q, """{"body": 3, "delaySeconds": 3600}""");
        var leased = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.AckAsync(q, leased)).Status);
        await Api.ReceiveOneAsync(q);

        var queue = await Api.QueueAsync(q);
        Assert.Equal(q, Api.Str(queue, "name"));
        var counts = queue.GetProperty("counts");
        Assert.Equal(0, counts.GetProperty("ready").GetInt64());
        Assert.Equal(1, counts.GetProperty("scheduled").GetInt64());
        Assert.Equal(0, counts.GetProperty("delayed").GetInt64());
        Assert.Equal(1, counts.GetProperty("inflight").GetInt64());
        var totals = queue.GetProperty("totals");
        Assert.Equal(3, totals.GetProperty("published").GetInt64());
        Assert.Equal(2, totals.GetProperty("delivered").GetInt64());
        Assert.Equal(1, totals.GetProperty("acked").GetInt64());
        Assert.Equal(0, totals.GetProperty("deadLettered").GetInt64());
        Assert.Equal(0, totals.GetProperty("expired").GetInt64());
    }

    [Fact]
    public async Task Get_of_a_missing_queue_must_answer_404()
    {
        var reply = await Api.GetAsync($"v1/queues/{Api.NewQueue("missing")}");
        Api.AssertProblem(reply, 404);
    }

    [Fact]
    public async Task List_must_show_every_queue_with_counts_and_totals()
    {
        var a = Api.NewQueue("list-a");
        var b = Api.NewQueue("list-b");
        await Api.PublishAsync(a, """{"body": "x"}""");
        await Api.ConfigureAsync(b, "{}");

        var reply = await Api.GetAsync("v1/queues");
        Assert.True(reply.Status == 200, reply.ToString());
        var queues = reply.Json.GetProperty("queues").EnumerateArray().ToDictionary(x => Api.Str(x, "name"));
        Assert.Contains(a, queues.Keys);
        Assert.Contains(b, queues.Keys);
        Assert.Equal(1, queues[a].GetProperty("counts").GetProperty("ready").GetInt64());
        Assert.Equal(1, queues[a].GetProperty("totals").GetProperty("published").GetInt64());
        Assert.Equal(0, queues[b].GetProperty("counts").GetProperty("ready").GetInt64());
        Assert.True(queues[b].TryGetProperty("settings", out _));
    }

    [Fact]
    public async Task Delete_must_remove_the_queue_with_its_messages()
    {
        var q = Api.NewQueue("delete");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        await Api.PublishAsync(q, """{"body": 2, "delaySeconds": 3600}""");

        var deleted = await Api.DeleteAsync($"v1/queues/{q}");
        Assert.True(deleted.Status == 204, deleted.ToString());
        Assert.Equal("", deleted.Text);
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}"), 404);
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        var list = await Api.GetAsync("v1/queues");
        Assert.DoesNotContain(list.Json.GetProperty("queues").EnumerateArray(), x => Api.Str(x, "name") == q);

        // A queue created again under the name starts empty.
        await Api.ConfigureAsync(q, "{}");
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task Delete_of_a_missing_queue_must_answer_404()
    {
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{Api.NewQueue("missing")}"), 404);
    }

    [Fact]
    public async Task Purge_must_remove_every_live_message_and_say_how_many()
    {
        var q = Api.NewQueue("purge");
        await Api.PublishAsync(q, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3}, {"body": 4, "delaySeconds": 3600}]}""");
        var leased = await Api.ReceiveOneAsync(q);

        var purged = await Api.PostAsync($"v1/queues/{q}/purge");
        Assert.True(purged.Status == 200, purged.ToString());
        Assert.Equal("""{"purged":4}""", purged.Text);
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
        Assert.Empty(await Api.ReceiveAsync(q));
        Api.AssertProblem(await Api.AckAsync(q, leased), 404);

        var again = await Api.PostAsync($"v1/queues/{q}/purge", "{}");
        Assert.Equal("""{"purged":0}""", again.Text);
    }

    [Fact]
    public async Task Sweep_must_remove_expired_ready_messages_now()
    {
        var q = Api.NewQueue("sweep");
        await Api.PublishAsync(q, """{"body": "short", "ttlSeconds": 0.3}""");
        await Api.PublishAsync(q, """{"body": "long", "ttlSeconds": 3600}""");
        await Task.Delay(TimeSpan.FromSeconds(0.6));

        var swept = await Api.PostAsync($"v1/queues/{q}/sweep");
        Assert.True(swept.Status == 200, swept.ToString());
        Assert.Equal("""{"expired":1}""", swept.Text);
        var queue = await Api.QueueAsync(q);
        Assert.Equal(1, queue.GetProperty("counts").GetProperty("ready").GetInt64());
        Assert.Equal(1, queue.GetProperty("totals").GetProperty("expired").GetInt64());
        var left = await Api.ReceiveOneAsync(q);
        Assert.Equal("\"long\"", left.GetProperty("body").GetRawText());
    }

    [Fact]
    public async Task An_expired_message_must_never_be_delivered_and_is_dead_lettered_when_the_queue_says_so()
    {
        var q = Api.NewQueue("ttl");
        await Api.ConfigureAsync(q, """{"deadLetterExpired": true}""");
        await Api.PublishAsync(q, """{"body": "old", "ttlSeconds": 0.3}""");
        await Task.Delay(TimeSpan.FromSeconds(0.6));

        Assert.Empty(await Api.ReceiveAsync(q));
        // The dead letter travels to the dead-letter queue after the source wrote it: wait (bounded) for it to arrive.
        await Eventually.TrueAsync(
            async () => (await Api.GetAsync($"v1/queues/{q}.dlq")).Status == 200 && (await Api.BrowseAllAsync($"{q}.dlq", "ready")).Count == 1,
            TimeSpan.FromSeconds(10),
            "the expired message is in the dead-letter queue");
        var dead = Assert.Single(await Api.BrowseAllAsync($"{q}.dlq", "ready"));
        Assert.Equal("expired", Api.Str(dead.GetProperty("headers"), "x-dead-letter-reason"));
        Assert.Equal(1, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("expired").GetInt64());
    }

    [Fact]
    public async Task Health_live_and_ready_must_answer_200()
    {
        var live = await Api.GetAsync("health/live");
        Assert.True(live.Status == 200, live.ToString());
        Assert.Equal("""{"status":"live"}""", live.Text);
        var ready = await Api.GetAsync("health/ready");
        Assert.True(ready.Status == 200, ready.ToString());
        Assert.Equal("""{"status":"ready"}""", ready.Text);
    }

    [Fact]
    public void The_node_must_log_its_ready_line_with_its_addresses()
    {
        Assert.True(
            Node.LogContains($"ActorMq node ready: http=http://127.0.0.1:{Node.HttpPort} akka=akka.tcp://actormq@127.0.0.1:{Node.AkkaPort} roles=gateway,queue"),
            Node.Log(maxLines: 100));
    }

    [Fact]
    public async Task Metrics_must_show_the_gauges_and_totals_of_a_queue()
    {
        var q = Api.NewQueue("metrics");
        await Api.PublishAsync(q, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3, "delaySeconds": 3600}]}""");
        await Api.ReceiveOneAsync(q);

        var metrics = await Api.GetAsync("metrics");
        Assert.True(metrics.Status == 200, metrics.ToString());
        Assert.Equal("text/plain", metrics.ContentType);
        var lines = metrics.Text.Split('\n');
        Assert.Contains("actormq_node_ready 1", lines);
        Assert.Contains("# TYPE actormq_queue_messages gauge", lines);
        Assert.Contains($"actormq_queue_messages{{queue=\"{q}\",state=\"ready\"}} 1", lines);
        Assert.Contains($"actormq_queue_messages{{queue=\"{q}\",state=\"scheduled\"}} 1", lines);
        Assert.Contains($"actormq_queue_messages{{queue=\"{q}\",state=\"delayed\"}} 0", lines);
        Assert.Contains($"actormq_queue_messages{{queue=\"{q}\",state=\"inflight\"}} 1", lines);
        Assert.Contains($"actormq_queue_published_total{{queue=\"{q}\"}} 3", lines);
        Assert.Contains($"actormq_queue_delivered_total{{queue=\"{q}\"}} 1", lines);
    }

    [Fact]
    public async Task The_openapi_document_must_be_json_with_every_route()
    {
        var reply = await Api.GetAsync("openapi/v1.json");
        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("application/json", reply.ContentType);
        var paths = reply.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();
        foreach (var path in (string[])
                 [
                     "/v1/queues", "/v1/queues/{queue}", "/v1/queues/{queue}/purge", "/v1/queues/{queue}/redrive",
                     "/v1/queues/{queue}/messages", "/v1/queues/{queue}/messages/receive", "/v1/queues/{queue}/messages/pop",
                     "/v1/queues/{queue}/messages/ack", "/v1/queues/{queue}/messages/{id}", "/v1/queues/{queue}/messages/{id}/ack",
                     "/v1/queues/{queue}/messages/{id}/nack", "/v1/queues/{queue}/messages/{id}/extend",
                     "/health/live", "/health/ready", "/metrics",
                 ])
        {
            Assert.True(paths.Contains(path), $"{path} is missing from the OpenAPI paths: {string.Join(", ", paths)}");
        }
    }

    [Fact]
    public async Task An_unknown_route_must_answer_a_404_problem_and_a_wrong_method_405()
    {
        Api.AssertProblem(await Api.GetAsync("v1/nothing-here"), 404);
        var wrong = await Api.SendAsync(HttpMethod.Patch, $"v1/queues/{Api.NewQueue("method")}");
        Api.AssertProblem(wrong, 405);
        Assert.Contains("PUT", string.Join(", ", wrong.ContentHeaders.Allow), StringComparison.Ordinal);
    }
}
