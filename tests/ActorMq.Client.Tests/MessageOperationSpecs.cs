using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>
/// Message operations through the HTTP client: publish (one, batch, every option), receive, pop, browse, get, edit,
/// cancel, ack (one, batch), nack, extend.
/// </summary>
public abstract class MessageOperationSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : ClientSpecs(shared, akka, output, transport)
{
    [Fact]
    public async Task Publish_must_store_every_property_and_receive_must_return_it_with_a_lease()
    {
        var queue = await QueueAsync("publish");
        var message = new PublishMessage(MessageBody.Json("""{"orderId": 42}"""))
        {
            Id = "order-42",
            Priority = 3,
            DeliverAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            TimeToLive = TimeSpan.FromHours(1),
            Headers = new Dictionary<string, string> { ["source"] = "billing", ["trace"] = "abc" },
            ContentType = "application/json",
        };

        var published = await Client.PublishAsync(queue, message);

        Assert.Equal(new PublishResult("order-42", MessageState.Ready, published.DeliverAt, Duplicate: false), published);
        var before = DateTimeOffset.UtcNow;
        var received = Assert.Single(await Client.ReceiveAsync(queue, visibilityTimeout: TimeSpan.FromSeconds(60)));
        Assert.Equal(queue, received.Queue);
        Assert.Equal("order-42", received.Id);
        Assert.Equal("""{"orderId": 42}""", received.Body.AsJson());
        Assert.Equal(3, received.Priority);
        Assert.Equal(message.Headers, received.Headers);
        Assert.Equal("application/json", received.ContentType);
        Assert.Equal(1, received.ReceiveCount);
        Assert.NotNull(received.FirstReceivedAt);
        Assert.False(string.IsNullOrEmpty(received.Lease.Token));
        Assert.InRange(received.Lease.ExpiresAt, before.AddSeconds(50), before.AddSeconds(70));
        Assert.Equal(TimeSpan.Zero, received.PublishedAt.Offset);
    }

    [Fact]
    public async Task Publish_with_a_delay_must_schedule_the_message()
    {
        var queue = await QueueAsync("scheduled");

        var published = await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { Delay = TimeSpan.FromHours(1) });

        Assert.Equal(MessageState.Scheduled, published.State);
        Assert.InRange(published.DeliverAt!.Value, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(70));
        Assert.Empty(await Client.ReceiveAsync(queue));
        var page = await Client.BrowseAsync(queue, MessageState.Scheduled);
        Assert.Equal(published.Id, Assert.Single(page.Messages).Id);
    }

    [Fact]
    public async Task A_second_publish_with_the_same_dedup_id_must_be_a_duplicate_of_the_first()
    {
        var queue = await QueueAsync("dedup");

        var first = await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("1")) { DedupId = "once" });
        var second = await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("2")) { DedupId = "once" });

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, (await Client.GetQueueAsync(queue)).Counts.Ready);
    }

    [Fact]
    public async Task A_batch_must_be_published_in_order_with_a_result_each()
    {
        var queue = await QueueAsync("batch");
        PublishMessage[] batch =
        [
            new(MessageBody.Json("1")) { Id = "a" },
            new(MessageBody.Json("2")) { Id = "b", Delay = TimeSpan.FromHours(1) },
            new(MessageBody.Json("3")) { Id = "c", DedupId = "d" },
            new(MessageBody.Json("4")) { DedupId = "d" },
        ];

        var results = await Client.PublishBatchAsync(queue, batch);

        Assert.Equal(["a", "b", "c", "c"], results.Select(r => r.Id));
        Assert.Equal([MessageState.Ready, MessageState.Scheduled, MessageState.Ready, MessageState.Ready], results.Select(r => r.State));
        Assert.Equal([false, false, false, true], results.Select(r => r.Duplicate));
        Assert.Equal(["a", "c"], (await Client.ReceiveAsync(queue, maxMessages: 10)).Select(m => m.Id));
    }

    [Fact]
    public async Task Receive_must_deliver_by_priority_then_publish_order_up_to_max()
    {
        var queue = await QueueAsync("order");
        await Client.PublishBatchAsync(queue,
        [
            new(MessageBody.Json("1")) { Id = "p10-a", Priority = 10 },
            new(MessageBody.Json("2")) { Id = "p9", Priority = 9 },
            new(MessageBody.Json("3")) { Id = "p10-b", Priority = 10 },
            new(MessageBody.Json("4")) { Id = "p0", Priority = 0 },
        ]);

        var first = await Client.ReceiveAsync(queue, maxMessages: 3);
        var rest = await Client.ReceiveAsync(queue, maxMessages: 3);

        Assert.Equal(["p0", "p9", "p10-a"], first.Select(m => m.Id));
        Assert.Equal(["p10-b"], rest.Select(m => m.Id));
        Assert.Empty(await Client.ReceiveAsync(queue));
    }

    [Fact]
    public async Task A_long_poll_must_return_a_message_published_while_it_waits()
    {
        var queue = await QueueAsync("long-poll");

        var poll = Client.ReceiveAsync(queue, wait: TimeSpan.FromSeconds(20));
        await Client.PublishAsync(queue, MessageBody.Json("\"late\""));

        var received = Assert.Single(await poll.WaitAsync(Patience));
        Assert.Equal("late", received.Body.AsText());
    }

    [Fact]
    public async Task Pop_must_remove_what_it_returns()
    {
        var queue = await QueueAsync("pop");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")) { Id = "x" }, new(MessageBody.Json("2")) { Id = "y" }]);

        var popped = await Client.PopAsync(queue, maxMessages: 5);

        Assert.Equal(["x", "y"], popped.Select(m => m.Id));
        Assert.All(popped, m => Assert.Equal(queue, m.Queue));
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
        Assert.Empty(await Client.PopAsync(queue));
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.GetMessageAsync(queue, "x"));
    }

    [Fact]
    public async Task Browse_must_page_through_a_state_with_the_next_cursor_and_change_nothing()
    {
        var queue = await QueueAsync("browse");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 5).Select(i => new PublishMessage(MessageBody.Json($"{i}")) { Id = $"m{i}" }).ToArray());

        var ids = new List<string>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var result = await Client.BrowseAsync(queue, MessageState.Ready, limit: 2, after: after);
            Assert.InRange(result.Messages.Count, 1, 2);
            Assert.All(result.Messages, m => Assert.Equal(MessageState.Ready, m.State));
            ids.AddRange(result.Messages.Select(m => m.Id));
            after = result.Next;
            if (after is null)
            {
                break;
            }
        }

        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], ids);
        Assert.Equal(5, (await Client.GetQueueAsync(queue)).Counts.Ready);
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Totals.Delivered);
    }

    [Fact]
    public async Task Browse_of_inflight_messages_must_show_the_lease_expiry_but_no_token()
    {
        var queue = await QueueAsync("browse-inflight");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var received = Assert.Single(await Client.ReceiveAsync(queue));

        var browsed = Assert.Single((await Client.BrowseAsync(queue, MessageState.Inflight)).Messages);

        Assert.Equal(received.Id, browsed.Id);
        Assert.Equal(MessageState.Inflight, browsed.State);
        Assert.Equal(received.Lease.ExpiresAt, browsed.LeaseExpiresAt);
        Assert.Empty((await Client.BrowseAsync(queue)).Messages);
    }

    [Fact]
    public async Task Get_edit_and_cancel_must_use_the_version_as_ETag()
    {
        var queue = await QueueAsync("edit");
        await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("\"v1\"")) { Id = "later", Delay = TimeSpan.FromHours(1), Headers = new Dictionary<string, string> { ["a"] = "1" } });

        var got = await Client.GetMessageAsync(queue, "later");
        Assert.Equal(MessageState.Scheduled, got.State);
        var reply = await Api.GetAsync($"v1/queues/{queue}/messages/later");
        Assert.Equal(reply.ETag, got.ETag);

        var dueAt = DateTimeOffset.UtcNow.AddHours(2);
        var edited = await Client.EditMessageAsync(
            queue,
            "later",
            new MessageEdit { DeliverAt = dueAt, Priority = 1, Body = MessageBody.Text("v2"), Headers = new Dictionary<string, string> { ["b"] = "2" }, ContentType = "text/plain" },
            ifMatchVersion: got.Version);

        Assert.True(edited.Version > got.Version);
        Assert.Equal(1, edited.Priority);
        Assert.Equal("v2", edited.Body.AsText());
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, edited.Headers);
        Assert.Equal("text/plain", edited.ContentType);
        Assert.Equal(dueAt.UtcTicks, edited.DeliverAt!.Value.UtcTicks);
        var reread = await Client.GetMessageAsync(queue, "later");
        Assert.Equal((edited.Version, edited.Body, edited.Priority), (reread.Version, reread.Body, reread.Priority));

        // A delay instead of an instant, without a condition.
        var delayed = await Client.EditMessageAsync(queue, "later", new MessageEdit { Delay = TimeSpan.FromMinutes(5) });
        Assert.InRange(delayed.DeliverAt!.Value, DateTimeOffset.UtcNow.AddMinutes(4), DateTimeOffset.UtcNow.AddMinutes(6));

        await Client.CancelMessageAsync(queue, "later", ifMatchVersion: delayed.Version);
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.GetMessageAsync(queue, "later"));
    }

    [Fact]
    public async Task Cancel_without_a_version_must_delete_a_ready_message()
    {
        var queue = await QueueAsync("cancel");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;

        await Client.CancelMessageAsync(queue, id);

        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
    }

    [Fact]
    public async Task Ack_must_remove_the_message_for_good()
    {
        var queue = await QueueAsync("ack");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var received = Assert.Single(await Client.ReceiveAsync(queue));

        await Client.AckAsync(queue, received.Id, received.Lease.Token);

        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(0, info.Counts.Total);
        Assert.Equal(1, info.Totals.Acked);
        await Assert.ThrowsAsync<MessageNotFoundException>(() => Client.AckAsync(received));
    }

    [Fact]
    public async Task A_batch_ack_must_answer_each_lease_on_its_own()
    {
        var queue = await QueueAsync("ack-batch");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")) { Id = "one" }, new(MessageBody.Json("2")) { Id = "two" }]);
        var received = await Client.ReceiveAsync(queue, maxMessages: 2);

        var results = await Client.AckBatchAsync(queue, [LeaseReference.Of(received[0]), new LeaseReference("two", "not-the-token")]);

        Assert.Equal(new AckResult("one", true, null, null), results[0]);
        Assert.Equal("two", results[1].MessageId);
        Assert.False(results[1].Acked);
        Assert.Equal(409, results[1].Status);
        Assert.False(string.IsNullOrWhiteSpace(results[1].Detail));
        Assert.Equal(new QueueCounts(0, 0, 0, 1), (await Client.GetQueueAsync(queue)).Counts);
    }

    [Fact]
    public async Task Nack_must_make_the_message_ready_again_keeping_its_place()
    {
        var queue = await QueueAsync("nack");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")) { Id = "first" }, new(MessageBody.Json("2")) { Id = "second" }]);
        var first = Assert.Single(await Client.ReceiveAsync(queue));

        await Client.NackAsync(queue, first.Id, first.Lease.Token);

        var again = await Client.ReceiveAsync(queue, maxMessages: 2);
        Assert.Equal(["first", "second"], again.Select(m => m.Id));
        Assert.Equal(2, again[0].ReceiveCount);
    }

    [Fact]
    public async Task Nack_with_a_delay_must_delay_the_message()
    {
        var queue = await QueueAsync("nack-delay");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var received = Assert.Single(await Client.ReceiveAsync(queue));

        await Client.NackAsync(received, delay: TimeSpan.FromHours(1));

        var delayed = Assert.Single((await Client.BrowseAsync(queue, MessageState.Delayed)).Messages);
        Assert.InRange(delayed.DelayedUntil!.Value, DateTimeOffset.UtcNow.AddMinutes(50), DateTimeOffset.UtcNow.AddMinutes(70));
        Assert.Empty(await Client.ReceiveAsync(queue));
    }

    [Fact]
    public async Task Nack_with_dead_letter_must_move_the_message_to_the_dead_letter_queue()
    {
        var queue = await QueueAsync("nack-dead");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        var received = Assert.Single(await Client.ReceiveAsync(queue));

        await Client.NackAsync(received, deadLetter: true);

        await CountsAsync(queue + ".dlq", c => c.Ready == 1, "the dead letter arrived");
        var dead = await Client.GetMessageAsync(queue + ".dlq", id);
        Assert.Equal("nack", dead.Headers["x-dead-letter-reason"]);
        Assert.Equal(queue, dead.Headers["x-dead-letter-source"]);
    }

    [Fact]
    public async Task Extend_must_move_the_lease_expiry_and_keep_the_token()
    {
        var queue = await QueueAsync("extend");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var received = Assert.Single(await Client.ReceiveAsync(queue, visibilityTimeout: TimeSpan.FromSeconds(10)));

        var expiresAt = await Client.ExtendLeaseAsync(queue, received.Id, received.Lease.Token, TimeSpan.FromMinutes(10));

        Assert.True(expiresAt > received.Lease.ExpiresAt.AddMinutes(9), $"{expiresAt:O} vs {received.Lease.ExpiresAt:O}");
        Assert.Equal(expiresAt, (await Client.GetMessageAsync(queue, received.Id)).LeaseExpiresAt);
        var byQueueDefault = await Client.ExtendLeaseAsync(received);
        Assert.True(byQueueDefault < expiresAt);
        await Client.AckAsync(received);
    }
}

/// <summary><see cref="MessageOperationSpecs"/> over <see cref="ActorMqHttpClient"/>.</summary>
public sealed class MessageOperationSpecsOverHttp(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : MessageOperationSpecs(shared, akka, output, ClientTransport.Http);

/// <summary><see cref="MessageOperationSpecs"/> over <see cref="ActorMqAkkaClient"/>.</summary>
public sealed class MessageOperationSpecsOverAkka(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : MessageOperationSpecs(shared, akka, output, ClientTransport.Akka);
