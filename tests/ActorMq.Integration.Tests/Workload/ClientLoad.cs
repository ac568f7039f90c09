using System.Diagnostics;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// Publishers and consumers (<see cref="Publisher"/>, <see cref="Consumer"/>) running against a cluster through its
/// gateways, every operation recorded in one <see cref="OperationHistory"/>. Publishers are processes 1..P, consumers
/// follow. Stop publishing, then drain: consumers go on (dropping nothing) until every queue is empty.
/// </summary>
public sealed class ClientLoad : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopPublishing = new();
    private readonly CancellationTokenSource _stopConsuming = new();
    private readonly GatewayClients _gateways;
    private readonly IReadOnlyList<string> _queues;
    private readonly Publisher[] _publishers;
    private readonly Consumer[] _consumers;
    private readonly Task[] _publishing;
    private readonly Task[] _consuming;
    private volatile bool _draining;

    private ClientLoad(OperationHistory history, GatewayClients gateways, IReadOnlyList<string> queues, LoadOptions options)
    {
        _gateways = gateways;
        _queues = queues;
        _publishers = [.. Enumerable.Range(1, options.Publishers).Select(p => new Publisher(p, history, gateways, queues, options))];
        _consumers = [.. queues
            .SelectMany(_ => Enumerable.Range(0, options.ConsumersPerQueue), (queue, _) => queue)
            .Select((queue, i) => new Consumer(options.Publishers + 1 + i, history, gateways, queue, options, () => !_draining))];
        _publishing = [.. _publishers.Select(p => Task.Run(() => p.RunAsync(_stopPublishing.Token)))];
        _consuming = [.. _consumers.Select(c => Task.Run(() => c.RunAsync(_stopConsuming.Token)))];
    }

    /// <summary>Successful acks so far.</summary>
    public int Acked => _consumers.Sum(c => c.Acked);

    /// <summary>Acknowledged publishes so far.</summary>
    public int Published => _publishers.Sum(p => p.Published);

    /// <summary>Starts publishers and consumers at once.</summary>
    public static ClientLoad Start(OperationHistory history, GatewayClients gateways, IReadOnlyList<string> queues, LoadOptions options) =>
        new(history, gateways, queues, options);

    /// <summary>Waits until <see cref="Acked"/> reaches <paramref name="count"/>; throws when it has not within <paramref name="timeout"/>.</summary>
    public Task WaitForAcksAsync(int count, TimeSpan timeout) => WaitForAsync(() => Acked, count, "acks", timeout);

    /// <summary>
    /// Waits until <see cref="Published"/> reaches <paramref name="count"/> (or every publisher is done); throws when
    /// it has not within <paramref name="timeout"/>.
    /// </summary>
    public Task WaitForPublishedAsync(int count, TimeSpan timeout) =>
        WaitForAsync(() => _publishing.All(t => t.IsCompleted) ? int.MaxValue : Published, count, "acknowledged publishes", timeout);

    /// <summary>Stops the publishers after the message each is on, and waits for them.</summary>
    public async Task StopPublishingAsync()
    {
        await _stopPublishing.CancelAsync();
        await Task.WhenAll(_publishing);
    }

    /// <summary>
    /// Stops publishing, then lets the consumers receive and ack (dropping nothing) until every queue counts no live
    /// message, then stops them. Returns false when the queues were not empty within <paramref name="timeout"/>.
    /// </summary>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _draining = true;
        await StopPublishingAsync();
        var clock = Stopwatch.StartNew();
        var empty = false;
        while (!empty && clock.Elapsed < timeout)
        {
            empty = await AllEmptyAsync();
            if (!empty)
            {
                await Task.Delay(250);
            }
        }

        await StopAsync();
        return empty;
    }

    /// <summary>Stops everything and waits for every process to end (each within its request timeout).</summary>
    public async Task StopAsync()
    {
        await _stopPublishing.CancelAsync();
        await _stopConsuming.CancelAsync();
        await Task.WhenAll([.. _publishing, .. _consuming]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopPublishing.Dispose();
        _stopConsuming.Dispose();
    }

    private static async Task WaitForAsync(Func<int> current, int count, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (current() < count)
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"only {current()} of {count} {what} within {timeout.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }

    private async Task<bool> AllEmptyAsync()
    {
        foreach (var queue in _queues)
        {
            if (await QueueContents.CountsAsync(_gateways, queue) is not { Total: 0 })
            {
                return false;
            }
        }

        return true;
    }
}
