using System.Diagnostics;
using ActorMq.Client;

namespace ActorMq.Bench.Peer;

/// <summary>
/// Consumers: loops of <see cref="IActorMqClient.ReceiveAsync"/> (up to <c>--receive-max</c> messages), each answer
/// acked with one <see cref="IActorMqClient.AckBatchAsync"/> that is not awaited before the next receive, every ack
/// awaited before a consumer ends. They stop when the ledger has every message, or when the scenario's token is
/// cancelled.
/// <para>
/// A consumer waits for its oldest ack only when its unanswered acks cover more than <see cref="MaxUnackedBatches"/>
/// full receives' worth of messages (the peer's consumer never waits for an ack: AMQP acks have no answer). Counting
/// messages rather than requests matters when answers hold one message each (<c>latency</c>): a bound of four ack
/// requests tied the next receive to the journal's fsync, and a slow fsync (100-300 ms at times here) stalled delivery.
/// </para>
/// <para>
/// With a push stream (<c>--consume stream</c>) each consumer opens <see cref="ActorMqHttpClient.OpenStreamAsync"/>,
/// grants the same allowance (<see cref="MaxUnackedBatches"/> full receives) and acks on the stream without an answer
/// (<see cref="MessageStream.AckNowaitAsync"/>, as the peer's <c>BasicAckAsync</c>: leases the node could not ack come
/// back through <see cref="MessageStream.AcksFailed"/>), each ack granting its messages' credit again in the same frame,
/// as an AMQP consumer's prefetch refills with its acks. Closing the stream waits until the node has carried out its
/// acks, as closing an AMQP channel does.
/// </para>
/// </summary>
internal sealed class Consumers
{
    /// <summary>Full receives' worth of messages (<c>--receive-max</c> each) a consumer may hold unacked while it receives on.</summary>
    public const int MaxUnackedBatches = 4;

    private readonly IActorMqClient _client;
    private readonly string _queue;
    private readonly int _max;
    private readonly TimeSpan _wait;
    private readonly bool _stream;
    private readonly DeliveryLedger _ledger;
    private readonly TextWriter _log;
    private int _ackFailures;

    /// <summary>
    /// Consumers of <paramref name="queue"/>, each receive asking for up to <paramref name="max"/> messages and waiting
    /// up to <paramref name="wait"/> (or, with <paramref name="stream"/>, each reading a push stream).
    /// <paramref name="onReceived"/> is called (on the consumer's flow, before its ack
    /// goes) with each non-empty answer, the <see cref="Stopwatch"/> timestamp when it arrived and the consumer's order
    /// check; it reads the bodies and records them in the ledger.
    /// </summary>
    public Consumers(
        IActorMqClient client, string queue, int max, TimeSpan wait, bool stream, DeliveryLedger ledger, TextWriter log,
        Action<IReadOnlyList<ReceivedMessage>, long, OrderCheck> onReceived)
    {
        _client = client;
        _queue = queue;
        _max = max;
        _wait = wait;
        _stream = stream;
        _ledger = ledger;
        _log = log;
        OnReceived = onReceived;
    }

    public Action<IReadOnlyList<ReceivedMessage>, long, OrderCheck> OnReceived { get; }

    /// <summary>Leases that an ack answered as not acked.</summary>
    public int AckFailures => Volatile.Read(ref _ackFailures);

    /// <summary>The common reader: body → ledger and order check; unreadable bodies count as duplicates.</summary>
    public static void Record(IReadOnlyList<ReceivedMessage> messages, DeliveryLedger ledger, OrderCheck order)
    {
        foreach (var message in messages)
        {
            if (BenchBody.TryRead(message.Body, out var seq, out var priority, out _))
            {
                ledger.Record(seq);
                order.Observe(seq, priority);
            }
            else
            {
                ledger.RecordForeign();
            }
        }
    }

    /// <summary>
    /// Runs one consumer per order check until the ledger is complete (then cancels the receives still waiting) or
    /// <paramref name="cancellationToken"/> is cancelled (then throws).
    /// </summary>
    public async Task RunAsync(IReadOnlyList<OrderCheck> orders, CancellationToken cancellationToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = orders.Select(order => Task.Run(() => LoopAsync(order, done, cancellationToken), CancellationToken.None)).ToArray();
        await Task.WhenAll(loops);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task LoopAsync(OrderCheck order, CancellationTokenSource done, CancellationToken cancellationToken)
    {
        var acks = new Queue<(Task Ack, int Messages)>();
        var unacked = 0;
        MessageStream? stream = null;
        try
        {
            if (_stream)
            {
                var http = _client as ActorMqHttpClient ?? throw new InvalidOperationException("a push stream needs the HTTP client");
                stream = await http.OpenStreamAsync(_queue, _max, visibilityTimeout: null, done.Token);
                stream.AcksFailed += CountFailures;
                await stream.GrantAsync(MaxUnackedBatches * _max, done.Token);
            }

            while (!_ledger.Complete)
            {
                IReadOnlyList<ReceivedMessage> messages;
                try
                {
                    messages = stream is not null
                        ? await stream.ReadAsync(done.Token)
                        : await _client.ReceiveAsync(_queue, _max, visibilityTimeout: null, _wait, done.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break; // another consumer saw the last message
                }

                if (messages.Count == 0)
                {
                    continue;
                }

                var arrived = Stopwatch.GetTimestamp();
                OnReceived(messages, arrived, order);
                var leases = new LeaseReference[messages.Count];
                for (var i = 0; i < leases.Length; i++)
                {
                    leases[i] = LeaseReference.Of(messages[i]);
                }

                while (acks.Count > 0 && unacked + leases.Length > MaxUnackedBatches * _max)
                {
                    var (oldest, messagesAcked) = acks.Dequeue();
                    unacked -= messagesAcked;
                    await oldest;
                }

                // On a stream the ack goes in a frame of its own stream, granting the credit again in the same frame.
                acks.Enqueue((AckAsync(stream, leases, cancellationToken), leases.Length));
                unacked += leases.Length;
                if (_ledger.Complete)
                {
                    await done.CancelAsync();
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stop the other consumers too: the scenario has failed, its error comes out of RunAsync.
            await done.CancelAsync();
            throw;
        }
        finally
        {
            // Every ack is awaited before the consumer ends, failed or not, so none runs on after the scenario; on a
            // stream, before it closes, so that the answers still come on it.
            while (acks.Count > 0)
            {
                try
                {
                    await acks.Dequeue().Ack;
                }
                catch (Exception e) when (e is ActorMqException or OperationCanceledException)
                {
                    _log.WriteLine($"[{_queue}] an ack failed: {e.GetType().Name}: {e.Message}");
                }
            }

            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private async Task AckAsync(MessageStream? stream, LeaseReference[] leases, CancellationToken cancellationToken)
    {
        if (stream is not null)
        {
            await stream.AckNowaitAsync(leases, credit: leases.Length, cancellationToken);
            return;
        }

        CountFailures(await _client.AckBatchAsync(_queue, leases, cancellationToken));
    }

    private void CountFailures(IReadOnlyList<AckResult> results)
    {
        var failed = results.Count(r => !r.Acked);
        if (failed > 0 && Interlocked.Add(ref _ackFailures, failed) == failed)
        {
            var first = results.First(r => !r.Acked);
            _log.WriteLine($"[{_queue}] ack of {first.MessageId} failed: {first.Status} {first.Detail}");
        }
    }
}
