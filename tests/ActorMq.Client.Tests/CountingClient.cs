using System.Collections.Concurrent;

namespace ActorMq.Client.Tests;

/// <summary>
/// An <see cref="IActorMqClient"/> that passes every call to a real one and records what a consumer did: receives
/// (what each asked for while holding how many), acks, nacks and lease extensions, and the most leases held at once.
/// Not a mock: every call reaches the node.
/// </summary>
public sealed class CountingClient(IActorMqClient inner) : IActorMqClient
{
    private readonly Lock _lock = new();
    private int _held;

    /// <summary>Each receive: how many leases were held when it was sent, and how many it asked for.</summary>
    public ConcurrentQueue<(int Held, int Asked)> Receives { get; } = new();

    /// <summary>Message ids acked, in order.</summary>
    public ConcurrentQueue<string> Acked { get; } = new();

    /// <summary>Message ids nacked, with the nack's delay.</summary>
    public ConcurrentQueue<(string Id, TimeSpan? Delay)> Nacked { get; } = new();

    /// <summary>Message ids whose lease was extended, one entry per extension.</summary>
    public ConcurrentQueue<string> Extended { get; } = new();

    /// <summary>How many receives were sent.</summary>
    public int ReceiveCalls => Receives.Count;

    /// <summary>Leases held now: received, not yet acked or nacked.</summary>
    public int Held
    {
        get
        {
            lock (_lock)
            {
                return _held;
            }
        }
    }

    /// <summary>The most leases held at once.</summary>
    public int MaxHeld { get; private set; }

    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        string queue, int maxMessages = 1, TimeSpan? visibilityTimeout = null, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        Receives.Enqueue((Held, maxMessages));
        var messages = await inner.ReceiveAsync(queue, maxMessages, visibilityTimeout, wait, cancellationToken);
        lock (_lock)
        {
            _held += messages.Count;
            MaxHeld = Math.Max(MaxHeld, _held);
        }

        return messages;
    }

    public async Task AckAsync(string queue, string id, string leaseToken, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.AckAsync(queue, id, leaseToken, cancellationToken);
            Acked.Enqueue(id);
        }
        finally
        {
            Settled();
        }
    }

    public async Task NackAsync(string queue, string id, string leaseToken, TimeSpan? delay = null, bool deadLetter = false, CancellationToken cancellationToken = default)
    {
        try
        {
            await inner.NackAsync(queue, id, leaseToken, delay, deadLetter, cancellationToken);
            Nacked.Enqueue((id, delay));
        }
        finally
        {
            Settled();
        }
    }

    public async Task<DateTimeOffset> ExtendLeaseAsync(
        string queue, string id, string leaseToken, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var expiresAt = await inner.ExtendLeaseAsync(queue, id, leaseToken, visibilityTimeout, cancellationToken);
        Extended.Enqueue(id);
        return expiresAt;
    }

    public Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken = default) => inner.ListQueuesAsync(cancellationToken);

    public Task<QueueInfo> GetQueueAsync(string queue, CancellationToken cancellationToken = default) => inner.GetQueueAsync(queue, cancellationToken);

    public Task<CreateOrUpdateQueueResult> CreateOrUpdateQueueAsync(string queue, QueueSettings? settings = null, CancellationToken cancellationToken = default) =>
        inner.CreateOrUpdateQueueAsync(queue, settings, cancellationToken);

    public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) => inner.DeleteQueueAsync(queue, cancellationToken);

    public Task<long> PurgeQueueAsync(string queue, CancellationToken cancellationToken = default) => inner.PurgeQueueAsync(queue, cancellationToken);

    public Task<long> SweepQueueAsync(string queue, CancellationToken cancellationToken = default) => inner.SweepQueueAsync(queue, cancellationToken);

    public Task<long> RedriveAsync(string deadLetterQueue, string? to = null, int? max = null, CancellationToken cancellationToken = default) =>
        inner.RedriveAsync(deadLetterQueue, to, max, cancellationToken);

    public Task<PublishResult> PublishAsync(string queue, PublishMessage message, CancellationToken cancellationToken = default) =>
        inner.PublishAsync(queue, message, cancellationToken);

    public Task<IReadOnlyList<PublishResult>> PublishBatchAsync(string queue, IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken = default) =>
        inner.PublishBatchAsync(queue, messages, cancellationToken);

    public Task<IReadOnlyList<PoppedMessage>> PopAsync(string queue, int maxMessages = 1, CancellationToken cancellationToken = default) =>
        inner.PopAsync(queue, maxMessages, cancellationToken);

    public Task<BrowsePage> BrowseAsync(
        string queue, MessageState state = MessageState.Ready, int? limit = null, string? after = null, CancellationToken cancellationToken = default) =>
        inner.BrowseAsync(queue, state, limit, after, cancellationToken);

    public Task<BrowsedMessage> GetMessageAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        inner.GetMessageAsync(queue, id, cancellationToken);

    public Task<BrowsedMessage> EditMessageAsync(string queue, string id, MessageEdit edit, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        inner.EditMessageAsync(queue, id, edit, ifMatchVersion, cancellationToken);

    public Task CancelMessageAsync(string queue, string id, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        inner.CancelMessageAsync(queue, id, ifMatchVersion, cancellationToken);

    public Task<IReadOnlyList<AckResult>> AckBatchAsync(string queue, IReadOnlyList<LeaseReference> leases, CancellationToken cancellationToken = default) =>
        inner.AckBatchAsync(queue, leases, cancellationToken);

    private void Settled()
    {
        lock (_lock)
        {
            _held--;
        }
    }
}
