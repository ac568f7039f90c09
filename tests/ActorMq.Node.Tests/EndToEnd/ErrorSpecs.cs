using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>Every refusal of DESIGN.md section 4, as problem+json from a real node.</summary>
public sealed class ErrorSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    [Theory]
    [InlineData("""{"body": """, null)]
    [InlineData("""{"body": 1,}""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    [InlineData("[1, 2]", null)]
    [InlineData("""{"body": 1, "priority": "high"}""", "priority")]
    [InlineData("""{"body": 1, "priority": 1.5}""", "priority")]
    [InlineData("""{"body": 1, "delaySeconds": "10"}""", "delaySeconds")]
    [InlineData("""{"body": 1, "deliverAt": 5}""", "deliverAt")]
    [InlineData("""{"body": 1, "deliverAt": "tomorrow"}""", "deliverAt")]
    [InlineData("""{"body": 1, "deliverAt": "2030-01-01T12:00:00"}""", "deliverAt")]
    [InlineData("""{"body": 1, "headers": {"a": 1}}""", "headers.a")]
    [InlineData("""{"body": 1, "headers": []}""", "headers")]
    [InlineData("""{"body": 1, "dedupId": 7}""", "dedupId")]
    [InlineData("""{"body": 1, "colour": "red"}""", "colour")]
    [InlineData("""{"body": 1, "body": 2}""", "body")]
    [InlineData("""{"priority": 1}""", "body")]
    [InlineData("""{"body": 1, "bodyBase64": "AA=="}""", "bodyBase64")]
    [InlineData("""{"bodyBase64": "not base64!"}""", "bodyBase64")]
    [InlineData("""{"body": 1, "priority": -1}""", "priority")]
    [InlineData("""{"body": 1, "deliverAt": "2030-01-01T12:00:00Z", "delaySeconds": 5}""", "deliverAt")]
    [InlineData("""{"messages": []}""", "messages")]
    [InlineData("""{"messages": {}}""", "messages")]
    [InlineData("""{"messages": [{"body": 1}, {"body": 2, "priority": -3}]}""", "messages[1].priority")]
    [InlineData("""{"messages": [{"body": 1}], "extra": true}""", "extra")]
    public async Task A_bad_publish_must_answer_400_naming_the_field(string body, string? field)
    {
        var q = Api.NewQueue("bad-publish");
        var reply = await Api.PostAsync($"v1/queues/{q}/messages", body);
        Api.AssertProblem(reply, 400, field);
        // Nothing was stored (the queue was not even created by the refused publish).
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}"), 404);
    }

    [Fact]
    public async Task Malformed_json_must_say_where()
    {
        var reply = await Api.PostAsync($"v1/queues/{Api.NewQueue("malformed")}/messages", "{\"body\": [1, 2}");
        var problem = Api.AssertProblem(reply, 400, null);
        Assert.Contains("line 1", Api.Str(problem, "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_over_1000_messages_must_answer_400()
    {
        var batch = string.Join(",", Enumerable.Repeat("""{"body":1}""", 1001));
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{Api.NewQueue("big-batch")}/messages", $$"""{"messages":[{{batch}}]}"""), 400, "messages");
    }

    [Theory]
    [InlineData("bad!name")]
    [InlineData("-starts-with-dash")]
    [InlineData(".hidden")]
    [InlineData("with%20space")]
    [InlineData("ünïcode")]
    public async Task A_bad_queue_name_must_answer_400_naming_the_queue(string name)
    {
        var path = Uri.EscapeDataString(Uri.UnescapeDataString(name));
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{path}/messages", """{"body": 1}"""), 400, "queue");
        Api.AssertProblem(await Api.PutAsync($"v1/queues/{path}", "{}"), 400, "queue");
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{path}"), 400, "queue");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{path}/messages/receive", "{}"), 400, "queue");
    }

    [Fact]
    public async Task A_queue_name_must_hold_at_most_120_characters()
    {
        var longest = "q" + new string('x', 119);
        var created = await Api.PutAsync($"v1/queues/{longest}", "{}");
        Assert.True(created.Status is 200 or 201, created.ToString());
        Api.AssertProblem(await Api.PutAsync($"v1/queues/{longest}x", "{}"), 400, "queue");
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{longest}")).Status);
    }

    [Theory]
    [InlineData("""{"max": 0}""", "max")]
    [InlineData("""{"max": 1001}""", "max")]
    [InlineData("""{"max": -1}""", "max")]
    [InlineData("""{"max": "1"}""", "max")]
    [InlineData("""{"max": 1, "waitSeconds": 21}""", "waitSeconds")]
    [InlineData("""{"max": 1, "waitSeconds": 20.5}""", "waitSeconds")]
    [InlineData("""{"max": 1, "waitSeconds": -1}""", "waitSeconds")]
    [InlineData("""{"max": 1, "visibilityTimeoutSeconds": "30"}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"max": 1, "visibilityTimeoutSeconds": -5}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"max": 1, "wait": 5}""", "wait")]
    [InlineData("""{"max": 1""", null)]
    public async Task A_bad_receive_must_answer_400_naming_the_field(string body, string? field)
    {
        var q = Api.NewQueue("bad-receive");
        await Api.PublishAsync(q, """{"body": 1}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/receive", body), 400, field);
        Assert.Equal((1, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Theory]
    [InlineData("""{"max": 0}""", "max")]
    [InlineData("""{"max": 1001}""", "max")]
    [InlineData("""{"max": 1, "waitSeconds": 1}""", "waitSeconds")]
    public async Task A_bad_pop_must_answer_400_naming_the_field(string body, string field)
    {
        var q = Api.NewQueue("bad-pop");
        await Api.PublishAsync(q, """{"body": 1}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/pop", body), 400, field);
        Assert.Equal((1, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_receive_may_take_1000_and_wait_20()
    {
        var q = Api.NewQueue("limits");
        await Api.PublishAsync(q, """{"body": 1}""");
        Assert.Single(await Api.ReceiveAsync(q, """{"max": 1000, "waitSeconds": 20}"""));
    }

    [Theory]
    [InlineData("""{"visibilityTimeoutSeconds": "30"}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"maxReceives": -1}""", "maxReceives")]
    [InlineData("""{"defaultPriority": -1}""", "defaultPriority")]
    [InlineData("""{"maxMessageBytes": "big"}""", "maxMessageBytes")]
    [InlineData("""{"deadLetterQueue": "bad name"}""", "deadLetterQueue")]
    [InlineData("""{"retention": 5}""", "retention")]
    [InlineData("""{"maxDepth": 1.5}""", "maxDepth")]
    [InlineData("""[]""", null)]
    [InlineData("""{"maxReceives": 3""", null)]
    public async Task Bad_queue_settings_must_answer_400_naming_the_field(string body, string? field)
    {
        var q = Api.NewQueue("bad-settings");
        Api.AssertProblem(await Api.PutAsync($"v1/queues/{q}", body), 400, field);
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}"), 404);
    }

    [Theory]
    [InlineData("state=done", "state")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("sort=id", "sort")]
    [InlineData("state=ready&state=scheduled", "state")]
    public async Task A_bad_browse_query_must_answer_400_naming_the_parameter(string query, string field)
    {
        var q = Api.NewQueue("bad-browse");
        await Api.ConfigureAsync(q, "{}");
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages?{query}"), 400, field);
    }

    [Theory]
    [InlineData("""{}""", "token")]
    [InlineData("""{"token": 5}""", "token")]
    [InlineData("""{"token": "1", "extra": 1}""", "extra")]
    [InlineData("", null)]
    public async Task A_bad_ack_must_answer_400_naming_the_field(string body, string? field)
    {
        var q = Api.NewQueue("bad-ack");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        await Api.ReceiveOneAsync(q);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/ack", body), 400, field);
        Assert.Equal((0, 0, 0, 1), await Api.CountsAsync(q));
    }

    [Theory]
    [InlineData("""{"leases": []}""", "leases")]
    [InlineData("""{}""", "leases")]
    [InlineData("""{"leases": [{"id": "a"}]}""", "leases[0].token")]
    [InlineData("""{"leases": [{"id": "a", "token": "b", "x": 1}]}""", "leases[0].x")]
    public async Task A_bad_ack_batch_must_answer_400_naming_the_field(string body, string field)
    {
        var q = Api.NewQueue("bad-ack-batch");
        await Api.ConfigureAsync(q, "{}");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/ack", body), 400, field);
    }

    [Theory]
    [InlineData("nack", """{"token": "t", "delaySeconds": "5"}""", "delaySeconds")]
    [InlineData("nack", """{"token": "t", "deadLetter": "yes"}""", "deadLetter")]
    [InlineData("nack", """{"token": "t", "deadLetter": true, "delaySeconds": 5}""", "delaySeconds")]
    [InlineData("extend", """{"token": "t", "visibilityTimeoutSeconds": "60"}""", "visibilityTimeoutSeconds")]
    [InlineData("extend", """{"visibilityTimeoutSeconds": 60}""", "token")]
    public async Task A_bad_nack_or_extend_must_answer_400_naming_the_field(string action, string body, string field)
    {
        var q = Api.NewQueue("bad-lease-call");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        await Api.ReceiveOneAsync(q);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/{action}", body), 400, field);
    }

    [Theory]
    [InlineData("""{"priority": -1}""", "priority")]
    [InlineData("""{"priority": "1"}""", "priority")]
    [InlineData("""{"deliverAt": "2030-01-01T00:00:00Z", "delaySeconds": 1}""", "deliverAt")]
    [InlineData("""{"state": "ready"}""", "state")]
    [InlineData("""{}""", null)]
    public async Task A_bad_patch_must_answer_400_naming_the_field(string body, string? field)
    {
        var q = Api.NewQueue("bad-patch");
        var id = await Api.PublishIdAsync(q, """{"body": 1, "priority": 5}""");
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", body), 400, field);
        Assert.Equal(5, (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json.GetProperty("priority").GetInt32());
    }

    [Fact]
    public async Task Purge_and_sweep_take_no_fields_and_redrive_only_to_and_max()
    {
        var q = Api.NewQueue("bad-admin");
        await Api.ConfigureAsync(q, "{}");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/purge", """{"all": true}"""), 400, "all");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/sweep", """{"now": true}"""), 400, "now");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}.dlq/redrive", """{"to": "bad name"}"""), 400, "to");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}.dlq/redrive", """{"max": 0}"""), 400, "max");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}.dlq/redrive", """{"from": "x"}"""), 400, "from");
    }

    [Fact]
    public async Task A_missing_message_must_answer_404()
    {
        var q = Api.NewQueue("no-message");
        await Api.ConfigureAsync(q, "{}");
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/nope"), 404);
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/nope", """{"priority": 1}"""), 404);
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/nope"), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/nope/ack", """{"token": "1"}"""), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/nope/nack", """{"token": "1"}"""), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/nope/extend", """{"token": "1"}"""), 404);
    }

    [Fact]
    public async Task Operations_on_a_missing_queue_must_answer_404()
    {
        var q = Api.NewQueue("no-queue");
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages"), 404);
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/x"), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/purge"), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/sweep"), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/redrive"), 404);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/x/ack", """{"token": "1"}"""), 404);
    }

    [Fact]
    public async Task A_stale_lease_token_must_answer_409_and_change_nothing()
    {
        var q = Api.NewQueue("stale");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q);
        var bad = $$"""{"token": "{{Api.Token(m)}}-not"}""";

        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/ack", bad), 409);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", bad), 409);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/extend", bad), 409);
        var inflight = Assert.Single(await Api.BrowseAllAsync(q, "inflight"));
        Assert.Equal(Api.Str(m.GetProperty("lease"), "expiresAt"), Api.Str(inflight.GetProperty("lease"), "expiresAt"));

        // After a nack the old token is stale, even though it was once right.
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}}""")).Status);
        var again = await Api.ReceiveOneAsync(q);
        Api.AssertProblem(await Api.AckAsync(q, m), 409);
        Assert.Equal((0, 0, 0, 1), await Api.CountsAsync(q));
        Assert.Equal(204, (await Api.AckAsync(q, again)).Status);
    }

    [Fact]
    public async Task A_lease_token_from_before_the_queue_was_deleted_must_not_ack_the_message_of_the_same_id_in_the_new_queue()
    {
        // A worker leases job-1, the queue is deleted and created again, job-1 is published again and leased by
        // another worker. The first worker's token belongs to a lease that ended with the old queue: its ack must
        // be refused (409), not silently applied to the new job-1 (DESIGN.md 1: "Ack, nack and extend must present
        // the current, unexpired token; anything else is rejected with a clear error, never silently applied").
        var q = Api.NewQueue("token-reuse");
        await Api.PublishAsync(q, """{"id": "job-1", "body": "old job"}""");
        var oldLease = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}")).Status);
        await Api.PublishAsync(q, """{"id": "job-1", "body": "new job"}""");
        var newLease = await Api.ReceiveOneAsync(q);

        var staleAck = await Api.AckAsync(q, oldLease);
        Api.AssertProblem(staleAck, 409);
        Assert.Equal("inflight", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/job-1")).Json, "state"));
        Assert.Equal(204, (await Api.AckAsync(q, newLease)).Status);
    }

    [Fact]
    public async Task Ack_after_the_lease_expired_must_answer_409_even_before_anyone_received_it_again()
    {
        var q = Api.NewQueue("expired-lease");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 1);
        var expiresAt = Api.Time(m.GetProperty("lease"), "expiresAt");
        var wait = expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(50);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        Api.AssertProblem(await Api.AckAsync(q, m), 409);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages/{id}/extend", $$"""{"token": {{Api.Quote(Api.Token(m))}}}"""), 409);
        var got = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.Equal("ready", Api.Str(got.Json, "state"));
    }

    [Fact]
    public async Task Ack_with_the_token_of_an_expired_lease_must_answer_409_after_redelivery()
    {
        var q = Api.NewQueue("expired-redelivered");
        await Api.PublishIdAsync(q, """{"body": 1}""");
        var first = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 1);
        var second = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        Api.AssertProblem(await Api.AckAsync(q, first), 409);
        Assert.Equal((0, 0, 0, 1), await Api.CountsAsync(q));
        Assert.Equal(204, (await Api.AckAsync(q, second)).Status);
    }

    [Fact]
    public async Task Patch_and_delete_of_an_inflight_message_must_answer_409()
    {
        var q = Api.NewQueue("inflight-edit");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q);
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 1}"""), 409);
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/{id}"), 409);
        Assert.Equal("inflight", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json, "state"));
        Assert.Equal(204, (await Api.AckAsync(q, m)).Status);
    }

    [Fact]
    public async Task A_client_id_that_is_live_must_answer_409()
    {
        var q = Api.NewQueue("live-id");
        await Api.PublishAsync(q, """{"id": "job-1", "body": "first"}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"id": "job-1", "body": "second"}"""), 409);
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"id": "job-2", "body": 2}, {"id": "job-1", "body": 3}]}"""), 409);
        var all = await Api.ReceiveAsync(q, """{"max": 10}""");
        Assert.Equal("\"first\"", Assert.Single(all).GetProperty("body").GetRawText());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/job-2"), 404);

        // Once it has left, the id can be used again.
        Assert.Equal(204, (await Api.AckAsync(q, all[0])).Status);
        await Api.PublishAsync(q, """{"id": "job-1", "body": "third"}""");
    }

    [Theory]
    [InlineData("\"999\"", 412)]
    [InlineData("W/\"1\"", 412)]
    [InlineData("\"abc\"", 412)]
    [InlineData("1", 400)]
    public async Task An_if_match_that_does_not_match_must_answer_412(string ifMatch, int status)
    {
        var q = Api.NewQueue("if-match");
        var id = await Api.PublishIdAsync(q, """{"body": 1, "priority": 5}""");
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 1}""", ifMatch), status, "If-Match");
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/{id}", ifMatch), status, "If-Match");
        Assert.Equal(5, (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json.GetProperty("priority").GetInt32());

        var etag = (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).ETag!;
        Assert.Equal(200, (await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 1}""", "*")).Status);
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/{id}", etag), 412, "If-Match");
        var current = (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).ETag!;
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}/messages/{id}", current)).Status);
    }

    [Fact]
    public async Task A_body_over_max_message_bytes_must_answer_413()
    {
        var q = Api.NewQueue("too-large");
        await Api.ConfigureAsync(q, """{"maxMessageBytes": 16}""");

        // The body as stored is its JSON text: "0123456789abcd" with quotes is 16 bytes.
        await Api.PublishAsync(q, """{"body": "0123456789abcd"}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"body": "0123456789abcde"}"""), 413);
        // bodyBase64 counts decoded bytes: 16 fit, 17 do not.
        await Api.PublishAsync(q, $$"""{"bodyBase64": "{{Convert.ToBase64String(new byte[16])}}"}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", $$"""{"bodyBase64": "{{Convert.ToBase64String(new byte[17])}}"}"""), 413);
        // A batch with one large message is refused whole.
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"body": 1}, {"body": "0123456789abcdefghij"}]}"""), 413);
        Assert.Equal((2, 0, 0, 0), await Api.CountsAsync(q));

        // An edit is bounded too.
        var id = Api.Str((await Api.BrowseAllAsync(q, "ready"))[0], "id");
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"body": "0123456789abcdefghij"}"""), 413);
    }

    [Fact]
    public async Task A_publish_beyond_max_depth_must_answer_429_and_store_nothing()
    {
        var q = Api.NewQueue("full");
        await Api.ConfigureAsync(q, """{"maxDepth": 3}""");
        await Api.PublishAsync(q, """{"body": 1}""");
        await Api.PublishAsync(q, """{"body": 2, "delaySeconds": 3600}""");
        await Api.ReceiveOneAsync(q);

        // Every live message counts: one inflight, one scheduled; a batch of two would cross 3.
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"body": 3}, {"body": 4}]}"""), 429);
        Assert.Equal((0, 1, 0, 1), await Api.CountsAsync(q));
        await Api.PublishAsync(q, """{"body": 3}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"body": 4}"""), 429);
        Assert.Equal((1, 1, 0, 1), await Api.CountsAsync(q));
        Assert.Equal(3, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("published").GetInt64());
    }
}
