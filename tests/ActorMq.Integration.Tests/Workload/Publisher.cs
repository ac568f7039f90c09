using ActorMq.Client;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// A client process that publishes up to <see cref="LoadOptions.MessagesPerPublisher"/> messages over the queues in
/// turn, each with a client id <c>p&lt;process&gt;-&lt;n&gt;</c> that is also its dedup id, some with a deliverAt in the
/// future. A publish whose outcome is unknown is sent again (the dedup id makes it store once), up to
/// <see cref="LoadOptions.PublishAttempts"/> attempts, through the next gateway when there was no answer. Every attempt
/// is an operation of the history. Requests are never cancelled by the stop: they end by their timeout.
/// </summary>
public sealed class Publisher
{
    private readonly int _process;
    private readonly OperationHistory _history;
    private readonly GatewayClients _gateways;
    private readonly IReadOnlyList<string> _queues;
    private readonly LoadOptions _options;
    private readonly Random _random;
    private int _gateway;
    private int _published;

    /// <summary>Publisher <paramref name="process"/>, which starts on gateway <paramref name="process"/> (modulo their count).</summary>
    public Publisher(int process, OperationHistory history, GatewayClients gateways, IReadOnlyList<string> queues, LoadOptions options)
    {
        _process = process;
        _history = history;
        _gateways = gateways;
        _queues = queues;
        _options = options;
        _random = new Random(options.Seed + process);
        _gateway = process;
    }

    /// <summary>Messages acknowledged so far (201, or 200 duplicate).</summary>
    public int Published => Volatile.Read(ref _published);

    /// <summary>Publishes until the count is reached or <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; n < _options.MessagesPerPublisher && !stop.IsCancellationRequested; n++)
        {
            var queue = _queues[(_process + n) % _queues.Count];
            var id = $"p{_process}-{n}";
            DateTimeOffset? deliverAt = _random.NextDouble() < _options.ScheduledShare
                ? DateTimeOffset.UtcNow + _options.MinDelay + ((_options.MaxDelay - _options.MinDelay) * _random.NextDouble())
                : null;
            await PublishAsync(queue, id, deliverAt, stop);
            await Pauses.DelayAsync(_options.PublishInterval, stop);
        }
    }

    /// <summary>
    /// Publishes one message with client id and dedup id <paramref name="id"/>, sending it again while the outcome is
    /// unknown (at most <see cref="LoadOptions.PublishAttempts"/> times, not after <paramref name="stop"/>).
    /// </summary>
    public async Task PublishAsync(string queue, string id, DateTimeOffset? deliverAt, CancellationToken stop)
    {
        var message = new PublishMessage(MessageBody.Json($$"""{"id":"{{id}}"}""")) { Id = id, DedupId = id, DeliverAt = deliverAt };
        for (var attempt = 1; attempt <= _options.PublishAttempts; attempt++)
        {
            var operation = _history.Invoke(_process, OperationKind.Publish, queue, _gateways.Node(_gateway), id, deliverAt: deliverAt);
            try
            {
                var result = await _gateways.Client(_gateway).PublishAsync(queue, message, CancellationToken.None);
                operation.Published(result.Id, result.Duplicate);
                Interlocked.Increment(ref _published);
                return;
            }
            catch (Exception e) when (e is ActorMqException or HttpRequestException)
            {
                if (Outcomes.Complete(operation, e).Type == EventType.Fail)
                {
                    return;
                }

                if (Outcomes.NoAnswer(e))
                {
                    _gateway++;
                }
            }

            if (stop.IsCancellationRequested)
            {
                return;
            }

            await Pauses.DelayAsync(TimeSpan.FromMilliseconds(200 * attempt), stop);
        }
    }
}
