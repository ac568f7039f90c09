using System.Collections.Concurrent;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>
/// <see cref="ActorMqClientExtensions.SubscribeAsync"/> over <see cref="ActorMqHttpClient"/>, which receives through the
/// node's push stream: no receive requests, the prefetch bound kept as credit, and a stop that gives messages back.
/// The client's HTTP requests are counted by path on the way out.
/// </summary>
[Collection(ClientNodeCollection.Name)]
public sealed class SubscriptionStreamSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly RequestCounter _requests = new() { InnerHandler = new SocketsHttpHandler() };
    private readonly ConcurrentQueue<SubscriptionError> _errors = new();

    private ActorMqHttpClient Client => new(new HttpClient(_requests, disposeHandler: false), shared.Node.BaseAddress);

    [Fact]
    public async Task Messages_published_before_and_after_it_starts_must_be_handled_and_acked_without_a_receive_request()
    {
        var client = Client;
        var queue = Api.NewQueue("sub-stream");
        await client.PublishBatchAsync(queue, Enumerable.Range(0, 5).Select(i => new PublishMessage(MessageBody.Json($"{i}")) { Id = $"m{i}" }).ToArray());
        var handled = new ConcurrentQueue<string>();

        await using (await client.SubscribeAsync(queue, (m, _) =>
        {
            handled.Enqueue(m.Id);
            return Task.CompletedTask;
        }, Options(new SubscriptionOptions { MaxConcurrency = 2, Prefetch = 3 })))
        {
            await client.PublishBatchAsync(queue, Enumerable.Range(5, 5).Select(i => new PublishMessage(MessageBody.Json($"{i}")) { Id = $"m{i}" }).ToArray());
            await Eventually.TrueAsync(async () => (await client.GetQueueAsync(queue)).Totals.Acked == 10, Patience, "all ten acked");
        }

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i}").Order(), handled.Order());
        Assert.Equal(0, _requests.Count("/messages/receive"));
        Assert.Equal(10, _requests.Count("/ack"));
        Assert.Equal(0, (await client.GetQueueAsync(queue)).Counts.Total);
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task It_must_hold_no_more_than_the_prefetch_and_release_what_it_holds_when_stopped()
    {
        var client = Client;
        var queue = Api.NewQueue("sub-stream-prefetch");
        await client.PublishBatchAsync(queue, Enumerable.Range(0, 10).Select(i => new PublishMessage(MessageBody.Json($"{i}"))).ToArray());
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;

        var subscription = await client.SubscribeAsync(queue, async (_, cancellationToken) =>
        {
            Interlocked.Increment(ref started);
            await gate.Task.WaitAsync(cancellationToken);
        }, Options(new SubscriptionOptions { MaxConcurrency = 1, Prefetch = 3, StopTimeout = TimeSpan.FromMilliseconds(200) }));
        await using (subscription)
        {
            await Eventually.TrueAsync(() => Task.FromResult(subscription.HeldCount == 3), Patience, "three messages held");
            var counts = (await client.GetQueueAsync(queue)).Counts;
            Assert.Equal((7L, 3L), (counts.Ready, counts.Inflight));
            Assert.Equal(1, Volatile.Read(ref started));
            await subscription.StopAsync();
        }

        var after = (await client.GetQueueAsync(queue)).Counts;
        Assert.Equal((10L, 0L), (after.Ready, after.Inflight));
        Assert.Equal(0, subscription.HeldCount);
    }

    [Fact]
    public async Task With_UseStream_false_it_must_long_poll()
    {
        var client = Client;
        var queue = Api.NewQueue("sub-poll");
        await client.PublishAsync(queue, MessageBody.Json("1"));
        var handled = 0;

        await using (await client.SubscribeAsync(queue, (_, _) =>
        {
            Interlocked.Increment(ref handled);
            return Task.CompletedTask;
        }, Options(new SubscriptionOptions { UseStream = false })))
        {
            await Eventually.TrueAsync(async () => (await client.GetQueueAsync(queue)).Totals.Acked == 1, Patience, "acked");
        }

        Assert.Equal(1, handled);
        Assert.True(_requests.Count("/messages/receive") > 0);
    }

    private Api Api { get; } = new(shared.Node.Http);

    /// <summary><paramref name="options"/> with errors collected and short polls (when it polls).</summary>
    private SubscriptionOptions Options(SubscriptionOptions options) => new()
    {
        MaxConcurrency = options.MaxConcurrency,
        Prefetch = options.Prefetch,
        StopTimeout = options.StopTimeout,
        UseStream = options.UseStream,
        WaitTime = TimeSpan.FromSeconds(2),
        OnError = _errors.Enqueue,
    };

    /// <summary>Counts the requests whose path ends with a given suffix.</summary>
    private sealed class RequestCounter : DelegatingHandler
    {
        private readonly ConcurrentQueue<string> _paths = new();

        public int Count(string suffix) => _paths.Count(p => p.EndsWith(suffix, StringComparison.Ordinal));

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _paths.Enqueue(request.RequestUri!.AbsolutePath);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
