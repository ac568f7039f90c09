using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary><see cref="ActorMqHttpClient.OpenStreamAsync"/> and <see cref="MessageStream"/> against the shared node.</summary>
[Collection(ClientNodeCollection.Name)]
public sealed class MessageStreamSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ActorMqHttpClient _client = new(shared.Node.Http);

    [Fact]
    public async Task A_stream_must_deliver_in_order_within_its_credit_and_its_leases_must_ack()
    {
        var queue = Api.NewQueue("client-stream");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await _client.PublishAsync(queue, new PublishMessage(MessageBody.Json($"{i}")))).Id);
        }

        await using var stream = await _client.OpenStreamAsync(queue, maxPerFrame: 2, visibilityTimeout: TimeSpan.FromMinutes(2));
        Assert.Equal(queue, stream.Queue);
        await stream.GrantAsync(3);
        var received = await ReadAsync(stream, 3);
        Assert.Equal(ids.Take(3), received.Select(m => m.Id));
        Assert.All(received, m => Assert.InRange(m.Lease.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(121)));
        Assert.Equal(2, (await _client.GetQueueAsync(queue)).Counts.Ready);

        var acked = await _client.AckBatchAsync(queue, received.Select(LeaseReference.Of).ToArray());
        Assert.All(acked, a => Assert.True(a.Acked));
        await stream.GrantAsync(10);
        Assert.Equal(ids.Skip(3), (await ReadAsync(stream, 2)).Select(m => m.Id));
    }

    [Fact]
    public async Task A_refused_stream_must_throw_the_exception_of_its_problem()
    {
        await using (var missing = await _client.OpenStreamAsync("no-such-queue-" + Guid.NewGuid().ToString("N")))
        {
            await missing.GrantAsync(1);
            await Assert.ThrowsAsync<QueueNotFoundException>(() => ReadWithinPatienceAsync(missing));
        }

        var queue = Api.NewQueue("client-stream-bad");
        await _client.CreateOrUpdateQueueAsync(queue);
        await using var bad = await _client.OpenStreamAsync(queue, maxPerFrame: 0);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => ReadWithinPatienceAsync(bad));
        Assert.Equal("max", refused.Problem.Field);
    }

    [Fact]
    public async Task Publishes_and_acks_on_a_stream_must_be_answered_as_the_client_answers_them()
    {
        var queue = Api.NewQueue("client-stream-requests");
        await using var stream = await _client.OpenStreamAsync(queue);
        var one = await stream.PublishAsync(new PublishMessage(MessageBody.Json("1")) { Id = "one" });
        Assert.Equal(("one", MessageState.Ready, false), (one.Id, one.State, one.Duplicate));
        var batch = await stream.PublishBatchAsync([new PublishMessage(MessageBody.Json("2")), new PublishMessage(MessageBody.Json("3"))]);
        Assert.Equal([MessageState.Ready, MessageState.Ready], batch.Select(r => r.State));
        await Assert.ThrowsAsync<ConflictException>(() => stream.PublishAsync(new PublishMessage(MessageBody.Json("4")) { Id = "one" }));

        await stream.GrantAsync(2);
        var received = await ReadAsync(stream, 2);
        Assert.Equal(["1", "2"], received.Select(m => m.Body.ToString()));
        var acked = await stream.AckAsync([LeaseReference.Of(received[0]), new LeaseReference(received[1].Id, "stale-token")], credit: 1);
        Assert.Equal([true, false], acked.Select(a => a.Acked));
        Assert.Equal(409, acked[1].Status);
        Assert.Equal(batch[1].Id, Assert.Single(await ReadAsync(stream, 1)).Id);
    }

    [Fact]
    public async Task Acks_without_an_answer_must_ack_and_report_only_the_leases_not_acked()
    {
        var queue = Api.NewQueue("client-stream-nowait");
        var failures = new TaskCompletionSource<IReadOnlyList<AckResult>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stream = await _client.OpenStreamAsync(queue);
        stream.AcksFailed += results => failures.TrySetResult(results);
        await stream.PublishBatchAsync([new PublishMessage(MessageBody.Json("1")), new PublishMessage(MessageBody.Json("2"))]);
        await stream.GrantAsync(2);
        var received = await ReadAsync(stream, 2);

        await stream.AckNowaitAsync([LeaseReference.Of(received[0]), new LeaseReference(received[1].Id, "stale-token")], credit: 1);

        var failed = Assert.Single(await failures.Task.WaitAsync(Patience));
        Assert.Equal((received[1].Id, false, 409), (failed.MessageId, failed.Acked, failed.Status));
        await stream.AckNowaitAsync([LeaseReference.Of(received[1])]);
        await stream.DisposeAsync();
        Assert.Equal(0, (await _client.GetQueueAsync(queue)).Counts.Total);
        await Assert.ThrowsAsync<UnavailableException>(() => stream.AckNowaitAsync([LeaseReference.Of(received[1])]));
    }

    [Fact]
    public async Task A_message_must_come_on_a_stream_as_a_receive_gives_it()
    {
        // The same messages in two queues: one received over HTTP, the other on a stream; all but the ids, queues,
        // timestamps and tokens must be equal (they read the node's same JSON through two readers).
        PublishMessage[] messages =
        [
            new(MessageBody.Json("""{ "nested": [1, {"s": "\u00e9\"q"}], "n": null }""")) { Priority = 2, Headers = new Dictionary<string, string> { ["a"] = "1", ["b"] = "two" } },
            new(MessageBody.Binary([0, 1, 2, 255])) { ContentType = "application/octet-stream", DeliverAt = DateTimeOffset.UtcNow.AddMinutes(-1) },
            new(MessageBody.Text("plain \"text\"")) { Priority = 9 },
        ];
        var overHttp = Api.NewQueue("client-stream-parity-http");
        var onStream = Api.NewQueue("client-stream-parity-stream");
        await _client.PublishBatchAsync(overHttp, messages);
        await _client.PublishBatchAsync(onStream, messages);

        var received = await _client.ReceiveAsync(overHttp, 3, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        await using var stream = await _client.OpenStreamAsync(onStream, visibilityTimeout: TimeSpan.FromMinutes(1));
        await stream.GrantAsync(3);
        var streamed = await ReadAsync(stream, 3);

        static object Shape(ReceivedMessage m) => new
        {
            Body = Convert.ToHexString(m.Body.Bytes.Span),
            m.Body.IsBinary,
            m.Priority,
            Headers = string.Join(";", m.Headers.OrderBy(h => h.Key).Select(h => $"{h.Key}={h.Value}")),
            m.ContentType,
            DeliverAt = m.DeliverAt.HasValue,
            m.ReceiveCount,
            FirstReceivedAt = m.FirstReceivedAt.HasValue,
            Lease = m.Lease.Token.Length > 0 && m.Lease.ExpiresAt > DateTimeOffset.UtcNow,
        };
        Assert.Equal(received.OrderBy(m => m.Priority).Select(Shape), streamed.OrderBy(m => m.Priority).Select(Shape));
        Assert.Equal(3, streamed.Select(m => m.Id).Distinct().Count());
        Assert.All(streamed, m => Assert.InRange(m.PublishedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow));
        Assert.Equal(streamed.Select(m => m.Id).Order(), (await _client.AckBatchAsync(onStream, streamed.Select(LeaseReference.Of).ToArray())).Select(a => a.MessageId).Order());
    }

    [Fact]
    public async Task A_publish_larger_than_the_kept_send_buffer_must_go_and_the_stream_must_go_on()
    {
        var queue = Api.NewQueue("client-stream-large");
        await using var stream = await _client.OpenStreamAsync(queue);
        var large = Enumerable.Range(0, 5).Select(i => new PublishMessage(MessageBody.Binary(Enumerable.Repeat((byte)i, 250_000).ToArray()))).ToArray();

        Assert.Equal(5, (await stream.PublishBatchAsync(large)).Count);
        await stream.PublishAsync(new PublishMessage(MessageBody.Json("\"small\"")));

        await stream.GrantAsync(6);
        var received = await ReadAsync(stream, 6);
        Assert.Equal([250_000, 250_000, 250_000, 250_000, 250_000, 7], received.Select(m => m.Body.Length));
        Assert.Equal(4, received[4].Body.Bytes.Span[^1]);
    }

    [Fact]
    public async Task A_refused_publish_on_a_stream_must_throw_its_problem_and_leave_the_stream_open()
    {
        var queue = Api.NewQueue("client-stream-refused");
        await using var stream = await _client.OpenStreamAsync(queue);
        var refused = await Assert.ThrowsAsync<ValidationException>(() => stream.PublishAsync(new PublishMessage(MessageBody.Json("1")) { Priority = -1 }));
        Assert.Equal("publish.priority", refused.Problem.Field);

        Assert.Equal(MessageState.Ready, (await stream.PublishAsync(new PublishMessage(MessageBody.Json("2")))).State);
        Assert.Equal(1, (await _client.GetQueueAsync(queue)).Counts.Ready);
    }

    [Fact]
    public async Task Requests_on_a_stream_the_node_ended_must_throw_why_it_ended()
    {
        var queue = Api.NewQueue("client-stream-ended");
        await using var stream = await _client.OpenStreamAsync(queue, maxPerFrame: 0);
        var ended = await Assert.ThrowsAsync<ValidationException>(() => ReadWithinPatienceAsync(stream));
        Assert.Equal("max", ended.Problem.Field);
        Assert.Equal("max", (await Assert.ThrowsAsync<ValidationException>(() => stream.PublishAsync(new PublishMessage(MessageBody.Json("1"))))).Problem.Field);
    }

    [Fact]
    public async Task A_cancelled_read_must_leave_the_stream_as_it_was()
    {
        var queue = Api.NewQueue("client-stream-cancel");
        await using var stream = await _client.OpenStreamAsync(queue);
        using (var soon = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stream.ReadAsync(soon.Token));
        }

        var published = await stream.PublishAsync(new PublishMessage(MessageBody.Json("\"after\"")));
        await stream.GrantAsync(1);
        Assert.Equal(published.Id, Assert.Single(await ReadAsync(stream, 1)).Id);
    }

    [Fact]
    public async Task Credit_under_one_must_be_refused_before_it_is_sent()
    {
        var queue = Api.NewQueue("client-stream-credit");
        await _client.CreateOrUpdateQueueAsync(queue);
        await using var stream = await _client.OpenStreamAsync(queue);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => stream.GrantAsync(0));
    }

    [Fact]
    public async Task A_node_that_cannot_be_reached_must_give_an_unavailable_exception()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new ActorMqHttpClient(new Uri($"http://127.0.0.1:{port}"));
        await Assert.ThrowsAsync<UnavailableException>(() => client.OpenStreamAsync("q"));
    }

    private Api Api { get; } = new(shared.Node.Http);

    private static async Task<List<ReceivedMessage>> ReadAsync(MessageStream stream, int count)
    {
        var messages = new List<ReceivedMessage>();
        while (messages.Count < count)
        {
            messages.AddRange(await ReadWithinPatienceAsync(stream));
        }

        Assert.Equal(count, messages.Count);
        return messages;
    }

    private static async Task<IReadOnlyList<ReceivedMessage>> ReadWithinPatienceAsync(MessageStream stream)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await stream.ReadAsync(timeout.Token);
    }
}
