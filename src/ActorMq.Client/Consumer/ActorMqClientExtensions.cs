namespace ActorMq.Client;

/// <summary>
/// What every <see cref="IActorMqClient"/> can do on top of its operations: subscribe (a push consumer), and settle a
/// <see cref="ReceivedMessage"/> without spelling out its queue, id and token.
/// </summary>
public static class ActorMqClientExtensions
{
    /// <summary>
    /// Starts consuming <paramref name="queue"/>: <paramref name="handler"/> runs on each message; the message is acked
    /// when it returns and nacked when it throws. Dispose the subscription (or call
    /// <see cref="Subscription.StopAsync"/>) to stop gracefully.
    /// </summary>
    /// <param name="client">The client to receive, ack, nack and extend with.</param>
    /// <param name="queue">The queue to consume; it must exist.</param>
    /// <param name="handler">
    /// Handles one message. Its token is cancelled when the message's lease is lost (an extension refused, or the lease
    /// run out) or when a stop's timeout has passed.
    /// </param>
    /// <param name="options">Concurrency, prefetch, leases, retries, stop; null for the defaults.</param>
    /// <param name="cancellationToken">Cancels subscribing (not the subscription).</param>
    /// <returns>The running subscription.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static async Task<Subscription> SubscribeAsync(
        this IActorMqClient client,
        string queue,
        Func<ReceivedMessage, CancellationToken, Task> handler,
        SubscriptionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(queue);
        ArgumentNullException.ThrowIfNull(handler);
        options ??= new SubscriptionOptions();
        options.Validate();

        // The queue must exist, and its visibility timeout is the lease duration unless the options name one.
        var info = await client.GetQueueAsync(queue, cancellationToken).ConfigureAwait(false);
        return new Subscription(client, queue, handler, options, options.VisibilityTimeout ?? info.Settings.VisibilityTimeout);
    }

    /// <summary>Publishes a message with only a body.</summary>
    /// <param name="client">The client.</param>
    /// <param name="queue">The queue name.</param>
    /// <param name="body">The body.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public static Task<PublishResult> PublishAsync(this IActorMqClient client, string queue, MessageBody body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.PublishAsync(queue, new PublishMessage(body), cancellationToken);
    }

    /// <summary>Acknowledges a received message with its lease.</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">A message a receive returned.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one.</exception>
    public static Task AckAsync(this IActorMqClient client, ReceivedMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        return client.AckAsync(message.Queue, message.Id, message.Lease.Token, cancellationToken);
    }

    /// <summary>Gives a received message back: ready at once, after <paramref name="delay"/>, or dead-lettered.</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">A message a receive returned.</param>
    /// <param name="delay">How long it waits before it is ready again; null for at once.</param>
    /// <param name="deadLetter">True to dead-letter it now.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one.</exception>
    public static Task NackAsync(
        this IActorMqClient client, ReceivedMessage message, TimeSpan? delay = null, bool deadLetter = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        return client.NackAsync(message.Queue, message.Id, message.Lease.Token, delay, deadLetter, cancellationToken);
    }

    /// <summary>Extends the lease of a received message to now + <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="message">A message a receive returned.</param>
    /// <param name="visibilityTimeout">How long from now; null for the queue's visibility timeout.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When the lease now ends.</returns>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one.</exception>
    public static Task<DateTimeOffset> ExtendLeaseAsync(
        this IActorMqClient client, ReceivedMessage message, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(message);
        return client.ExtendLeaseAsync(message.Queue, message.Id, message.Lease.Token, visibilityTimeout, cancellationToken);
    }
}
