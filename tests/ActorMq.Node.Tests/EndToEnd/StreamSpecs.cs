using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>The push stream <c>GET /v1/queues/{q}/stream</c>, on the wire, against a real node.</summary>
public sealed class StreamSpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Uri _node = shared.Node.BaseAddress;

    [Fact]
    public async Task A_stream_must_send_no_more_than_the_credit_granted()
    {
        var q = Api.NewQueue("stream-credit");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await Api.PublishIdAsync(q, $$"""{"body": {{i}}}"""));
        }

        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"credit": 2}""");
        var first = await ReadMessagesAsync(socket, 2);
        Assert.Equal(ids.Take(2), first.Select(m => Api.Str(m, "id")));
        Assert.Equal((1L, 0L, 0L, 2L), await Api.CountsAsync(q));

        await SendAsync(socket, """{"credit": 1}""");
        var second = Assert.Single(await ReadMessagesAsync(socket, 1));
        Assert.Equal(ids[2], Api.Str(second, "id"));
        Assert.Equal(1, second.GetProperty("receiveCount").GetInt32());
    }

    [Fact]
    public async Task A_message_published_while_the_stream_waits_must_be_pushed_and_its_lease_acked_through_the_api()
    {
        var q = Api.NewQueue("stream-push");
        await Api.ConfigureAsync(q, "{}");
        using var socket = await ConnectAsync(q, "?max=10&visibilityTimeoutSeconds=120");
        await SendAsync(socket, """{"credit": 10}""");
        var id = await Api.PublishIdAsync(q, """{"body": "late"}""");

        var delivered = Assert.Single(await ReadMessagesAsync(socket, 1));
        Assert.Equal(id, Api.Str(delivered, "id"));
        Assert.Equal("late", Api.Str(delivered, "body"));
        var expires = Api.Time(delivered.GetProperty("lease"), "expiresAt");
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(121));

        var ack = await Api.AckAsync(q, delivered);
        Assert.True(ack.Status == 204, ack.ToString());
        Assert.Equal((0L, 0L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Theory]
    [InlineData("""{"credit": 0}""", "credit")]
    [InlineData("""{"credit": 10001}""", "credit")]
    [InlineData("""{"credit": "5"}""", "credit")]
    [InlineData("""{"credits": 5}""", "credits")]
    [InlineData("""{}""", "credit")]
    [InlineData("""not json""", null)]
    [InlineData("""{"ref": 1}""", "credit")]
    [InlineData("""{"publish": {"body": 1}}""", "ref")]
    [InlineData("""{"ref": {"n": 1}, "publish": {"body": 1}}""", "ref")]
    [InlineData("""{"ref": 1.5, "ack": {"leases": []}}""", "ref")]
    [InlineData("""{"ref": "", "publish": {"body": 1}}""", "ref")]
    [InlineData("""{"ref": 1, "publish": {"body": 1}, "ack": {"leases": []}}""", "ack")]
    [InlineData("""{"ack": {"leases": 5}}""", "ack.leases")]
    [InlineData("""{"ack": {"leases": []}}""", "ack.leases")]
    public async Task A_bad_frame_must_end_the_stream_with_a_problem_naming_it(string frame, string? field)
    {
        var q = Api.NewQueue("stream-bad");
        await Api.ConfigureAsync(q, "{}");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, frame);

        var problem = await ReadProblemAsync(socket);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, problem.TryGetProperty("field", out var named) ? named.GetString() : null);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.CloseStatus);
    }

    [Fact]
    public async Task Credit_over_the_limit_in_all_must_end_the_stream()
    {
        var q = Api.NewQueue("stream-limit");
        await Api.ConfigureAsync(q, "{}");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"credit": 6000}""");
        await SendAsync(socket, """{"credit": 6000}""");

        var problem = await ReadProblemAsync(socket);
        Assert.Equal("credit", Api.Str(problem, "field"));
        Assert.Contains("10000", Api.Str(problem, "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publish_frame_must_be_answered_with_its_ref_once_the_message_is_stored()
    {
        var q = Api.NewQueue("stream-publish");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"ref": "p-1", "publish": {"body": {"n": 1}, "priority": 3, "headers": {"k": "v"}}}""");

        var answer = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal("p-1", Api.Str(answer, "ref"));
        var published = answer.GetProperty("published");
        Assert.Equal(("ready", false), (Api.Str(published, "state"), published.GetProperty("duplicate").GetBoolean()));
        var stored = await Api.GetAsync($"v1/queues/{q}/messages/{Api.Str(published, "id")}");
        Assert.True(stored.Status == 200, stored.ToString());
        Assert.Equal(("""{"n": 1}""", 3, "v"), (stored.Json.GetProperty("body").GetRawText(), stored.Json.GetProperty("priority").GetInt32(), Api.Str(stored.Json.GetProperty("headers"), "k")));
    }

    [Fact]
    public async Task Publishes_sent_without_waiting_must_all_be_answered_and_stored_in_the_order_sent()
    {
        var q = Api.NewQueue("stream-pipeline");
        using var socket = await ConnectAsync(q);
        const int n = 50;
        for (var i = 0; i < n; i++)
        {
            await SendAsync(socket, $$$"""{"ref": {{{i}}}, "publish": {"body": {{{i}}}}}""");
        }

        var answered = new HashSet<long>();
        while (answered.Count < n)
        {
            var answer = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException($"the stream closed after {answered.Count} answers");
            Assert.True(answer.TryGetProperty("published", out _), answer.ToString());
            Assert.True(answered.Add(answer.GetProperty("ref").GetInt64()));
        }

        var ready = await Api.BrowseAllAsync(q, "ready");
        Assert.Equal(Enumerable.Range(0, n).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ready.Select(m => m.GetProperty("body").GetRawText()));
    }

    [Fact]
    public async Task A_publish_batch_frame_must_answer_every_message_in_order()
    {
        var q = Api.NewQueue("stream-batch");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"ref": 9, "publish": {"messages": [{"body": "a", "id": "first"}, {"body": "b", "delaySeconds": 3600}]}}""");

        var answer = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal(9, answer.GetProperty("ref").GetInt32());
        Assert.True(answer.TryGetProperty("published", out _), answer.ToString());
        var results = answer.GetProperty("published").GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(("first", "ready"), (Api.Str(results[0], "id"), Api.Str(results[0], "state")));
        Assert.Equal("scheduled", Api.Str(results[1], "state"));
        Assert.Equal((1L, 1L, 0L, 0L), await Api.CountsAsync(q));

        // Refusals the queue decides name the field by its path in the frame too.
        await SendAsync(socket, """{"ref": 10, "publish": {"messages": [{"body": 1}, {"body": 2, "deliverAt": "2999-01-01T00:00:00Z"}]}}""");
        var refused = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal("publish.messages[1].deliverAt", Api.Str(refused.GetProperty("problem"), "field"));
        Assert.Equal((1L, 1L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_refused_publish_must_be_answered_with_a_problem_and_the_stream_must_go_on()
    {
        var q = Api.NewQueue("stream-refused");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"ref": 7, "publish": {"body": 1, "priority": -1}}""");

        var refused = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal(7, refused.GetProperty("ref").GetInt32());
        var problem = refused.GetProperty("problem");
        Assert.Equal((400, "publish.priority"), (problem.GetProperty("status").GetInt32(), Api.Str(problem, "field")));

        await SendAsync(socket, """{"ref": 8, "publish": {"body": 2}}""");
        var answer = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal(8, answer.GetProperty("ref").GetInt32());
        Assert.Equal((1L, 0L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task An_ack_frame_must_ack_its_leases_and_grant_its_credit()
    {
        var q = Api.NewQueue("stream-ack");
        for (var i = 0; i < 2; i++)
        {
            await Api.PublishIdAsync(q, $$"""{"body": {{i}}}""");
        }

        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"credit": 1}""");
        var first = Assert.Single(await ReadMessagesAsync(socket, 1));
        await SendAsync(socket, $$"""{"ref": "a1", "credit": 1, "ack": {{AckOf(first)}}}""");

        // The answer and the next delivery may come in either order.
        JsonElement? acked = null;
        JsonElement? second = null;
        while (acked is null || second is null)
        {
            var frame = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
            if (frame.TryGetProperty("acked", out var results))
            {
                Assert.Equal("a1", Api.Str(frame, "ref"));
                acked = results;
            }
            else
            {
                second = Assert.Single(frame.GetProperty("messages").EnumerateArray().ToArray());
            }
        }

        var result = Assert.Single(acked.Value.GetProperty("results").EnumerateArray().ToArray());
        Assert.True(result.GetProperty("acked").GetBoolean(), result.ToString());
        Assert.Equal("1", second.Value.GetProperty("body").GetRawText());
        Assert.Equal((0L, 0L, 0L, 1L), await Api.CountsAsync(q));
    }

    [Theory]
    [InlineData("1")]
    [InlineData(null)]
    public async Task An_ack_of_a_lease_that_is_not_current_must_answer_it_not_acked_with_or_without_ref(string? reference)
    {
        var q = Api.NewQueue("stream-stale");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, reference is null ? $$"""{"ack": {{AckOf(id, "not-the-token")}}}""" : $$"""{"ref": {{reference}}, "ack": {{AckOf(id, "not-the-token")}}}""");

        // Without a ref the ack is not answered, except for the leases it could not ack.
        var answer = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal(reference, answer.TryGetProperty("ref", out var echoed) ? echoed.GetRawText() : null);
        var result = Assert.Single(answer.GetProperty("acked").GetProperty("results").EnumerateArray().ToArray());
        Assert.Equal((id, false, 409), (Api.Str(result, "id"), result.GetProperty("acked").GetBoolean(), result.GetProperty("status").GetInt32()));
        Assert.Equal((1L, 0L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task An_ack_without_ref_must_ack_its_leases_and_not_be_answered()
    {
        var q = Api.NewQueue("stream-nowait");
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"credit": 1}""");
        var message = Assert.Single(await ReadMessagesAsync(socket, 1));
        await SendAsync(socket, $$"""{"ack": {{AckOf(message)}}}""");
        await SendAsync(socket, """{"ref": "after", "publish": {"body": 2}}""");

        // The queue carries out a stream's requests in order and answers each once written: an answer to the ack would
        // come before the publish's.
        var next = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed");
        Assert.Equal("after", Api.Str(next, "ref"));
        Assert.True(next.TryGetProperty("published", out _), next.ToString());
        Api.AssertProblem(await Api.GetAsync($"v1/queues/{q}/messages/{id}"), 404);
        Assert.Equal((1L, 0L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Fact]
    public async Task A_closed_stream_must_have_carried_out_the_acks_sent_before_its_close()
    {
        const int count = 50;
        var q = Api.NewQueue("stream-close-acks");
        for (var i = 0; i < count; i++)
        {
            await Api.PublishIdAsync(q, $$"""{"body": {{i}}}""");
        }

        using var socket = await ConnectAsync(q);
        await SendAsync(socket, $$"""{"credit": {{count}}}""");
        foreach (var message in await ReadMessagesAsync(socket, count))
        {
            await SendAsync(socket, $$"""{"ack": {{AckOf(message)}}}""");
        }

        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        Assert.Equal((0L, 0L, 0L, 0L), await Api.CountsAsync(q));
    }

    [Theory]
    [InlineData("?max=0", "max")]
    [InlineData("?max=1001", "max")]
    [InlineData("?visibilityTimeoutSeconds=soon", "visibilityTimeoutSeconds")]
    [InlineData("?wait=5", "wait")]
    [InlineData("?max=1&max=2", "max")]
    public async Task A_bad_query_must_be_refused_in_a_problem_frame(string query, string field)
    {
        var q = Api.NewQueue("stream-query");
        using var socket = await ConnectAsync(q, query);

        var problem = await ReadProblemAsync(socket);
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(field, Api.Str(problem, "field"));
    }

    [Fact]
    public async Task A_stream_of_a_queue_that_does_not_exist_must_be_refused_with_404()
    {
        using var socket = await ConnectAsync("no-such-queue-" + Guid.NewGuid().ToString("N"));
        await SendAsync(socket, """{"credit": 1}""");

        var problem = await ReadProblemAsync(socket);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal("queue", Api.Str(problem, "field"));
    }

    [Fact]
    public async Task A_plain_get_of_the_stream_must_answer_400_saying_it_is_a_websocket()
    {
        var reply = await Api.GetAsync($"v1/queues/{Api.NewQueue("stream-plain")}/stream");
        var problem = Api.AssertProblem(reply, 400);
        Assert.Contains("WebSocket", Api.Str(problem, "detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_closes_must_get_the_close_answered()
    {
        var q = Api.NewQueue("stream-close");
        await Api.ConfigureAsync(q, "{}");
        using var socket = await ConnectAsync(q);
        await SendAsync(socket, """{"credit": 5}""");
        using var timeout = new CancellationTokenSource(Patience);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(WebSocketState.Closed, socket.State);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, socket.CloseStatus);
        var id = await Api.PublishIdAsync(q, """{"body": 1}""");
        Assert.Equal(id, Api.Str(await Api.ReceiveOneAsync(q), "id"));
    }

    /// <summary>An ack's body for the lease of <paramref name="message"/>, a delivered message.</summary>
    private static string AckOf(JsonElement message) => AckOf(Api.Str(message, "id"), Api.Str(message.GetProperty("lease"), "token"));

    private static string AckOf(string id, string token) => $$"""{"leases": [{"id": "{{id}}", "token": "{{token}}"}]}""";

    private async Task<ClientWebSocket> ConnectAsync(string queue, string query = "")
    {
        var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(Patience);
        await socket.ConnectAsync(new Uri($"ws://{_node.Authority}/v1/queues/{queue}/stream{query}"), timeout.Token);
        return socket;
    }

    private static async Task SendAsync(ClientWebSocket socket, string frame)
    {
        using var timeout = new CancellationTokenSource(Patience);
        await socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
    }

    /// <summary>Reads frames until <paramref name="count"/> messages have come; more than that fails.</summary>
    private static async Task<List<JsonElement>> ReadMessagesAsync(ClientWebSocket socket, int count)
    {
        var messages = new List<JsonElement>();
        while (messages.Count < count)
        {
            var frame = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException($"the stream closed after {messages.Count} of {count} messages");
            Assert.False(frame.TryGetProperty("problem", out var problem), problem.ToString());
            messages.AddRange(frame.GetProperty("messages").EnumerateArray());
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }

    /// <summary>Reads the problem frame that ends the stream, then the node's close.</summary>
    private static async Task<JsonElement> ReadProblemAsync(ClientWebSocket socket)
    {
        var frame = await ReadFrameAsync(socket) ?? throw new Xunit.Sdk.XunitException("the stream closed without a problem frame");
        var problem = frame.GetProperty("problem");
        Assert.StartsWith("urn:actormq:problem:", Api.Str(problem, "type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Api.Str(problem, "detail")));
        Assert.Null(await ReadFrameAsync(socket));
        return problem;
    }

    /// <summary>The next text frame as JSON, or null when the node closed the stream (the close is then answered).</summary>
    private static async Task<JsonElement?> ReadFrameAsync(ClientWebSocket socket)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[1 << 20];
        var length = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), timeout.Token);
            length += result.Count;
        }
        while (!result.EndOfMessage);

        if (result.MessageType == WebSocketMessageType.Close)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token);
            return null;
        }

        return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
    }
}
