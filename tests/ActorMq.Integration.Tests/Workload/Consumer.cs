using ActorMq.Client;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// A client process that receives from one queue (long polling) and acks each message with its lease token, until
/// stopped. While its <c>dropping</c> function says so, it leaves a share of the messages unacked
/// (<see cref="LoadOptions.DropShare"/>), as a crashed consumer would, so they are delivered again when their lease
/// ends. When a request gets no answer it moves to the next gateway. Every receive and ack is an operation of the
/// history; requests are never cancelled by the stop.
/// </summary>
public sealed class Consumer
{
    private readonly int _process;
    private readonly OperationHistory _history;
    private readonly GatewayClients _gateways;
    private readonly string _queue;
    private readonly LoadOptions _options;
    private readonly Func<bool> _dropping;
    private readonly Random _random;
    private int _gateway;
    private int _acked;

    /// <summary>Consumer <paramref name="process"/> of <paramref name="queue"/>, which starts on gateway <paramref name="process"/> (modulo their count).</summary>
    public Consumer(int process, OperationHistory history, GatewayClients gateways, string queue, LoadOptions options, Func<bool> dropping)
    {
        _process = process;
        _history = history;
        _gateways = gateways;
        _queue = queue;
        _options = options;
        _dropping = dropping;
        _random = new Random(options.Seed + process);
        _gateway = process;
    }

    /// <summary>Successful acks so far.</summary>
    public int Acked => Volatile.Read(ref _acked);

    /// <summary>Receives and acks until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var received = await ReceiveAsync();
            if (received is null)
            {
                await Pauses.DelayAsync(TimeSpan.FromMilliseconds(200), stop);
                continue;
            }

            foreach (var message in received)
            {
                if (_dropping() && _random.NextDouble() < _options.DropShare)
                {
                    continue;
                }

                await AckAsync(message);
            }
        }
    }

    private async Task<IReadOnlyList<ReceivedMessage>?> ReceiveAsync()
    {
        var operation = _history.Invoke(_process, OperationKind.Receive, _queue, _gateways.Node(_gateway));
        try
        {
            var messages = await _gateways.Client(_gateway).ReceiveAsync(_queue, _options.ReceiveMax, wait: _options.ReceiveWait, cancellationToken: CancellationToken.None);
            operation.Received([.. messages.Select(m => new Delivery(m.Id, m.Lease.Token, m.ReceiveCount, m.DeliverAt, m.FirstReceivedAt, m.Lease.ExpiresAt))]);
            return messages;
        }
        catch (Exception e) when (e is ActorMqException or HttpRequestException)
        {
            Outcomes.Complete(operation, e);
            if (Outcomes.NoAnswer(e))
            {
                _gateway++;
            }

            return null;
        }
    }

    private async Task AckAsync(ReceivedMessage message)
    {
        var operation = _history.Invoke(_process, OperationKind.Ack, _queue, _gateways.Node(_gateway), message.Id, message.Lease.Token);
        try
        {
            await _gateways.Client(_gateway).AckAsync(_queue, message.Id, message.Lease.Token, CancellationToken.None);
            operation.Acked();
            Interlocked.Increment(ref _acked);
        }
        catch (Exception e) when (e is ActorMqException or HttpRequestException)
        {
            Outcomes.Complete(operation, e);
            if (Outcomes.NoAnswer(e))
            {
                _gateway++;
            }
        }
    }
}
