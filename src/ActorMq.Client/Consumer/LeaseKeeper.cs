using System.Diagnostics;

namespace ActorMq.Client;

/// <summary>
/// Keeps the lease of one held message: extends it halfway through each lease period (when
/// <see cref="SubscriptionOptions.AutoExtendLease"/>), for at most <see cref="SubscriptionOptions.MaxAutoExtendDuration"/>
/// after the receive; cancels <see cref="LeaseLost"/> when the lease is lost (refused as stale, the message gone, or
/// run out). Times are measured on the local monotonic clock, from before a receive (or extension) was sent and from
/// after its answer arrived, so they bracket the server's.
/// </summary>
internal sealed class LeaseKeeper
{
    private static readonly TimeSpan MaxRetryInterval = TimeSpan.FromSeconds(1);

    private readonly IActorMqClient _client;
    private readonly ReceivedMessage _message;
    private readonly TimeSpan _visibility;
    private readonly long _receivedAt;
    private readonly TimeSpan _arrivedAt;
    private readonly SubscriptionOptions _options;
    private readonly Action<SubscriptionErrorSource, Exception, ReceivedMessage?> _report;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _lost = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>
    /// A keeper of <paramref name="message"/>, received with a request sent at <paramref name="receivedAt"/> (a
    /// <see cref="Stopwatch"/> timestamp) and arrived now.
    /// </summary>
    public LeaseKeeper(
        IActorMqClient client,
        ReceivedMessage message,
        TimeSpan visibility,
        long receivedAt,
        SubscriptionOptions options,
        Action<SubscriptionErrorSource, Exception, ReceivedMessage?> report)
    {
        _client = client;
        _message = message;
        _visibility = visibility;
        _receivedAt = receivedAt;
        _arrivedAt = Stopwatch.GetElapsedTime(receivedAt);
        _options = options;
        _report = report;
    }

    /// <summary>Cancelled when the lease is lost: the handler's work will not be acked.</summary>
    public CancellationToken LeaseLost => _lost.Token;

    /// <summary>Starts keeping the lease: extending it if the options say so, and watching for its end.</summary>
    public void Start() => _loop = Task.Run(KeepAsync);

    /// <summary>Stops extending; returns once no extension is in flight, so that an ack or nack does not race one.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    private TimeSpan Elapsed() => Stopwatch.GetElapsedTime(_receivedAt);

    private async Task KeepAsync()
    {
        var token = _stop.Token;

        // The server starts a lease between sending the request and its answer arriving: extensions are timed from the
        // earliest the lease can end, and the lease is taken for lost only after the latest.
        var earliestEnd = _visibility;
        var latestEnd = _arrivedAt + _visibility;
        var extendAt = _visibility / 2;
        try
        {
            while (true)
            {
                await DelayUntilAsync(extendAt, token).ConfigureAwait(false);
                var sentAt = Elapsed();
                if (!_options.AutoExtendLease
                    || (_options.MaxAutoExtendDuration != Timeout.InfiniteTimeSpan && sentAt >= _options.MaxAutoExtendDuration))
                {
                    // No more extensions: the handler learns when the lease runs out.
                    await DelayUntilAsync(latestEnd, token).ConfigureAwait(false);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }

                try
                {
                    await _client.ExtendLeaseAsync(_message.Queue, _message.Id, _message.Lease.Token, _visibility, token).ConfigureAwait(false);
                    earliestEnd = sentAt + _visibility;
                    latestEnd = Elapsed() + _visibility;
                    extendAt = sentAt + _visibility / 2;
                }
                catch (Exception e) when (e is StaleLeaseException or NotFoundException)
                {
                    _report(SubscriptionErrorSource.Extend, e, _message);
                    await _lost.CancelAsync().ConfigureAwait(false);
                    return;
                }
                catch (Exception e) when (e is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    _report(SubscriptionErrorSource.Extend, e, _message);
                    var now = Elapsed();
                    if (now >= latestEnd)
                    {
                        await _lost.CancelAsync().ConfigureAwait(false);
                        return;
                    }

                    // Try again soon, well before the lease can have ended if it still can.
                    var retryIn = (now < earliestEnd ? earliestEnd - now : latestEnd - now) / 4;
                    extendAt = now + (retryIn < MaxRetryInterval ? retryIn : MaxRetryInterval);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopped: the message is being settled.
        }
    }

    private async Task DelayUntilAsync(TimeSpan at, CancellationToken token)
    {
        var wait = at - Elapsed();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, token).ConfigureAwait(false);
        }
    }
}
