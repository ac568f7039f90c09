using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>
/// Every problem the node answers arrives as the typed exception of its status, carrying the status, the problem's
/// type, detail and field; nothing was changed by the refused request.
/// </summary>
public abstract class ErrorSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : ClientSpecs(shared, akka, output, transport)
{
    [Fact]
    public async Task A_missing_queue_must_be_a_QueueNotFoundException()
    {
        var queue = NewQueue("missing");

        var e = await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.GetQueueAsync(queue));

        AssertProblem(e, 404, "urn:actormq:problem:not-found", "queue");
        Assert.Contains(queue, e.Detail, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NotFoundException>(e);
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.DeleteQueueAsync(queue));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.PurgeQueueAsync(queue));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.ReceiveAsync(queue));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.BrowseAsync(queue));
        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.GetMessageAsync(queue, "m1"));
    }

    [Fact]
    public async Task A_missing_message_must_be_a_MessageNotFoundException()
    {
        var queue = await QueueAsync("no-message");

        var e = await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.GetMessageAsync(queue, "nope"));

        AssertProblem(e, 404, "urn:actormq:problem:not-found", "id");
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.EditMessageAsync(queue, "nope", new MessageEdit { Priority = 1 }));
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.CancelMessageAsync(queue, "nope"));
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.AckAsync(queue, "nope", "token"));
    }

    [Fact]
    public async Task Invalid_input_must_be_a_ValidationException_naming_the_field()
    {
        var queue = await QueueAsync("invalid");

        var priority = await Assert.ThrowsAsync<ValidationException>(() => Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { Priority = -1 }));
        AssertProblem(priority, 400, "urn:actormq:problem:invalid", "priority");

        var inBatch = await Assert.ThrowsAsync<ValidationException>(() => Client.PublishBatchAsync(queue,
            [new(MessageBody.Json("1")), new(MessageBody.Json("2")) { Id = "bad id!" }]));
        Assert.Equal("messages[1].id", inBatch.Field);

        var both = await Assert.ThrowsAsync<ValidationException>(() => Client.PublishAsync(queue,
            new PublishMessage(MessageBody.Json("1")) { Delay = TimeSpan.FromSeconds(1), DeliverAt = DateTimeOffset.UtcNow }));
        Assert.Equal("deliverAt", both.Field);

        Assert.Equal("max", (await Assert.ThrowsAsync<ValidationException>(() => Client.ReceiveAsync(queue, maxMessages: 0))).Field);
        Assert.Equal("waitSeconds", (await Assert.ThrowsAsync<ValidationException>(() => Client.ReceiveAsync(queue, wait: TimeSpan.FromSeconds(21)))).Field);
        Assert.Equal("limit", (await Assert.ThrowsAsync<ValidationException>(() => Client.BrowseAsync(queue, limit: 0))).Field);
        Assert.Equal("queue", (await Assert.ThrowsAsync<ValidationException>(() => Client.GetQueueAsync("bad name!"))).Field);
        Assert.Equal("visibilityTimeoutSeconds", (await Assert.ThrowsAsync<ValidationException>(() =>
            Client.CreateOrUpdateQueueAsync(queue, new QueueSettings { VisibilityTimeout = TimeSpan.Zero }))).Field);
        Assert.Equal("delaySeconds", (await Assert.ThrowsAsync<ValidationException>(() => Client.NackAsync(queue, "m", "t", TimeSpan.FromSeconds(1), deadLetter: true))).Field);

        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Totals.Published);
    }

    [Fact]
    public async Task A_stale_lease_must_be_a_StaleLeaseException_and_change_nothing()
    {
        var queue = await QueueAsync("stale");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var received = Assert.Single(await Client.ReceiveAsync(queue));

        var ack = await Assert.ThrowsAsync<StaleLeaseException>(() => Client.AckAsync(queue, received.Id, received.Lease.Token + "x"));
        AssertProblem(ack, 409, "urn:actormq:problem:stale-lease", "token");
        Assert.IsAssignableFrom<ConflictException>(ack);
        await Assert.ThrowsAsync<StaleLeaseException>(() => Client.NackAsync(queue, received.Id, "wrong"));
        await Assert.ThrowsAsync<StaleLeaseException>(() => Client.ExtendLeaseAsync(queue, received.Id, "wrong"));

        Assert.Equal(new QueueCounts(0, 0, 0, 1), (await Client.GetQueueAsync(queue)).Counts);
        await Client.AckAsync(received);
    }

    [Fact]
    public async Task An_expired_lease_must_be_stale()
    {
        var queue = await QueueAsync("expired-lease");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var first = Assert.Single(await Client.ReceiveAsync(queue, visibilityTimeout: TimeSpan.FromSeconds(0.2)));

        // Once the lease has run out the message is ready again; a second receive holds a newer lease.
        ReceivedMessage? second = null;
        await Eventually.TrueAsync(async () => (second = (await Client.ReceiveAsync(queue)).SingleOrDefault()) is not null, Patience, "the message is delivered again");

        await Assert.ThrowsAsync<StaleLeaseException>(() => Client.AckAsync(first));
        Assert.Equal(2, second!.ReceiveCount);
        await Client.AckAsync(second);
    }

    [Fact]
    public async Task A_conflict_that_is_not_a_lease_must_be_a_ConflictException()
    {
        var queue = await QueueAsync("conflict");
        await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { Id = "taken" });

        var taken = await Assert.ThrowsAsync<ConflictException>(() => Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("2")) { Id = "taken" }));
        Assert.IsNotType<StaleLeaseException>(taken);
        AssertProblem(taken, 409, "urn:actormq:problem:conflict", field: "id");

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        var inflight = await Assert.ThrowsAsync<ConflictException>(() => Client.EditMessageAsync(queue, "taken", new MessageEdit { Priority = 1 }));
        Assert.IsNotType<StaleLeaseException>(inflight);
        await Client.AckAsync(received);
    }

    [Fact]
    public async Task A_version_mismatch_must_be_a_PreconditionFailedException()
    {
        var queue = await QueueAsync("if-match");
        var id = (await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { Delay = TimeSpan.FromHours(1) })).Id;
        var version = (await Client.GetMessageAsync(queue, id)).Version;

        var edit = await Assert.ThrowsAsync<PreconditionFailedException>(() => Client.EditMessageAsync(queue, id, new MessageEdit { Priority = 1 }, ifMatchVersion: version + 1));
        AssertProblem(edit, 412, "urn:actormq:problem:precondition-failed");
        await Assert.ThrowsAsync<PreconditionFailedException>(() => Client.CancelMessageAsync(queue, id, ifMatchVersion: version + 1));

        var unchanged = await Client.GetMessageAsync(queue, id);
        Assert.Equal(version, unchanged.Version);
        Assert.Equal(100, unchanged.Priority);
    }

    [Fact]
    public async Task A_body_over_maxMessageBytes_must_be_a_PayloadTooLargeException()
    {
        var queue = await QueueAsync("too-large", new QueueSettings { MaxMessageBytes = 10 });
        await Client.PublishAsync(queue, MessageBody.Binary(new byte[10]));

        var e = await Assert.ThrowsAsync<PayloadTooLargeException>(() => Client.PublishAsync(queue, MessageBody.Binary(new byte[11])));

        AssertProblem(e, 413, "urn:actormq:problem:too-large");
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => Client.PublishAsync(queue, MessageBody.Text("ten chars!")));
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Counts.Ready);
    }

    [Fact]
    public async Task A_publish_beyond_maxDepth_must_be_a_QueueFullException_storing_nothing()
    {
        var queue = await QueueAsync("full", new QueueSettings { MaxDepth = 2 });
        await Client.PublishAsync(queue, MessageBody.Json("1"));

        var batch = await Assert.ThrowsAsync<QueueFullException>(() => Client.PublishBatchAsync(queue, [new(MessageBody.Json("2")), new(MessageBody.Json("3"))]));
        AssertProblem(batch, 429, "urn:actormq:problem:queue-full");
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Counts.Ready);

        await Client.PublishAsync(queue, MessageBody.Json("2"));
        await Assert.ThrowsAsync<QueueFullException>(() => Client.PublishAsync(queue, MessageBody.Json("3")));
        Assert.Equal(2, (await Client.GetQueueAsync(queue)).Counts.Ready);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_must_be_an_UnavailableException()
    {
        // A loopback port that nothing listens on.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var client = ClientOf(port);

        var e = await Assert.ThrowsAsync<UnavailableException>(() => client.Client.ListQueuesAsync());

        Assert.Null(e.Status);
        Assert.NotNull(e.InnerException);
        if (Transport == ClientTransport.Http)
        {
            Assert.IsType<HttpRequestException>(e.InnerException);
        }

        Assert.Contains($"127.0.0.1:{port}", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_request_must_throw_OperationCanceledException()
    {
        var queue = await QueueAsync("cancelled");
        using var cancel = new CancellationTokenSource();

        var poll = Client.ReceiveAsync(queue, wait: TimeSpan.FromSeconds(20), cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => poll.WaitAsync(Patience));
    }

    [Fact]
    public void Exceptions_must_read_as_status_title_and_detail()
    {
        var e = new ValidationException(new ActorMqProblem(400, "urn:actormq:problem:invalid", "Invalid request", "'priority' must be 0 or more.", "priority"));

        Assert.Equal("400 Invalid request: 'priority' must be 0 or more.", e.Message);
        Assert.Equal("priority", e.Field);
        Assert.Equal("urn:actormq:problem:invalid", e.ProblemType);
    }

    private static void AssertProblem(ActorMqException e, int status, string type, string? field = "*any*")
    {
        Assert.Equal(status, e.Status);
        Assert.Equal(type, e.ProblemType);
        Assert.False(string.IsNullOrWhiteSpace(e.Detail));
        Assert.False(string.IsNullOrWhiteSpace(e.Problem.Title));
        Assert.Contains(e.Detail, e.Message, StringComparison.Ordinal);
        if (field != "*any*")
        {
            Assert.Equal(field, e.Field);
        }
    }
}

/// <summary><see cref="ErrorSpecs"/> over <see cref="ActorMqHttpClient"/>.</summary>
public sealed class ErrorSpecsOverHttp(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : ErrorSpecs(shared, akka, output, ClientTransport.Http);

/// <summary><see cref="ErrorSpecs"/> over <see cref="ActorMqAkkaClient"/>.</summary>
public sealed class ErrorSpecsOverAkka(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : ErrorSpecs(shared, akka, output, ClientTransport.Akka);
