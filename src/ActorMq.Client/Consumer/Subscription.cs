using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;

namespace ActorMq.Client;

/// <summary>
/// A push consumer of one queue, made by <see cref="ActorMqClientExtensions.SubscribeAsync"/>: it receives messages
/// and runs the handler on each, at most <see cref="SubscriptionOptions.MaxConcurrency"/> at once; acks a message
/// when its handler returns and nacks it when the handler throws; extends leases while messages are held; stops
/// gracefully. Works over any <see cref="IActorMqClient"/>: over <see cref="ActorMqHttpClient"/> it receives through
/// the node's push stream (<see cref="ActorMqHttpClient.OpenStreamAsync"/>, unless
/// <see cref="SubscriptionOptions.UseStream"/> is false), otherwise with long polls.
/// </summary>
/// <remarks>
/// <para>
/// Flow control is credit: the subscription holds at most <see cref="SubscriptionOptions.Prefetch"/> leased messages
/// (handled or waiting), and each receive asks for at most the credit left (on a push stream: credit is granted as
/// messages are settled), so it never buffers more.
/// </para>
/// <para>
/// Stopping (<see cref="StopAsync"/> or disposing) ends receiving at once, releases (nacks) messages that no handler
/// has started, and waits up to <see cref="SubscriptionOptions.StopTimeout"/> for running handlers to finish and be
/// acked or nacked. Then it cancels the handlers' tokens and releases their messages; a handler that ignores its token
/// runs on, but its outcome is no longer sent. A long poll (or a stream frame on its way) cut short by the stop may
/// have leased messages that never arrive: they are delivered again when their lease ends.
/// </para>
/// </remarks>
public sealed partial class Subscription : IAsyncDisposable
{
    private const int MaxReceive = 1000;
    private static readonly TimeSpan EmptyPollDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan[] SettleRetries = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1)];

    private readonly IActorMqClient _client;
    private readonly Func<ReceivedMessage, CancellationToken, Task> _handler;
    private readonly int _prefetch;
    private readonly Channel<Delivery> _waiting;
    private readonly SemaphoreSlim _credit;
    private readonly ConcurrentDictionary<Delivery, byte> _held = new();
    private readonly CancellationTokenSource _receiving = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Lock _stopLock = new();
    private readonly Task _receiver;
    private readonly Task[] _workers;
    private int _running;
    private Task? _stopped;
    private volatile bool _stopping;

    internal Subscription(
        IActorMqClient client, string queue, Func<ReceivedMessage, CancellationToken, Task> handler, SubscriptionOptions options, TimeSpan visibilityTimeout)
    {
        _client = client;
        _handler = handler;
        Queue = queue;
        Options = options;
        VisibilityTimeout = visibilityTimeout;
        _prefetch = options.EffectivePrefetch;
        _waiting = Channel.CreateBounded<Delivery>(new BoundedChannelOptions(_prefetch) { SingleWriter = true });
        _credit = new SemaphoreSlim(_prefetch, _prefetch);
        _receiver = client is ActorMqHttpClient http && options.UseStream && _prefetch <= MaxStreamCredit ? Task.Run(() => StreamAsync(http)) : Task.Run(ReceiveAsync);
        _workers = Enumerable.Range(0, options.MaxConcurrency).Select(_ => Task.Run(WorkAsync)).ToArray();
    }

    /// <summary>The queue consumed.</summary>
    public string Queue { get; }

    /// <summary>The options it runs with.</summary>
    public SubscriptionOptions Options { get; }

    /// <summary>The lease duration asked for with every receive and extension.</summary>
    public TimeSpan VisibilityTimeout { get; }

    /// <summary>How many leased messages it holds now: being handled, waiting for a handler, or being settled.</summary>
    public int HeldCount => _held.Count;

    /// <summary>How many handlers are running now.</summary>
    public int RunningHandlers => Volatile.Read(ref _running);

    /// <summary>True once a stop has begun.</summary>
    public bool IsStopping => _stopping;

    /// <summary>
    /// Stops the subscription: no more receives; waiting messages are released at once; running handlers get up to
    /// <see cref="SubscriptionOptions.StopTimeout"/> (or until <paramref name="cancellationToken"/> is cancelled) to
    /// finish, then their tokens are cancelled and their messages released. Returns when every held message is
    /// settled. Calling it again returns the same stop.
    /// </summary>
    /// <param name="cancellationToken">Cuts the wait for running handlers short.</param>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        lock (_stopLock)
        {
            return _stopped ??= StopCoreAsync(cancellationToken);
        }
    }

    /// <summary>Stops the subscription as <see cref="StopAsync"/> does, with the options' stop timeout.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await _receiving.CancelAsync().ConfigureAwait(false);
        await _receiver.ConfigureAwait(false);

        // The receiver has completed the channel: release what waits there now (the workers may all be busy), and let
        // running handlers finish.
        while (_waiting.Reader.TryRead(out var waiting))
        {
            await SettleAsync(waiting, Outcome.Release).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.StopTimeout);
        try
        {
            await Task.WhenAll(_workers).WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            // Time is up: give the messages back first, so that a handler failing on its cancelled token cannot
            // nack its message with a retry delay; then cancel the handlers.
            await Task.WhenAll(_held.Keys.Select(d => SettleAsync(d, Outcome.Release))).ConfigureAwait(false);
            await _abort.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ReceiveAsync()
    {
        var token = _receiving.Token;
        var backoff = TimeSpan.Zero;
        try
        {
            while (!token.IsCancellationRequested)
            {
                await _credit.WaitAsync(token).ConfigureAwait(false);
                var credit = 1;
                while (credit < Math.Min(_prefetch, MaxReceive) && _credit.Wait(0))
                {
                    credit++;
                }

                var sentAt = Stopwatch.GetTimestamp();
                IReadOnlyList<ReceivedMessage> messages;
                try
                {
                    messages = await _client.ReceiveAsync(Queue, credit, VisibilityTimeout, Options.WaitTime, token).ConfigureAwait(false);
                    backoff = TimeSpan.Zero;
                }
                catch (Exception e) when (!token.IsCancellationRequested)
                {
                    _credit.Release(credit);
                    Report(SubscriptionErrorSource.Receive, e, null);
                    backoff = NextBackoff(backoff);
                    await Task.Delay(backoff, token).ConfigureAwait(false);
                    continue;
                }
                catch (OperationCanceledException)
                {
                    _credit.Release(credit);
                    throw;
                }

                for (var i = 0; i < messages.Count; i++)
                {
                    if (i >= credit)
                    {
                        // More than the credit asked for (a transport that sent too many): give it back, unheld.
                        await ReleaseUnheldAsync(messages[i]).ConfigureAwait(false);
                        continue;
                    }

                    var delivery = Hold(messages[i], sentAt);
                    if (!_waiting.Writer.TryWrite(delivery))
                    {
                        await SettleAsync(delivery, Outcome.Release).ConfigureAwait(false);
                    }
                }

                if (messages.Count < credit)
                {
                    _credit.Release(credit - messages.Count);
                }

                if (messages.Count == 0 && Options.WaitTime == TimeSpan.Zero)
                {
                    await Task.Delay(EmptyPollDelay, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            _waiting.Writer.TryComplete();
        }
    }

    /// <summary>The wait after another failed receive: 100 ms at first, then doubling up to 10 s.</summary>
    private static TimeSpan NextBackoff(TimeSpan backoff) =>
        backoff == TimeSpan.Zero ? FirstBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));

    private Delivery Hold(ReceivedMessage message, long sentAt)
    {
        var keeper = new LeaseKeeper(_client, message, VisibilityTimeout, sentAt, Options, Report);
        var delivery = new Delivery(message, keeper);
        _held[delivery] = 0;
        keeper.Start();
        return delivery;
    }

    private async Task WorkAsync()
    {
        await foreach (var delivery in _waiting.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (_stopping)
            {
                await SettleAsync(delivery, Outcome.Release).ConfigureAwait(false);
                continue;
            }

            Interlocked.Increment(ref _running);
            Exception? failure = null;
            try
            {
                using var handlerToken = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, delivery.Keeper.LeaseLost);
                await _handler(delivery.Message, handlerToken.Token).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }

            if (failure is not null)
            {
                Report(SubscriptionErrorSource.Handler, failure, delivery.Message);
            }

            await SettleAsync(delivery, failure is null ? Outcome.Ack : Outcome.Nack).ConfigureAwait(false);
        }
    }

    private async Task SettleAsync(Delivery delivery, Outcome outcome)
    {
        if (!delivery.TrySettle())
        {
            return;
        }

        try
        {
            await delivery.Keeper.StopAsync().ConfigureAwait(false);
            var m = delivery.Message;

            // Once a lease period has passed the lease has surely ended and settling is moot: no longer wait for it.
            using var bound = new CancellationTokenSource(VisibilityTimeout);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await (outcome switch
                    {
                        Outcome.Ack => _client.AckAsync(Queue, m.Id, m.Lease.Token, bound.Token),
                        Outcome.Nack => _client.NackAsync(Queue, m.Id, m.Lease.Token, Options.RetryDelay, cancellationToken: bound.Token),
                        _ => _client.NackAsync(Queue, m.Id, m.Lease.Token, cancellationToken: bound.Token),
                    }).ConfigureAwait(false);
                    break;
                }
                catch (UnavailableException) when (attempt < SettleRetries.Length)
                {
                    // The node is busy or moving the queue: worth another try before the lease runs out.
                    await Task.Delay(SettleRetries[attempt], bound.Token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e)
        {
            Report(outcome == Outcome.Ack ? SubscriptionErrorSource.Ack : SubscriptionErrorSource.Nack, e, delivery.Message);
        }
        finally
        {
            _held.TryRemove(delivery, out _);
            _credit.Release();
        }
    }

    private async Task ReleaseUnheldAsync(ReceivedMessage message)
    {
        try
        {
            await _client.NackAsync(Queue, message.Id, message.Lease.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Report(SubscriptionErrorSource.Nack, e, message);
        }
    }

    private void Report(SubscriptionErrorSource source, Exception exception, ReceivedMessage? message)
    {
        try
        {
            Options.OnError?.Invoke(new SubscriptionError(source, exception, message));
        }
        catch (Exception)
        {
            // The error callback's own failures must not stop the subscription.
        }
    }

    private enum Outcome
    {
        Ack,
        Nack,
        Release,
    }
}
