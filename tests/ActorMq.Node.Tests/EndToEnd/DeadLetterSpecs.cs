using System.Text.Json;
using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>Dead-lettering and redrive against a real node.</summary>
public sealed class DeadLetterSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    [Fact]
    public async Task Nack_with_dead_letter_must_move_the_message_to_the_dlq_with_headers()
    {
        var q = Api.NewQueue("nack-dl");
        var before = DateTimeOffset.UtcNow;
        var id = await Api.PublishIdAsync(q, """{"body": {"n": 1.50}, "priority": 7, "headers": {"origin": "test"}, "contentType": "application/json"}""");
        var m = await Api.ReceiveOneAsync(q);

        var nack = await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "deadLetter": true}""");
        Assert.True(nack.Status == 204, nack.ToString());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
        Assert.Equal(1, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("deadLettered").GetInt64());

        var dlq = $"{q}.dlq";
        var dead = Assert.Single(await Api.BrowseAllAsync(dlq, "ready"));
        AssertDeadLetter(dead, id, q, "nack", before);
        Assert.Equal("""{"n": 1.50}""", dead.GetProperty("body").GetRawText());
        Assert.Equal(7, dead.GetProperty("priority").GetInt32());
        Assert.Equal("test", Api.Str(dead.GetProperty("headers"), "origin"));
        Assert.Equal(0, dead.GetProperty("receiveCount").GetInt32());

        // The dead-letter queue is a queue of its own, listed, with no dead-letter queue of its own.
        var dlqInfo = await Api.QueueAsync(dlq);
        Assert.Equal(1, dlqInfo.GetProperty("counts").GetProperty("ready").GetInt64());
        Assert.Equal(JsonValueKind.Null, dlqInfo.GetProperty("settings").GetProperty("deadLetterQueue").ValueKind);
        Assert.Contains(dlq, (await Api.GetAsync("v1/queues")).Json.GetProperty("queues").EnumerateArray().Select(x => Api.Str(x, "name")));
    }

    [Fact]
    public async Task A_message_delivered_max_receives_times_must_be_dead_lettered_when_its_last_lease_ends()
    {
        var q = Api.NewQueue("max-receives");
        await Api.ConfigureAsync(q, """{"maxReceives": 2}""");
        var before = DateTimeOffset.UtcNow;
        var id = await Api.PublishIdAsync(q, """{"body": "poison"}""");

        var first = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(first))}}}""")).Status);
        // The second lease ends by expiry: that too counts.
        var second = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 1);
        Assert.Equal(2, second.GetProperty("receiveCount").GetInt32());

        await Eventually.TrueAsync(
            async () => (await Api.GetAsync($"v1/queues/{q}.dlq")).Status == 200 && (await Api.CountsAsync($"{q}.dlq")).Ready == 1,
            TimeSpan.FromSeconds(10),
            "the message is in the dead-letter queue");
        Assert.Empty(await Api.ReceiveAsync(q));
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        var dead = Assert.Single(await Api.BrowseAllAsync($"{q}.dlq", "ready"));
        AssertDeadLetter(dead, id, q, "maxReceives", before);
        Assert.True(Api.Time(dead.GetProperty("headers"), "x-dead-letter-at") >= Api.Time(second.GetProperty("lease"), "expiresAt"), "dead-lettered before the lease ended");
    }

    [Fact]
    public async Task A_custom_dead_letter_queue_must_receive_the_dead_letters()
    {
        var q = Api.NewQueue("custom-dl");
        var target = Api.NewQueue("custom-dl-target");
        await Api.ConfigureAsync(q, $$"""{"deadLetterQueue": "{{target}}"}""");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "deadLetter": true}""")).Status);
        Assert.Equal(id, Api.Str(Assert.Single(await Api.BrowseAllAsync(target, "ready")), "id"));
    }

    [Fact]
    public async Task Redrive_must_move_dead_letters_back_to_their_source_at_the_back_with_receive_count_zero()
    {
        var q = Api.NewQueue("redrive");
        var id = await Api.PublishIdAsync(q, """{"body": "dead", "priority": 5}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "deadLetter": true}""")).Status);
        var newer = await Api.PublishIdAsync(q, """{"body": "newer", "priority": 5}""");

        var redrive = await Api.PostAsync($"v1/queues/{q}.dlq/redrive", "{}");
        Assert.True(redrive.Status == 200, redrive.ToString());
        Assert.Equal("""{"moved":1}""", redrive.Text);
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync($"{q}.dlq"));

        var back = await Api.ReceiveAsync(q, """{"max": 10}""");
        Assert.Equal([newer, id], back.Select(x => Api.Str(x, "id")));
        Assert.Equal(1, back[1].GetProperty("receiveCount").GetInt32());
        Assert.Equal("\"dead\"", back[1].GetProperty("body").GetRawText());
        Assert.Equal(5, back[1].GetProperty("priority").GetInt32());

        var empty = await Api.PostAsync($"v1/queues/{q}.dlq/redrive");
        Assert.Equal("""{"moved":0}""", empty.Text);
    }

    [Fact]
    public async Task Redrive_must_honour_to_and_max()
    {
        var q = Api.NewQueue("redrive-to");
        var other = Api.NewQueue("redrive-other");
        await Api.PublishAsync(q, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3}]}""");
        foreach (var m in await Api.ReceiveAsync(q, """{"max": 3}"""))
        {
            Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{Api.Str(m, "id")}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "deadLetter": true}""")).Status);
        }

        var moved = await Api.PostAsync($"v1/queues/{q}.dlq/redrive", $$"""{"to": "{{other}}", "max": 2}""");
        Assert.True(moved.Status == 200, moved.ToString());
        Assert.Equal("""{"moved":2}""", moved.Text);
        Assert.Equal(2, (await Api.CountsAsync(other)).Ready);
        Assert.Equal(1, (await Api.CountsAsync($"{q}.dlq")).Ready);
        Assert.Equal(0, (await Api.CountsAsync(q)).Ready);
        var redriven = await Api.ReceiveAsync(other, """{"max": 10}""");
        Assert.Equal(["1", "2"], redriven.Select(x => x.GetProperty("body").GetRawText()));
        Assert.All(redriven, x => Assert.Equal(1, x.GetProperty("receiveCount").GetInt32()));
    }

    private static void AssertDeadLetter(JsonElement dead, string id, string source, string reason, DateTimeOffset notBefore)
    {
        Assert.Equal(id, Api.Str(dead, "id"));
        var headers = dead.GetProperty("headers");
        Assert.Equal(reason, Api.Str(headers, "x-dead-letter-reason"));
        Assert.Equal(source, Api.Str(headers, "x-dead-letter-source"));
        var at = Api.Time(headers, "x-dead-letter-at");
        Assert.InRange(at, notBefore.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }
}
