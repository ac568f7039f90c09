using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>
/// The push consumer over each transport of the client against a real node: acks and nacks, redelivery and dead letters, lease
/// extension for slow handlers, the concurrency and prefetch bounds, and graceful stop. Handlers that must wait hold
/// on a gate the test opens; every wait is bounded.
/// </summary>
public abstract class SubscriptionSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : ClientSpecs(shared, akka, output, transport)
{
    private readonly ConcurrentQueue<SubscriptionError> _errors = new();

    [Fact]
    public async Task Handled_messages_must_each_be_acked_once()
    {
        var queue = await QueueAsync("sub-ack");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 10).Select(i => new PublishMessage(MessageBody.Json($"{i}")) { Id = $"m{i}" }).ToArray());
        var counting = new CountingClient(Client);
        var handled = new ConcurrentQueue<string>();

        await using (var subscription = await SubscribeAsync(counting, queue, (m, _) =>
        {
            handled.Enqueue(m.Id);
            return Task.CompletedTask;
        }, new SubscriptionOptions { MaxConcurrency = 2, Prefetch = 4 }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 10), Patience, "all ten acked");
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}").Order(), handled.Order());
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(0, info.Counts.Total);
        Assert.Equal(10, info.Totals.Acked);
        Assert.Equal(10, info.Totals.Delivered);
        Assert.Empty(counting.Nacked);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task A_handler_that_throws_must_nack_so_the_message_comes_again()
    {
        var queue = await QueueAsync("sub-retry");
        await Client.PublishAsync(queue, MessageBody.Text("flaky"));
        var counting = new CountingClient(Client);
        var deliveries = new ConcurrentQueue<int>();

        await using (await SubscribeAsync(counting, queue, (m, _) =>
        {
            deliveries.Enqueue(m.ReceiveCount);
            return m.ReceiveCount == 1 ? throw new InvalidOperationException("first try fails") : Task.CompletedTask;
        }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 1), Patience, "acked on the second delivery");
        }

        Assert.Equal([1, 2], deliveries);
        Assert.Single(counting.Nacked);
        var error = Assert.Single(_errors);
        Assert.Equal(SubscriptionErrorSource.Handler, error.Source);
        Assert.Equal("first try fails", error.Exception.Message);
        Assert.Equal(1, error.Message!.ReceiveCount);
    }

    [Fact]
    public async Task A_handler_that_always_throws_must_see_its_message_dead_lettered_after_maxReceives()
    {
        var queue = await QueueAsync("sub-poison", new QueueSettings { MaxReceives = 3 });
        var id = (await Client.PublishAsync(queue, MessageBody.Text("poison"))).Id;
        var calls = 0;

        await using (await SubscribeAsync(Client, queue, (_, _) =>
        {
            Interlocked.Increment(ref calls);
            throw new InvalidOperationException("always fails");
        }))
        {
            await CountsAsync(queue + ".dlq", c => c.Ready == 1, "the message is dead-lettered");
        }

        Assert.Equal(3, calls);
        var dead = await Client.GetMessageAsync(queue + ".dlq", id);
        Assert.Equal("maxReceives", dead.Headers["x-dead-letter-reason"]);
        Assert.Equal("poison", dead.Body.AsText());
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
    }

    [Fact]
    public async Task A_retry_delay_must_delay_the_nacked_message()
    {
        var queue = await QueueAsync("sub-delay");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        var counting = new CountingClient(Client);

        await using (await SubscribeAsync(counting, queue, (_, _) => throw new InvalidOperationException("later"), new SubscriptionOptions { RetryDelay = TimeSpan.FromHours(1) }))
        {
            await CountsAsync(queue, c => c.Delayed == 1, "the message is delayed");
        }

        Assert.Equal((id, (TimeSpan?)TimeSpan.FromHours(1)), Assert.Single(counting.Nacked));
        var delayed = await Client.GetMessageAsync(queue, id);
        Assert.Equal(MessageState.Delayed, delayed.State);
        Assert.True(delayed.DelayedUntil > DateTimeOffset.UtcNow.AddMinutes(50));
    }

    [Fact]
    public async Task A_slow_handler_must_keep_its_lease_and_never_see_its_message_again()
    {
        var queue = await QueueAsync("sub-slow");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        var counting = new CountingClient(Client);
        var calls = 0;
        DateTimeOffset? extendedTo = null;

        await using (await SubscribeAsync(counting, queue, async (m, token) =>
        {
            Interlocked.Increment(ref calls);

            // Work for longer than two lease periods: until the lease was extended twice.
            var deadline = DateTimeOffset.UtcNow + Patience;
            while (counting.Extended.Count < 2 && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(50, token);
            }

            extendedTo = (await Client.GetMessageAsync(queue, m.Id, token)).LeaseExpiresAt;
            Assert.True(extendedTo > m.Lease.ExpiresAt, $"lease {m.Lease.ExpiresAt:O} extended to {extendedTo:O}");
        }, new SubscriptionOptions { VisibilityTimeout = TimeSpan.FromSeconds(5) }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 1), Patience, "acked after the long handler");
        }

        Assert.Equal(1, calls);
        Assert.True(counting.Extended.Count >= 2);
        Assert.All(counting.Extended, extended => Assert.Equal(id, extended));
        var info = await Client.GetQueueAsync(queue);
        Assert.Equal(1, info.Totals.Delivered);
        Assert.Equal(1, info.Totals.Acked);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task A_handler_whose_lease_runs_out_must_have_its_token_cancelled()
    {
        var queue = await QueueAsync("sub-lost");
        await Client.PublishAsync(queue, MessageBody.Json("1"));
        var counting = new CountingClient(Client);
        var firstCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // No extension at all: the lease ends after its second and the handler hears of it.
        var options = new SubscriptionOptions { VisibilityTimeout = TimeSpan.FromSeconds(1), MaxAutoExtendDuration = TimeSpan.Zero };
        await using (await SubscribeAsync(counting, queue, async (m, token) =>
        {
            if (m.ReceiveCount == 1)
            {
                try
                {
                    await Task.Delay(Patience, token);
                }
                catch (OperationCanceledException)
                {
                    firstCancelled.TrySetResult();
                    throw;
                }
            }
        }, options))
        {
            await firstCancelled.Task.WaitAsync(Patience);
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 1), Patience, "the second delivery is acked");
        }

        Assert.Empty(counting.Extended);
        Assert.Equal(0, (await Client.GetQueueAsync(queue)).Counts.Total);
    }

    [Fact]
    public async Task Handlers_must_never_run_more_than_MaxConcurrency_at_once()
    {
        const int maxConcurrency = 3;
        var queue = await QueueAsync("sub-concurrency");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 12).Select(i => new PublishMessage(MessageBody.Json($"{i}"))).ToArray());
        var counting = new CountingClient(Client);
        var gate = NewGate();
        var running = 0;
        var maxRunning = 0;

        await using (var subscription = await SubscribeAsync(counting, queue, async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            try
            {
                // The first handlers wait until all of them run at once; the test then lets everything through.
                await gate.Task.WaitAsync(Patience);
            }
            finally
            {
                Interlocked.Decrement(ref running);
            }
        }, new SubscriptionOptions { MaxConcurrency = maxConcurrency }))
        {
            await Eventually.TrueAsync(() => Task.FromResult(subscription.RunningHandlers == maxConcurrency), Patience, "three handlers run at once");
            gate.SetResult();
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 12), Patience, "all twelve acked");
        }

        Assert.Equal(maxConcurrency, maxRunning);
        Assert.True(counting.MaxHeld <= maxConcurrency, $"held {counting.MaxHeld}");
    }

    [Fact]
    public async Task Receives_must_never_ask_for_more_than_the_prefetch_credit_left()
    {
        const int prefetch = 5;
        var queue = await QueueAsync("sub-prefetch");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 20).Select(i => new PublishMessage(MessageBody.Json($"{i}"))).ToArray());
        var counting = new CountingClient(Client);
        var gate = NewGate();

        await using (var subscription = await SubscribeAsync(
            counting, queue, (_, _) => gate.Task.WaitAsync(Patience), new SubscriptionOptions { MaxConcurrency = 2, Prefetch = prefetch }))
        {
            // Two handlers run, three messages wait for them, and nothing more is leased.
            await Eventually.TrueAsync(
                async () => subscription.HeldCount == prefetch && subscription.RunningHandlers == 2 && (await Client.GetQueueAsync(queue)).Counts.Inflight == prefetch,
                Patience,
                "the subscription holds its full prefetch");
            Assert.Equal(15, (await Client.GetQueueAsync(queue)).Counts.Ready);

            gate.SetResult();
            await Eventually.TrueAsync(() => Task.FromResult(counting.Acked.Count == 20), Patience, "all twenty acked");
        }

        Assert.True(counting.MaxHeld <= prefetch, $"held {counting.MaxHeld}");
        Assert.All(counting.Receives, r => Assert.True(r.Held + r.Asked <= prefetch, $"asked for {r.Asked} while holding {r.Held}"));
    }

    [Fact]
    public async Task Stop_must_let_a_running_handler_finish_and_ack_and_receive_no_more()
    {
        var queue = await QueueAsync("sub-stop");
        await Client.PublishBatchAsync(queue, [new(MessageBody.Json("1")) { Id = "first" }, new(MessageBody.Json("2")) { Id = "second" }]);
        var counting = new CountingClient(Client);
        var gate = NewGate();

        var subscription = await SubscribeAsync(counting, queue, (_, _) => gate.Task.WaitAsync(Patience));
        await Eventually.TrueAsync(() => Task.FromResult(subscription.RunningHandlers == 1), Patience, "the handler runs");

        var stop = subscription.StopAsync();
        Assert.False(stop.IsCompleted, "the stop waits for the running handler");
        Assert.True(subscription.IsStopping);
        var receives = counting.ReceiveCalls;
        gate.SetResult();
        await stop.WaitAsync(Patience);

        Assert.Equal(["first"], counting.Acked);
        Assert.Equal(receives, counting.ReceiveCalls);
        var second = await Client.GetMessageAsync(queue, "second");
        Assert.Equal(MessageState.Ready, second.State);
        Assert.Equal(0, second.ReceiveCount);
        Assert.Equal(0, subscription.HeldCount);
        await subscription.DisposeAsync();
    }

    [Fact]
    public async Task Stop_must_release_waiting_messages_at_once()
    {
        var queue = await QueueAsync("sub-stop-waiting");
        await Client.PublishBatchAsync(queue, Enumerable.Range(0, 3).Select(i => new PublishMessage(MessageBody.Json($"{i}"))).ToArray());
        var counting = new CountingClient(Client);
        var gate = NewGate();

        await using var subscription = await SubscribeAsync(
            counting, queue, (_, _) => gate.Task.WaitAsync(Patience), new SubscriptionOptions { MaxConcurrency = 1, Prefetch = 3 });
        await Eventually.TrueAsync(() => Task.FromResult(subscription.HeldCount == 3 && subscription.RunningHandlers == 1), Patience, "one runs, two wait");

        var stop = subscription.StopAsync();

        // The two that no handler started are given back while the running one is still at work.
        await CountsAsync(queue, c => c.Ready == 2 && c.Inflight == 1, "the waiting messages are released");
        Assert.False(stop.IsCompleted);
        gate.SetResult();
        await stop.WaitAsync(Patience);
        Assert.Single(counting.Acked);
        Assert.Equal(2, counting.Nacked.Count);
        Assert.Equal(new QueueCounts(2, 0, 0, 0), (await Client.GetQueueAsync(queue)).Counts);
    }

    [Fact]
    public async Task Stop_must_cancel_and_release_a_handler_that_outlives_the_stop_timeout()
    {
        var queue = await QueueAsync("sub-stop-timeout");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        var counting = new CountingClient(Client);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var subscription = await SubscribeAsync(counting, queue, async (_, token) =>
        {
            try
            {
                await Task.Delay(Patience, token);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }
        }, new SubscriptionOptions { StopTimeout = TimeSpan.FromMilliseconds(500) });
        await Eventually.TrueAsync(() => Task.FromResult(subscription.RunningHandlers == 1), Patience, "the handler runs");

        await subscription.StopAsync().WaitAsync(Patience);

        await cancelled.Task.WaitAsync(Patience);
        Assert.Empty(counting.Acked);
        Assert.Equal(id, Assert.Single(counting.Nacked).Id);
        var released = await Client.GetMessageAsync(queue, id);
        Assert.Equal(MessageState.Ready, released.State);
        Assert.Equal(1, released.ReceiveCount);
        await subscription.DisposeAsync();
    }

    [Fact]
    public async Task Subscribing_to_a_missing_queue_must_fail()
    {
        var e = await Assert.ThrowsAsync<QueueNotFoundException>(() => Client.SubscribeAsync(NewQueue("sub-missing"), (_, _) => Task.CompletedTask));
        Assert.Equal(404, e.Status);
    }

    [Theory]
    [InlineData(0, null, "MaxConcurrency")]
    [InlineData(4, 3, "Prefetch")]
    public async Task Options_out_of_range_must_be_refused(int maxConcurrency, int? prefetch, string option)
    {
        var queue = await QueueAsync("sub-options");

        var e = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            Client.SubscribeAsync(queue, (_, _) => Task.CompletedTask, new SubscriptionOptions { MaxConcurrency = maxConcurrency, Prefetch = prefetch }));

        Assert.Equal(option, e.ParamName);
    }

    private static TaskCompletionSource NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private Task<Subscription> SubscribeAsync(
        IActorMqClient client, string queue, Func<ReceivedMessage, CancellationToken, Task> handler, SubscriptionOptions? options = null)
    {
        // Short polls, so that a stop never leaves a long poll waiting at the node for long.
        options ??= new SubscriptionOptions();
        var withErrors = new SubscriptionOptions
        {
            MaxConcurrency = options.MaxConcurrency,
            Prefetch = options.Prefetch,
            VisibilityTimeout = options.VisibilityTimeout,
            WaitTime = TimeSpan.FromSeconds(2),
            AutoExtendLease = options.AutoExtendLease,
            MaxAutoExtendDuration = options.MaxAutoExtendDuration,
            RetryDelay = options.RetryDelay,
            StopTimeout = options.StopTimeout,
            OnError = e =>
            {
                _errors.Enqueue(e);
                Output.WriteLine($"subscription error ({e.Source}, message {e.Message?.Id}): {e.Exception.Message}");
            },
        };
        return client.SubscribeAsync(queue, handler, withErrors);
    }
}

/// <summary><see cref="SubscriptionSpecs"/> over <see cref="ActorMqHttpClient"/>.</summary>
public sealed class SubscriptionSpecsOverHttp(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : SubscriptionSpecs(shared, akka, output, ClientTransport.Http);

/// <summary><see cref="SubscriptionSpecs"/> over <see cref="ActorMqAkkaClient"/>.</summary>
public sealed class SubscriptionSpecsOverAkka(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : SubscriptionSpecs(shared, akka, output, ClientTransport.Akka);
