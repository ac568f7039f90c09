using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>Publish, receive, pop, browse, get, edit, cancel, ack, nack and extend, against a real node.</summary>
public sealed class MessageEndpointSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    public static TheoryData<string> Bodies => new()
    {
        "\"line one\\nline two\\r\\n\\ttabbed \\\"quoted\\\" back\\\\slash\"",
        "\"\\u00e9t\\u00E9 \\ud83d\\ude00 \\u0000 \\/\"",
        "\"été 😀 日本\"",
        "1.0e3",
        "-0.000",
        "12345678901234567890123456789",
        "{ \"nested\" : { \"a\" : [ 1, 2.50, { \"b\" : null } ], \"t\" : true },\n  \"n\": 1E+2 }",
        "[]",
        "null",
        "false",
        "\"\"",
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_must_come_back_byte_for_byte(string body)
    {
        var q = Api.NewQueue("body");
        var id = await Api.PublishIdAsync(q, $$$"""{"body": {{{body}}}, "contentType": "application/json", "headers": {"k": "v\nw"}}""");

        var get = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.Equal(body, get.Json.GetProperty("body").GetRawText());
        var browsed = Assert.Single((await Api.BrowseAllAsync(q, "ready")));
        Assert.Equal(body, browsed.GetProperty("body").GetRawText());

        var received = await Api.ReceiveOneAsync(q);
        Assert.Equal(body, received.GetProperty("body").GetRawText());
        Assert.Equal("application/json", Api.Str(received, "contentType"));
        Assert.Equal("v\nw", Api.Str(received.GetProperty("headers"), "k"));
        Assert.False(received.TryGetProperty("bodyBase64", out _));
    }

    [Fact]
    public async Task A_base64_body_must_come_back_as_the_same_bytes()
    {
        var q = Api.NewQueue("binary");
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var id = await Api.PublishIdAsync(q, $$"""{"bodyBase64": "{{Convert.ToBase64String(bytes)}}", "contentType": "application/octet-stream"}""");

        var received = await Api.ReceiveOneAsync(q);
        Assert.Equal(id, Api.Str(received, "id"));
        Assert.False(received.TryGetProperty("body", out _));
        Assert.Equal(bytes, Convert.FromBase64String(Api.Str(received, "bodyBase64")));
        Assert.Equal("application/octet-stream", Api.Str(received, "contentType"));
    }

    [Fact]
    public async Task Publish_must_answer_201_with_id_state_and_location()
    {
        var q = Api.NewQueue("publish");
        var reply = await Api.PostAsync($"v1/queues/{q}/messages", """{"body": {"orderId": 42}}""");
        Assert.True(reply.Status == 201, reply.ToString());
        var id = Api.Str(reply.Json, "id");
        Assert.Equal("ready", Api.Str(reply.Json, "state"));
        Assert.False(reply.Json.GetProperty("duplicate").GetBoolean());
        Assert.False(reply.Json.TryGetProperty("deliverAt", out _));
        Assert.Equal($"/v1/queues/{q}/messages/{id}", reply.Headers.Location?.ToString());

        // Generated ids sort by creation time.
        var second = await Api.PublishIdAsync(q, """{"body": 2}""");
        Assert.True(string.CompareOrdinal(id, second) < 0, $"{id} !< {second}");
    }

    [Fact]
    public async Task A_delivered_message_must_have_every_documented_member()
    {
        var q = Api.NewQueue("shape");
        var before = DateTimeOffset.UtcNow;
        var id = await Api.PublishIdAsync(q, """{"body": "x", "priority": 5, "headers": {"a": "1"}}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 40);
        var after = DateTimeOffset.UtcNow;

        Assert.Equal(id, Api.Str(m, "id"));
        Assert.Equal(5, m.GetProperty("priority").GetInt32());
        Assert.Equal("1", Api.Str(m.GetProperty("headers"), "a"));
        Assert.InRange(Api.Time(m, "publishedAt"), before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(1, m.GetProperty("receiveCount").GetInt32());
        var firstReceived = Api.Time(m, "firstReceivedAt");
        Assert.InRange(firstReceived, Api.Time(m, "publishedAt"), after.AddSeconds(1));
        var lease = m.GetProperty("lease");
        Assert.False(string.IsNullOrEmpty(Api.Str(lease, "token")));
        Assert.Equal(firstReceived.AddSeconds(40), Api.Time(lease, "expiresAt"));
        Assert.False(m.TryGetProperty("state", out _));
    }

    [Fact]
    public async Task Ready_messages_must_come_by_priority_numerically_then_in_publish_order()
    {
        var q = Api.NewQueue("priority");
        var ten1 = await Api.PublishIdAsync(q, """{"body": "10a", "priority": 10}""");
        var nine = await Api.PublishIdAsync(q, """{"body": "9", "priority": 9}""");
        var dflt = await Api.PublishIdAsync(q, """{"body": "default"}""");
        var ten2 = await Api.PublishIdAsync(q, """{"body": "10b", "priority": 10}""");
        var zero = await Api.PublishIdAsync(q, """{"body": "0", "priority": 0}""");
        var hundredOne = await Api.PublishIdAsync(q, """{"body": "101", "priority": 101}""");

        var browsed = (await Api.BrowseAllAsync(q, "ready")).Select(m => Api.Str(m, "id")).ToArray();
        Assert.Equal([zero, nine, ten1, ten2, dflt, hundredOne], browsed);
        var received = (await Api.ReceiveAsync(q, """{"max": 10}""")).Select(m => Api.Str(m, "id")).ToArray();
        Assert.Equal([zero, nine, ten1, ten2, dflt, hundredOne], received);
    }

    [Fact]
    public async Task One_priority_must_be_first_in_first_out_and_a_batch_keeps_its_order()
    {
        var q = Api.NewQueue("fifo");
        var batch = string.Join(", ", Enumerable.Range(0, 50).Select(i => $$"""{"body": {{i}}}"""));
        var reply = await Api.PostAsync($"v1/queues/{q}/messages", $$"""{"messages": [{{batch}}]}""");
        Assert.True(reply.Status == 201, reply.ToString());
        var ids = reply.Json.GetProperty("messages").EnumerateArray().Select(r => Api.Str(r, "id")).ToArray();
        Assert.Equal(50, ids.Length);
        Assert.Equal(50, ids.Distinct().Count());
        Assert.All(reply.Json.GetProperty("messages").EnumerateArray(), r => Assert.Equal("ready", Api.Str(r, "state")));
        var single = await Api.PublishIdAsync(q, """{"body": 50}""");

        var received = new List<JsonElement>();
        received.AddRange(await Api.ReceiveAsync(q, """{"max": 20}"""));
        received.AddRange(await Api.ReceiveAsync(q, """{"max": 1000}"""));
        Assert.Equal([.. ids, single], received.Select(m => Api.Str(m, "id")));
        Assert.Equal(Enumerable.Range(0, 51).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), received.Select(m => m.GetProperty("body").GetRawText()));
    }

    [Fact]
    public async Task A_nacked_message_must_keep_its_place_in_line()
    {
        var q = Api.NewQueue("retry-order");
        var first = await Api.PublishIdAsync(q, """{"body": 1}""");
        var second = await Api.PublishIdAsync(q, """{"body": 2}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(first, Api.Str(m, "id"));

        var nack = await Api.PostAsync($"v1/queues/{q}/messages/{first}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}}""");
        Assert.True(nack.Status == 204, nack.ToString());
        var again = await Api.ReceiveAsync(q, """{"max": 2}""");
        Assert.Equal([first, second], again.Select(x => Api.Str(x, "id")));
        Assert.Equal(2, again[0].GetProperty("receiveCount").GetInt32());
        Assert.Equal(Api.Str(m, "firstReceivedAt"), Api.Str(again[0], "firstReceivedAt"));
    }

    [Fact]
    public async Task A_dedup_id_must_store_the_message_once()
    {
        var q = Api.NewQueue("dedup");
        var first = await Api.PublishAsync(q, """{"body": "a", "dedupId": "order-42"}""");
        var second = await Api.PostAsync($"v1/queues/{q}/messages", """{"body": "b", "dedupId": "order-42"}""");
        Assert.True(second.Status == 200, second.ToString());
        Assert.Equal(Api.Str(first, "id"), Api.Str(second.Json, "id"));
        Assert.True(second.Json.GetProperty("duplicate").GetBoolean());
        Assert.False(first.GetProperty("duplicate").GetBoolean());

        // In a batch each entry says so.
        var batch = await Api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"body": "c", "dedupId": "order-42"}, {"body": "d", "dedupId": "order-43"}, {"body": "e", "dedupId": "order-43"}]}""");
        Assert.True(batch.Status == 201, batch.ToString());
        var results = batch.Json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(3, results.Length);
        Assert.Equal(Api.Str(first, "id"), Api.Str(results[0], "id"));
        Assert.True(results[0].GetProperty("duplicate").GetBoolean());
        Assert.False(results[1].GetProperty("duplicate").GetBoolean());
        Assert.Equal(Api.Str(results[1], "id"), Api.Str(results[2], "id"));
        Assert.True(results[2].GetProperty("duplicate").GetBoolean());

        var all = await Api.ReceiveAsync(q, """{"max": 10}""");
        Assert.Equal(["\"a\"", "\"d\""], all.Select(m => m.GetProperty("body").GetRawText()));
        Assert.Equal(2, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("published").GetInt64());
    }

    [Fact]
    public async Task A_client_id_must_be_kept_and_usable()
    {
        var q = Api.NewQueue("client-id");
        var reply = await Api.PublishAsync(q, """{"id": "invoice-7", "body": 7}""");
        Assert.Equal("invoice-7", Api.Str(reply, "id"));
        var got = await Api.GetAsync($"v1/queues/{q}/messages/invoice-7");
        Assert.True(got.Status == 200, got.ToString());
        Assert.Equal("ready", Api.Str(got.Json, "state"));
    }

    [Fact]
    public async Task Pop_must_return_and_remove_without_a_lease()
    {
        var q = Api.NewQueue("pop");
        var a = await Api.PublishIdAsync(q, """{"body": "a"}""");
        var b = await Api.PublishIdAsync(q, """{"body": "b"}""");
        await Api.PublishIdAsync(q, """{"body": "c"}""");

        var reply = await Api.PostAsync($"v1/queues/{q}/messages/pop", """{"max": 2}""");
        Assert.True(reply.Status == 200, reply.ToString());
        var popped = reply.Json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal([a, b], popped.Select(m => Api.Str(m, "id")));
        Assert.All(popped, m => Assert.False(m.TryGetProperty("lease", out _)));
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{a}"), 404);
        Assert.Equal((1, 0, 0, 0), await Api.CountsAsync(q));

        var one = await Api.PostAsync($"v1/queues/{q}/messages/pop");
        Assert.Single(one.Json.GetProperty("messages").EnumerateArray());
        var none = await Api.PostAsync($"v1/queues/{q}/messages/pop", "{}");
        Assert.Equal("""{"messages":[]}""", none.Text);
    }

    [Fact]
    public async Task An_empty_receive_must_answer_an_empty_list()
    {
        var q = Api.NewQueue("empty");
        await Api.ConfigureAsync(q, "{}");
        var reply = await Api.PostAsync($"v1/queues/{q}/messages/receive", "");
        Assert.True(reply.Status == 200, reply.ToString());
        Assert.Equal("""{"messages":[]}""", reply.Text);
    }

    [Fact]
    public async Task A_long_poll_must_return_as_soon_as_a_message_is_published()
    {
        var q = Api.NewQueue("long-poll");
        await Api.ConfigureAsync(q, "{}");
        var clock = Stopwatch.StartNew();
        var receive = Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 10}""");
        await Task.Delay(300);
        Assert.False(receive.IsCompleted, "the receive should be waiting");
        var id = await Api.PublishIdAsync(q, """{"body": "wake"}""");

        var got = Assert.Single(await receive);
        Assert.Equal(id, Api.Str(got, "id"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"long poll took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_long_poll_must_end_empty_after_its_wait()
    {
        var q = Api.NewQueue("long-poll-empty");
        await Api.ConfigureAsync(q, "{}");
        var clock = Stopwatch.StartNew();
        var messages = await Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 1}""");
        Assert.Empty(messages);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Browse_must_show_each_state_in_order_change_nothing_and_never_show_a_token()
    {
        var q = Api.NewQueue("browse");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Api.PublishIdAsync(q, $$"""{"body": {{i}}}"""));
        }

        var later = await Api.PublishIdAsync(q, """{"body": "later", "delaySeconds": 7200}""");
        var sooner = await Api.PublishIdAsync(q, """{"body": "sooner", "delaySeconds": 3600}""");
        var leased = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 60);
        Assert.Equal(ids[0], Api.Str(leased, "id"));

        // Pages of 2 with the next cursor.
        var page1 = await Api.GetAsync($"v1/queues/{q}/messages?limit=2");
        Assert.True(page1.Status == 200, page1.ToString());
        Assert.Equal([ids[1], ids[2]], page1.Json.GetProperty("messages").EnumerateArray().Select(m => Api.Str(m, "id")));
        var next = Api.Str(page1.Json, "next");
        var page2 = await Api.GetAsync($"v1/queues/{q}/messages?state=ready&limit=2&after={Uri.EscapeDataString(next)}");
        Assert.Equal([ids[3], ids[4]], page2.Json.GetProperty("messages").EnumerateArray().Select(m => Api.Str(m, "id")));
        var rest = page2.Json.TryGetProperty("next", out var next2)
            ? (await Api.GetAsync($"v1/queues/{q}/messages?limit=2&after={Uri.EscapeDataString(next2.GetString()!)}")).Json.GetProperty("messages").GetArrayLength()
            : 0;
        Assert.Equal(0, rest);

        var ready = await Api.BrowseAllAsync(q, "ready");
        Assert.All(ready, m =>
        {
            Assert.Equal("ready", Api.Str(m, "state"));
            Assert.True(m.GetProperty("version").GetInt64() > 0);
        });

        var scheduled = await Api.BrowseAllAsync(q, "scheduled");
        Assert.Equal([sooner, later], scheduled.Select(m => Api.Str(m, "id")));
        Assert.All(scheduled, m => Assert.Equal("scheduled", Api.Str(m, "state")));

        var inflight = Assert.Single(await Api.BrowseAllAsync(q, "inflight"));
        Assert.Equal(ids[0], Api.Str(inflight, "id"));
        Assert.Equal("inflight", Api.Str(inflight, "state"));
        Assert.Equal(Api.Str(leased.GetProperty("lease"), "expiresAt"), Api.Str(inflight.GetProperty("lease"), "expiresAt"));
        Assert.False(inflight.GetProperty("lease").TryGetProperty("token", out _), inflight.GetRawText());
        var get = await Api.GetAsync($"v1/queues/{q}/messages/{ids[0]}");
        Assert.Equal("inflight", Api.Str(get.Json, "state"));
        Assert.False(get.Json.GetProperty("lease").TryGetProperty("token", out _), get.Text);

        Assert.Empty(await Api.BrowseAllAsync(q, "delayed"));

        // Browsing changed nothing.
        Assert.Equal((4, 2, 0, 1), await Api.CountsAsync(q));
        Assert.Equal(1, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("delivered").GetInt64());
        Assert.Equal(0, ready[0].GetProperty("receiveCount").GetInt32());
    }

    [Fact]
    public async Task Get_must_show_the_state_and_the_version_as_a_strong_etag()
    {
        var q = Api.NewQueue("etag");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var got = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.True(got.Status == 200, got.ToString());
        Assert.Equal(id, Api.Str(got.Json, "id"));
        Assert.Equal("ready", Api.Str(got.Json, "state"));
        var version = got.Json.GetProperty("version").GetInt64();
        Assert.Equal($"\"{version}\"", got.ETag);
        Assert.False(got.Headers.ETag!.IsWeak);
    }

    [Fact]
    public async Task Patch_must_edit_a_ready_message_and_honour_if_match()
    {
        var q = Api.NewQueue("patch-ready");
        var id = await Api.PublishIdAsync(q, """{"body": "old", "priority": 50, "headers": {"a": "1"}}""");
        var before = await Api.GetAsync($"v1/queues/{q}/messages/{id}");

        var patched = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"body": {"new": "body\n"}, "priority": 3, "headers": {"b": "2"}, "contentType": "application/x-new"}""", before.ETag);
        Assert.True(patched.Status == 200, patched.ToString());
        Assert.NotEqual(before.ETag, patched.ETag);
        Assert.Equal($"\"{patched.Json.GetProperty("version").GetInt64()}\"", patched.ETag);
        Assert.Equal("""{"new": "body\n"}""", patched.Json.GetProperty("body").GetRawText());
        Assert.Equal(3, patched.Json.GetProperty("priority").GetInt32());
        Assert.Equal("""{"b":"2"}""", patched.Json.GetProperty("headers").GetRawText());

        // The old ETag no longer matches.
        var stale = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 4}""", before.ETag);
        Api.AssertProblem(stale, 412, "If-Match");
        Assert.Equal(3, (await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json.GetProperty("priority").GetInt32());

        var received = await Api.ReceiveOneAsync(q);
        Assert.Equal("""{"new": "body\n"}""", received.GetProperty("body").GetRawText());
        Assert.Equal("application/x-new", Api.Str(received, "contentType"));
    }

    [Fact]
    public async Task Delete_must_cancel_a_ready_message()
    {
        var q = Api.NewQueue("cancel-ready");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var deleted = await Api.DeleteAsync($"v1/queues/{q}/messages/{id}");
        Assert.True(deleted.Status == 204, deleted.ToString());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        Api.AssertProblem(await Api.DeleteAsync($"v1/queues/{q}/messages/{id}"), 404);
        Api.AssertProblem(await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 1}"""), 404);
        Assert.Empty(await Api.ReceiveAsync(q));
    }

    [Fact]
    public async Task Ack_must_remove_the_message_for_good()
    {
        var q = Api.NewQueue("ack");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 1);
        var ack = await Api.AckAsync(q, m);
        Assert.True(ack.Status == 204, ack.ToString());
        Assert.Equal("", ack.Text);
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);

        // Not delivered again, even after its old lease would have expired.
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 2}"""));
        Api.AssertProblem(await Api.AckAsync(q, m), 404);
        Assert.Equal(1, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("acked").GetInt64());
    }

    [Fact]
    public async Task Ack_batch_must_answer_each_entry_on_its_own()
    {
        var q = Api.NewQueue("ack-batch");
        await Api.PublishAsync(q, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3}]}""");
        var leased = await Api.ReceiveAsync(q, """{"max": 3}""");
        Assert.Equal(3, leased.Length);

        var body = $$"""
            {"leases": [
              {"id": {{Api.Quote(Api.Str(leased[0], "id"))}}, "token": {{Api.Quote(Api.Token(leased[0]))}}},
              {"id": {{Api.Quote(Api.Str(leased[1], "id"))}}, "token": "not-the-token"},
              {"id": "no-such-message", "token": "x"},
              {"id": {{Api.Quote(Api.Str(leased[2], "id"))}}, "token": {{Api.Quote(Api.Token(leased[2]))}}}
            ]}
            """;
        var reply = await Api.PostAsync($"v1/queues/{q}/messages/ack", body);
        Assert.True(reply.Status == 200, reply.ToString());
        var results = reply.Json.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(4, results.Length);
        Assert.Equal(Api.Str(leased[0], "id"), Api.Str(results[0], "id"));
        Assert.True(results[0].GetProperty("acked").GetBoolean());
        Assert.False(results[1].GetProperty("acked").GetBoolean());
        Assert.Equal(409, results[1].GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(Api.Str(results[1], "detail")));
        Assert.Equal("no-such-message", Api.Str(results[2], "id"));
        Assert.False(results[2].GetProperty("acked").GetBoolean());
        Assert.Equal(404, results[2].GetProperty("status").GetInt32());
        Assert.True(results[3].GetProperty("acked").GetBoolean());

        // The refused one is still leased and can be acked with its real token.
        Assert.Equal((0, 0, 0, 1), await Api.CountsAsync(q));
        Assert.Equal(204, (await Api.AckAsync(q, leased[1])).Status);
    }

    [Fact]
    public async Task Nack_with_a_delay_must_make_the_message_delayed_then_ready()
    {
        var q = Api.NewQueue("nack-delay");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q);

        var nack = await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "delaySeconds": 1}""");
        Assert.True(nack.Status == 204, nack.ToString());
        var delayed = Assert.Single(await Api.BrowseAllAsync(q, "delayed"));
        Assert.Equal("delayed", Api.Str(delayed, "state"));
        var until = Api.Time(delayed, "delayedUntil");
        Assert.Equal((0, 0, 1, 0), await Api.CountsAsync(q));
        Assert.Empty(await Api.ReceiveAsync(q));

        var again = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        Assert.Equal(id, Api.Str(again, "id"));
        Assert.Equal(2, again.GetProperty("receiveCount").GetInt32());
        var leaseStart = Api.Time(again.GetProperty("lease"), "expiresAt").AddSeconds(-30);
        Assert.True(leaseStart >= until, $"redelivered at {leaseStart:O}, before the delay ended at {until:O}");
    }

    [Fact]
    public async Task Nack_without_a_delay_must_make_the_message_ready_at_once()
    {
        var q = Api.NewQueue("nack-now");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}}""")).Status);
        Assert.Equal("ready", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json, "state"));
        Assert.Equal(id, Api.Str(await Api.ReceiveOneAsync(q), "id"));
    }

    [Fact]
    public async Task Extend_must_move_the_lease_expiry()
    {
        var q = Api.NewQueue("extend");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 2);
        var reply = await Api.PostAsync($"v1/queues/{q}/messages/{id}/extend", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "visibilityTimeoutSeconds": 120}""");
        var now = DateTimeOffset.UtcNow;
        Assert.True(reply.Status == 200, reply.ToString());
        var expiresAt = Api.Time(reply.Json, "expiresAt");
        Assert.InRange(expiresAt, now.AddSeconds(115), now.AddSeconds(125));
        var inflight = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.Equal(Api.Str(reply.Json, "expiresAt"), Api.Str(inflight.Json.GetProperty("lease"), "expiresAt"));

        // Still leased after the first expiry would have passed; the token still acks.
        Assert.Empty(await Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 3}"""));
        Assert.Equal(204, (await Api.AckAsync(q, m)).Status);
    }

    [Fact]
    public async Task Extend_without_a_timeout_must_use_the_queue_visibility_timeout()
    {
        var q = Api.NewQueue("extend-default");
        await Api.ConfigureAsync(q, """{"visibilityTimeoutSeconds": 45}""");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 2);
        var reply = await Api.PostAsync($"v1/queues/{q}/messages/{id}/extend", $$"""{"token": {{Api.Quote(Api.Token(m))}}}""");
        var now = DateTimeOffset.UtcNow;
        Assert.True(reply.Status == 200, reply.ToString());
        Assert.InRange(Api.Time(reply.Json, "expiresAt"), now.AddSeconds(40), now.AddSeconds(50));
    }

    [Fact]
    public async Task A_lease_that_expires_with_a_retry_delay_must_make_the_message_delayed_then_ready()
    {
        var q = Api.NewQueue("retry-delay");
        await Api.ConfigureAsync(q, """{"retryDelaySeconds": 1.5}""");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var first = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 0.5);
        var leaseEnd = Api.Time(first.GetProperty("lease"), "expiresAt");

        await Eventually.TrueAsync(async () => (await Api.CountsAsync(q)).Delayed == 1, TimeSpan.FromSeconds(5), "the message is delayed");
        var delayed = await Api.GetAsync($"v1/queues/{q}/messages/{id}");
        Assert.Equal("delayed", Api.Str(delayed.Json, "state"));
        var until = Api.Time(delayed.Json, "delayedUntil");
        Assert.Equal(leaseEnd.AddSeconds(1.5), until);

        var again = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        var at = Api.Time(again, "firstReceivedAt");
        Assert.Equal(id, Api.Str(again, "id"));
        Assert.True(Api.Time(again.GetProperty("lease"), "expiresAt").AddSeconds(-30) >= until, "redelivered before the retry delay ended");
        Assert.Equal(Api.Str(first, "firstReceivedAt"), Api.Format(at));
    }

    [Fact]
    public async Task A_delayed_message_must_keep_its_place_in_line_when_it_is_ready_again()
    {
        var q = Api.NewQueue("delayed-order");
        var a = await Api.PublishIdAsync(q, """{"body": "a"}""");
        var b = await Api.PublishIdAsync(q, """{"body": "b"}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{a}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "delaySeconds": 0.5}""")).Status);

        await Eventually.TrueAsync(async () => (await Api.CountsAsync(q)).Ready == 2, TimeSpan.FromSeconds(5), "the nacked message is ready again");
        Assert.Equal([a, b], (await Api.ReceiveAsync(q, """{"max": 2}""")).Select(x => Api.Str(x, "id")));
    }

    [Fact]
    public async Task A_delayed_message_may_be_edited_and_cancelled()
    {
        var q = Api.NewQueue("delayed-edit");
        var id = await Api.PublishIdAsync(q, """{"body": 1, "priority": 5}""");
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "delaySeconds": 3600}""")).Status);

        var edited = await Api.PatchAsync($"v1/queues/{q}/messages/{id}", """{"priority": 2}""");
        Assert.True(edited.Status == 200, edited.ToString());
        Assert.Equal(2, edited.Json.GetProperty("priority").GetInt32());
        Assert.Equal("delayed", Api.Str(edited.Json, "state"));
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}/messages/{id}")).Status);
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_ttl_must_not_remove_a_leased_message()
    {
        var q = Api.NewQueue("ttl-leased");
        // The TTL leaves the receive ample time on a busy machine; the wait then outlasts it.
        var id = await Api.PublishIdAsync(q, """{"body": 1, "ttlSeconds": 2}""");
        var m = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 30);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.Equal("{\"expired\":0}", (await Api.PostAsync($"v1/queues/{q}/sweep")).Text);
        Assert.Equal("inflight", Api.Str((await Api.GetAsync($"v1/queues/{q}/messages/{id}")).Json, "state"));
        Assert.Equal(204, (await Api.AckAsync(q, m)).Status);
    }

    [Fact]
    public async Task A_queue_ttl_must_expire_messages_that_are_not_received_in_time()
    {
        var q = Api.NewQueue("queue-ttl");
        await Api.ConfigureAsync(q, """{"messageTtlSeconds": 0.3}""");
        await Api.PublishAsync(q, """{"body": 1}""");
        await Task.Delay(TimeSpan.FromSeconds(0.6));
        Assert.Empty(await Api.ReceiveAsync(q));
        Assert.Equal(1, (await Api.QueueAsync(q)).GetProperty("totals").GetProperty("expired").GetInt64());
    }

    [Fact]
    public async Task A_dedup_id_must_be_stored_again_after_the_window()
    {
        var q = Api.NewQueue("dedup-window");
        await Api.ConfigureAsync(q, """{"dedupWindowSeconds": 0.5}""");
        var first = await Api.PublishIdAsync(q, """{"body": 1, "dedupId": "x"}""");
        await Task.Delay(TimeSpan.FromSeconds(0.8));
        var second = await Api.PostAsync($"v1/queues/{q}/messages", """{"body": 2, "dedupId": "x"}""");
        Assert.True(second.Status == 201, second.ToString());
        Assert.NotEqual(first, Api.Str(second.Json, "id"));
        Assert.False(second.Json.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task A_batch_of_only_duplicates_must_answer_200()
    {
        var q = Api.NewQueue("dedup-batch");
        await Api.PublishAsync(q, """{"messages": [{"body": 1, "dedupId": "a"}, {"body": 2, "dedupId": "b"}]}""");
        var again = await Api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"body": 1, "dedupId": "b"}, {"body": 2, "dedupId": "a"}]}""");
        Assert.True(again.Status == 200, again.ToString());
        Assert.All(again.Json.GetProperty("messages").EnumerateArray(), r => Assert.True(r.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(2, (await Api.CountsAsync(q)).Ready);
    }

    [Fact]
    public async Task A_batch_may_mix_ready_and_scheduled_messages_and_answers_in_order()
    {
        var q = Api.NewQueue("batch-mixed");
        var due = DateTimeOffset.UtcNow.AddDays(30);
        due = new DateTimeOffset(due.Year, due.Month, due.Day, due.Hour, due.Minute, due.Second, TimeSpan.Zero);
        var local = due.ToOffset(TimeSpan.FromHours(1)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);
        var reply = await Api.PostAsync($"v1/queues/{q}/messages", $$"""{"messages": [{"body": 1}, {"body": 2, "deliverAt": "{{local}}"}, {"id": "mine", "body": 3}]}""");
        Assert.True(reply.Status == 201, reply.ToString());
        Assert.Null(reply.Headers.Location);
        var results = reply.Json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["ready", "scheduled", "ready"], results.Select(r => Api.Str(r, "state")));
        Assert.EndsWith("+01:00", local, StringComparison.Ordinal);
        Assert.Equal(Api.Format(due), Api.Str(results[1], "deliverAt"));
        Assert.Equal("mine", Api.Str(results[2], "id"));
    }

    [Fact]
    public async Task Pop_must_never_dead_letter()
    {
        var q = Api.NewQueue("pop-dl");
        await Api.ConfigureAsync(q, """{"maxReceives": 1}""");
        await Api.PublishAsync(q, """{"body": 1}""");
        var popped = await Api.PostAsync($"v1/queues/{q}/messages/pop");
        Assert.Single(popped.Json.GetProperty("messages").EnumerateArray());
        var totals = (await Api.QueueAsync(q)).GetProperty("totals");
        Assert.Equal(1, totals.GetProperty("delivered").GetInt64());
        Assert.Equal(0, totals.GetProperty("deadLettered").GetInt64());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}.dlq"), 404);
    }

    [Fact]
    public async Task Max_receives_zero_must_mean_unlimited()
    {
        var q = Api.NewQueue("unlimited");
        await Api.ConfigureAsync(q, """{"maxReceives": 0}""");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        for (var i = 1; i <= 12; i++)
        {
            var m = await Api.ReceiveOneAsync(q);
            Assert.Equal(i, m.GetProperty("receiveCount").GetInt32());
            Assert.Equal(204, (await Api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}}""")).Status);
        }

        Assert.Equal(1, (await Api.CountsAsync(q)).Ready);
    }

    [Fact]
    public async Task The_default_max_message_bytes_must_be_256_KiB()
    {
        var q = Api.NewQueue("default-size");
        var fits = new string('x', 262144 - 2);
        await Api.PublishAsync(q, $$"""{"body": "{{fits}}"}""");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", $$"""{"body": "{{fits}}x"}"""), 413);
        var m = await Api.ReceiveOneAsync(q);
        Assert.Equal(262144, m.GetProperty("body").GetRawText().Length);
    }

    [Fact]
    public async Task Browse_must_page_by_100_by_default()
    {
        var q = Api.NewQueue("browse-default");
        await Api.PublishAsync(q, $$"""{"messages": [{{string.Join(",", Enumerable.Range(0, 150).Select(i => $$"""{"body": {{i}}}"""))}}]}""");
        var first = await Api.GetAsync($"v1/queues/{q}/messages");
        Assert.Equal(100, first.Json.GetProperty("messages").GetArrayLength());
        var second = await Api.GetAsync($"v1/queues/{q}/messages?after={Uri.EscapeDataString(Api.Str(first.Json, "next"))}");
        Assert.Equal(50, second.Json.GetProperty("messages").GetArrayLength());
        Assert.Equal("100", second.Json.GetProperty("messages")[0].GetProperty("body").GetRawText());
        Assert.False(second.Json.TryGetProperty("next", out _) && (await Api.GetAsync($"v1/queues/{q}/messages?after={Uri.EscapeDataString(Api.Str(second.Json, "next"))}")).Json.GetProperty("messages").GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_browse_cursor_must_survive_the_removal_of_the_message_it_points_at()
    {
        var q = Api.NewQueue("cursor");
        await Api.PublishAsync(q, """{"messages": [{"id": "a", "body": 1}, {"id": "b", "body": 2}, {"id": "c", "body": 3}, {"id": "d", "body": 4}, {"id": "e", "body": 5}]}""");
        var page1 = await Api.GetAsync($"v1/queues/{q}/messages?limit=2");
        Assert.Equal(["a", "b"], page1.Json.GetProperty("messages").EnumerateArray().Select(m => Api.Str(m, "id")));
        Assert.Equal(204, (await Api.DeleteAsync($"v1/queues/{q}/messages/b")).Status);
        var page2 = await Api.GetAsync($"v1/queues/{q}/messages?limit=2&after={Uri.EscapeDataString(Api.Str(page1.Json, "next"))}");
        Assert.True(page2.Status == 200, page2.ToString());
        Assert.Equal(["c", "d"], page2.Json.GetProperty("messages").EnumerateArray().Select(m => Api.Str(m, "id")));
    }

    [Fact]
    public async Task A_batch_of_1000_must_be_published_and_received_whole_in_order()
    {
        var q = Api.NewQueue("thousand");
        var reply = await Api.PublishAsync(q, $$"""{"messages": [{{string.Join(",", Enumerable.Range(0, 1000).Select(i => $$"""{"body": {{i}}}"""))}}]}""");
        var ids = reply.GetProperty("messages").EnumerateArray().Select(r => Api.Str(r, "id")).ToArray();
        Assert.Equal(1000, ids.Length);
        var received = await Api.ReceiveAsync(q, """{"max": 1000}""");
        Assert.Equal(ids, received.Select(m => Api.Str(m, "id")));
        Assert.Equal((0, 0, 0, 1000), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_bad_message_id_in_the_route_must_answer_400()
    {
        var q = Api.NewQueue("bad-id");
        await Api.ConfigureAsync(q, "{}");
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{new string('x', 300)}"), 400, "id");
        Api.AssertProblem(await Api.PostAsync($"v1/queues/{q}/messages", """{"id": "", "body": 1}"""), 400, "id");
    }

    [Fact]
    public async Task Concurrent_long_polls_must_each_get_a_different_message()
    {
        var q = Api.NewQueue("concurrent-polls");
        await Api.ConfigureAsync(q, "{}");
        var polls = Enumerable.Range(0, 4).Select(_ => Api.ReceiveAsync(q, """{"max": 1, "waitSeconds": 10}""")).ToArray();
        await Task.Delay(300);
        await Api.PublishAsync(q, """{"messages": [{"body": 1}, {"body": 2}, {"body": 3}, {"body": 4}]}""");
        var got = (await Task.WhenAll(polls)).SelectMany(x => x).Select(m => Api.Str(m, "id")).ToList();
        Assert.Equal(4, got.Count);
        Assert.Equal(4, got.Distinct().Count());
    }

    [Fact]
    public async Task Concurrent_consumers_must_receive_every_message_exactly_once()
    {
        var q = Api.NewQueue("concurrent");
        var ids = new List<string>();
        for (var start = 0; start < 300; start += 100)
        {
            var batch = await Api.PublishAsync(q, $$"""{"messages": [{{string.Join(",", Enumerable.Range(start, 100).Select(i => $$"""{"body": {{i}}}"""))}}]}""");
            ids.AddRange(batch.GetProperty("messages").EnumerateArray().Select(r => Api.Str(r, "id")));
        }

        async Task<List<string>> Consume()
        {
            var mine = new List<string>();
            for (var round = 0; round < 100; round++)
            {
                var messages = await Api.ReceiveAsync(q, """{"max": 7}""");
                if (messages.Length == 0)
                {
                    return mine;
                }

                mine.AddRange(messages.Select(m => Api.Str(m, "id")));
                var leases = string.Join(",", messages.Select(m => $$"""{"id": "{{Api.Str(m, "id")}}", "token": {{Api.Quote(Api.Token(m))}}}"""));
                var acked = await Api.PostAsync($"v1/queues/{q}/messages/ack", $$"""{"leases": [{{leases}}]}""");
                Assert.All(acked.Json.GetProperty("results").EnumerateArray(), r => Assert.True(r.GetProperty("acked").GetBoolean(), r.GetRawText()));
            }

            return mine;
        }

        var all = (await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Consume()))).SelectMany(x => x).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal((0, 0, 0, 0), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task An_expired_lease_must_make_the_message_deliverable_again()
    {
        var q = Api.NewQueue("redeliver");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        var first = await Api.ReceiveOneAsync(q, visibilityTimeoutSeconds: 1);
        var second = await Api.ReceiveOneAsync(q, waitSeconds: 10);
        Assert.Equal(id, Api.Str(second, "id"));
        Assert.Equal(2, second.GetProperty("receiveCount").GetInt32());
        Assert.NotEqual(Api.Token(first), Api.Token(second));
        var redeliveredAt = Api.Time(second.GetProperty("lease"), "expiresAt").AddSeconds(-30);
        Assert.True(redeliveredAt >= Api.Time(first.GetProperty("lease"), "expiresAt"), "redelivered before the first lease expired");
    }
}
