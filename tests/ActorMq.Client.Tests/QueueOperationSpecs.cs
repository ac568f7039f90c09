using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>Queue administration through the HTTP client: create, update, get, list, purge, sweep, redrive, delete.</summary>
public abstract class QueueOperationSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : ClientSpecs(shared, akka, output, transport)
{
    [Fact]
    public async Task CreateOrUpdate_must_create_then_replace_every_setting()
    {
        var queue = NewQueue("settings");
        var settings = new QueueSettings
        {
            VisibilityTimeout = TimeSpan.FromSeconds(45.5),
            MaxReceives = 3,
            DeadLetterQueue = queue + "-dead",
            RetryDelay = TimeSpan.FromSeconds(2),
            MessageTtl = TimeSpan.FromHours(1),
            DeadLetterExpired = true,
            DefaultPriority = 7,
            DedupWindow = TimeSpan.FromSeconds(60),
            MaxMessageBytes = 1000,
            MaxDepth = 50,
        };

        var created = await Client.CreateOrUpdateQueueAsync(queue, settings);

        Assert.True(created.Created);
        Assert.Equal(queue, created.Queue.Name);
        Assert.Equal(settings, created.Queue.Settings);
        Assert.Equal(new QueueCounts(0, 0, 0, 0), created.Queue.Counts);
        Assert.Equal(new QueueTotals(0, 0, 0, 0, 0), created.Queue.Totals);

        // PUT replaces the whole object: what is not given takes its default.
        var updated = await Client.CreateOrUpdateQueueAsync(queue, new QueueSettings { MaxReceives = 5 });
        Assert.False(updated.Created);
        Assert.Equal(new QueueSettings { MaxReceives = 5, DeadLetterQueue = queue + ".dlq" }, updated.Queue.Settings);
        Assert.Equal(updated.Queue, await Client.GetQueueAsync(queue));
    }

    [Fact]
    public async Task Settings_read_from_GET_must_go_back_to_PUT_unchanged()
    {
        var queue = await QueueAsync("roundtrip", new QueueSettings { VisibilityTimeout = TimeSpan.FromMilliseconds(1500), MessageTtl = TimeSpan.FromSeconds(0.25) });
        var read = (await Client.GetQueueAsync(queue)).Settings;

        var again = await Client.CreateOrUpdateQueueAsync(queue, read);

        Assert.Equal(read, again.Queue.Settings);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), read.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(0.25), read.MessageTtl);
        Assert.Equal(queue + ".dlq", read.DeadLetterQueue);
    }

    [Fact]
    public async Task A_queue_with_default_settings_must_show_the_documented_defaults()
    {
        var queue = await QueueAsync("defaults");

        var settings = (await Client.GetQueueAsync(queue)).Settings;

        Assert.Equal(new QueueSettings { DeadLetterQueue = queue + ".dlq" }, settings);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.VisibilityTimeout);
        Assert.Null(settings.MaxDepth);
    }

    [Fact]
    public async Task List_must_show_queues_with_their_counts_and_totals()
    {
        var queue = await QueueAsync("listed");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        await Client.PublishAsync(queue, new PublishMessage(MessageBody.Json("2")) { Delay = TimeSpan.FromHours(1) });

        var listed = Assert.Single(await Client.ListQueuesAsync(), q => q.Name == queue);

        Assert.Equal(new QueueCounts(1, 1, 0, 0), listed.Counts);
        Assert.Equal(2, listed.Counts.Total);
        Assert.Equal(2, listed.Totals.Published);
    }

    [Fact]
    public async Task Delete_must_remove_the_queue_and_its_messages()
    {
        var queue = await QueueAsync("deleted");
        await Client.PublishAsync(queue, MessageBody.Json("1"));

        await Client.DeleteQueueAsync(queue);

        await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.GetQueueAsync(queue));
        Assert.DoesNotContain(await Client.ListQueuesAsync(), q => q.Name == queue);
    }

    [Fact]
    public async Task Purge_must_remove_every_live_message_and_say_how_many()
    {
        var queue = await QueueAsync("purged");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")), new(MessageBody.Json("2")), new(MessageBody.Json("3")) { Delay = TimeSpan.FromHours(1) }]);
        Assert.Single(await Client.ReceiveAsync(queue));

        Assert.Equal(3, await Client.PurgeQueueAsync(queue));

        Assert.Equal(new QueueCounts(0, 0, 0, 0), (await Client.GetQueueAsync(queue)).Counts);
        Assert.Equal(0, await Client.PurgeQueueAsync(queue));
    }

    [Fact]
    public async Task Sweep_must_remove_expired_messages_and_say_how_many()
    {
        var queue = await QueueAsync("swept", new QueueSettings { MessageTtl = TimeSpan.FromSeconds(0.5) });
        await Client.PublishAsync(queue, MessageBody.Json("1"));

        // The message expires half a second after it was published; sweep until it is gone.
        long expired = 0;
        await Eventually.TrueAsync(async () => (expired += await Client.SweepQueueAsync(queue)) == 1, Patience, "the message expired and was swept");

        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(0, info.Counts.Total);
        Assert.Equal(1, info.Totals.Expired);
    }

    [Fact]
    public async Task Redrive_must_move_dead_letters_back_to_their_queue()
    {
        var queue = await QueueAsync("redriven");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("\"poison\""))).Id;
        var received = Assert.Single(await Client.ReceiveAsync(queue));
        await Client.NackAsync(received, deadLetter: true);
        await CountsAsync(queue + ".dlq", c => c.Ready == 1, "the dead letter arrived");

        var moved = await Client.RedriveAsync(queue + ".dlq");

        Assert.Equal(1, moved);
        var back = await Client.GetMessageAsync(queue, id);
        Assert.Equal(MessageState.Ready, back.State);
        Assert.Equal(0, back.ReceiveCount);
        Assert.Equal("\"poison\"", back.Body.AsJson());
    }

    [Fact]
    public async Task Redrive_must_honour_to_and_max()
    {
        var queue = await QueueAsync("redrive-to");
        var other = await QueueAsync("redrive-other");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")), new(MessageBody.Json("2"))]);
        foreach (var m in await Client.ReceiveAsync(queue, maxMessages: 2))
        {
            await Client.NackAsync(m, deadLetter: true);
        }

        await CountsAsync(queue + ".dlq", c => c.Ready == 2, "both dead letters arrived");

        Assert.Equal(1, await Client.RedriveAsync(queue + ".dlq", to: other, max: 1));

        Assert.Equal(1, (await Client.GetQueueAsync(other)).Counts.Ready);
        Assert.Equal(1, (await Client.GetQueueAsync(queue + ".dlq")).Counts.Ready);
    }
}

/// <summary><see cref="QueueOperationSpecs"/> over <see cref="ActorMqHttpClient"/>.</summary>
public sealed class QueueOperationSpecsOverHttp(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : QueueOperationSpecs(shared, akka, output, ClientTransport.Http);

/// <summary><see cref="QueueOperationSpecs"/> over <see cref="ActorMqAkkaClient"/>.</summary>
public sealed class QueueOperationSpecsOverAkka(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : QueueOperationSpecs(shared, akka, output, ClientTransport.Akka);
