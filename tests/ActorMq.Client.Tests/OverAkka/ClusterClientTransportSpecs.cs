using Xunit.Abstractions;

namespace ActorMq.Client.Tests.OverAkka;

/// <summary>
/// The Akka client through ClusterClient and the node's receptionist (the shared suites use the direct transport):
/// every kind of operation and answer once, and errors mapped as over HTTP.
/// </summary>
public sealed class ClusterClientTransportSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : ClientSpecs(shared, akka, output, ClientTransport.Akka)
{
    private readonly ActorMqAkkaClient _client = akka.For(shared.Node.AkkaPort, AkkaTransport.ClusterClient);

    [Fact]
    public async Task Every_kind_of_operation_must_work_through_the_receptionist()
    {
        var queue = NewQueue("cc");

        var created = await _client.CreateOrUpdateQueueAsync(queue, new QueueSettings { MaxReceives = 3 });
        Assert.True(created.Created);
        var published = await _client.PublishBatchAsync(queue, [new(MessageBody.Json("1")) { Id = "a" }, new(MessageBody.Text("two")) { Id = "b", Delay = TimeSpan.FromHours(1) }]);
        Assert.Equal([MessageState.Ready, MessageState.Scheduled], published.Select(p => p.State));

        var received = Assert.Single(await _client.ReceiveAsync(queue, maxMessages: 10));
        Assert.Equal("a", received.Id);
        Assert.True(received.Lease.ExpiresAt > await _client.ExtendLeaseAsync(queue, received.Id, received.Lease.Token, TimeSpan.FromSeconds(1)) - TimeSpan.FromMinutes(1));
        await _client.AckAsync(queue, received.Id, received.Lease.Token);

        var scheduled = Assert.Single((await _client.BrowseAsync(queue, MessageState.Scheduled)).Messages);
        var edited = await _client.EditMessageAsync(queue, scheduled.Id, new MessageEdit { Delay = TimeSpan.Zero }, scheduled.Version);
        Assert.Equal(MessageState.Ready, edited.State);
        Assert.Equal("two", Assert.Single(await _client.PopAsync(queue)).Body.AsText());

        var info = Assert.Single(await _client.ListQueuesAsync(), q => q.Name == queue);
        Assert.Equal(2, info.Totals.Published);
        Assert.Equal(info, await _client.GetQueueAsync(queue));
        Assert.Equal(0, await _client.PurgeQueueAsync(queue));
        await _client.DeleteQueueAsync(queue);
    }

    [Fact]
    public async Task Errors_must_be_the_typed_exceptions_of_the_HTTP_client()
    {
        var queue = NewQueue("cc-errors");

        var missing = await Assert.ThrowsAsync<QueueNotFoundException>(() => _client.GetQueueAsync(queue));
        Assert.Equal((404, "urn:actormq:problem:not-found", "queue"), (missing.Status, missing.ProblemType, missing.Field));
        var invalid = await Assert.ThrowsAsync<ValidationException>(() => _client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { Priority = -1 }));
        Assert.Equal("priority", invalid.Field);
        await _client.CreateOrUpdateQueueAsync(queue);
        await Assert.ThrowsAsync<MessageNotFoundException>(() => _client.GetMessageAsync(queue, "nope"));
        var id = (await _client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        await Assert.ThrowsAsync<StaleLeaseException>(() => _client.AckAsync(queue, id, "stale"));
    }

    [Fact]
    public async Task A_long_poll_must_be_answered_through_the_receptionist()
    {
        var queue = await QueueAsync("cc-poll");

        var poll = _client.ReceiveAsync(queue, wait: TimeSpan.FromSeconds(20));
        await Client.PublishAsync(queue, MessageBody.Text("late"));

        Assert.Equal("late", Assert.Single(await poll.WaitAsync(Patience)).Body.AsText());
    }
}
