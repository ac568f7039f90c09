namespace ActorMq.Client;

/// <summary>
/// Every operation of ActorMq (DESIGN.md section 4), whatever the transport: <see cref="ActorMqHttpClient"/> speaks
/// the HTTP API. Failures are thrown as <see cref="ActorMqException"/>s: <see cref="ValidationException"/> (400),
/// <see cref="NotFoundException"/> (404), <see cref="ConflictException"/> and <see cref="StaleLeaseException"/> (409),
/// <see cref="PreconditionFailedException"/> (412), <see cref="PayloadTooLargeException"/> (413),
/// <see cref="QueueFullException"/> (429) and <see cref="UnavailableException"/> (503 or no answer); a cancelled
/// <see cref="CancellationToken"/> throws <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// To consume messages as they arrive, use <see cref="ActorMqClientExtensions.SubscribeAsync"/>, which works over any
/// implementation.
/// </remarks>
public interface IActorMqClient
{
    /// <summary>Every queue with its settings, counts and totals, by name.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken = default);

    /// <summary>One queue's settings, counts and totals.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<QueueInfo> GetQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates a queue, or replaces the settings of an existing one: settings are replaced whole, so unchanged ones
    /// must be passed too (start from those <see cref="GetQueueAsync"/> returned).
    /// </summary>
    /// <param name="queue">The queue name: <c>^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$</c>.</param>
    /// <param name="settings">The settings; null for every default.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="ValidationException">A bad name or setting; <see cref="ActorMqException.Field"/> names it.</exception>
    Task<CreateOrUpdateQueueResult> CreateOrUpdateQueueAsync(string queue, QueueSettings? settings = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a queue with all its messages.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>Removes every live message of a queue, in-flight and scheduled ones included.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many messages were removed.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<long> PurgeQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes (or dead-letters, if the queue says so) every ready or delayed message whose time to live has run out,
    /// now rather than when it would next be delivered. An ActorMq extension of the API.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many messages expired.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<long> SweepQueueAsync(string queue, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves the ready messages of a dead-letter queue back to their source queue (or to <paramref name="to"/>), at
    /// the back, with their receive count reset; answers once they are moved.
    /// </summary>
    /// <param name="deadLetterQueue">The dead-letter queue, such as <c>orders.dlq</c>.</param>
    /// <param name="to">Where to move them; null for the queue each came from.</param>
    /// <param name="max">At most this many (1 or more); null for all.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many messages were moved.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<long> RedriveAsync(string deadLetterQueue, string? to = null, int? max = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes one message; answers once it is persisted. Publishing to a missing queue creates it with default
    /// settings unless the node runs with auto-create off.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the request (the message may still have been stored).</param>
    /// <exception cref="ValidationException">A bad property; <see cref="ActorMqException.Field"/> names it.</exception>
    /// <exception cref="ConflictException">A live message already has the client-supplied id.</exception>
    /// <exception cref="PayloadTooLargeException">The body is over the queue's <c>maxMessageBytes</c>.</exception>
    /// <exception cref="QueueFullException">The queue is at its <c>maxDepth</c>.</exception>
    Task<PublishResult> PublishAsync(string queue, PublishMessage message, CancellationToken cancellationToken = default);

    /// <summary>
    /// Publishes 1-1000 messages, all or none; answers once they are persisted, with one result per message in
    /// order. Errors name the message, such as <c>messages[3].priority</c>.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="messages">The messages.</param>
    /// <param name="cancellationToken">Cancels the request (the messages may still have been stored).</param>
    /// <exception cref="QueueFullException">Storing them all would take the queue over its <c>maxDepth</c>; none was stored.</exception>
    Task<IReadOnlyList<PublishResult>> PublishBatchAsync(string queue, IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Leases up to <paramref name="maxMessages"/> ready messages, in priority then publish order. With
    /// <paramref name="wait"/>, waits up to that long for a message when none is ready (long polling).
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="maxMessages">1-1000.</param>
    /// <param name="visibilityTimeout">How long the leases last; null for the queue's visibility timeout.</param>
    /// <param name="wait">How long to wait for a message, at most 20 s; null or zero to answer at once.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The leased messages; empty when none was ready.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        string queue, int maxMessages = 1, TimeSpan? visibilityTimeout = null, TimeSpan? wait = null, CancellationToken cancellationToken = default);

    /// <summary>Receives and deletes up to <paramref name="maxMessages"/> ready messages in one step (at-most-once).</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="maxMessages">1-1000.</param>
    /// <param name="cancellationToken">Cancels the request (the messages may still have been removed).</param>
    /// <returns>The removed messages; empty when none was ready.</returns>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<IReadOnlyList<PoppedMessage>> PopAsync(string queue, int maxMessages = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the messages in one state, in delivery order (scheduled ones by due time); changes nothing and
    /// shows no lease tokens.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="state">Which state to list. Default <see cref="MessageState.Ready"/>.</param>
    /// <param name="limit">Page size, 1-1000; null for the server's default (100).</param>
    /// <param name="after">The <see cref="BrowsePage.Next"/> cursor of the previous page; null for the first page.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="QueueNotFoundException">No such queue.</exception>
    Task<BrowsePage> BrowseAsync(
        string queue, MessageState state = MessageState.Ready, int? limit = null, string? after = null, CancellationToken cancellationToken = default);

    /// <summary>One live message with its state and <see cref="BrowsedMessage.Version"/> (its ETag).</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="NotFoundException">No such queue (<see cref="QueueNotFoundException"/>) or live message
    /// (<see cref="MessageNotFoundException"/>).</exception>
    Task<BrowsedMessage> GetMessageAsync(string queue, string id, CancellationToken cancellationToken = default);

    /// <summary>Edits a scheduled, delayed or ready message.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="edit">What to change.</param>
    /// <param name="ifMatchVersion">Edit only if the message still has this <see cref="BrowsedMessage.Version"/>; null
    /// for any version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The message as edited, with its new version.</returns>
    /// <exception cref="PreconditionFailedException">The message's version is not <paramref name="ifMatchVersion"/>.</exception>
    /// <exception cref="ConflictException">The message is in flight.</exception>
    /// <exception cref="MessageNotFoundException">No such live message.</exception>
    Task<BrowsedMessage> EditMessageAsync(string queue, string id, MessageEdit edit, long? ifMatchVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Cancels (deletes) a scheduled, delayed or ready message.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="ifMatchVersion">Cancel only if the message still has this version; null for any version.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="PreconditionFailedException">The message's version is not <paramref name="ifMatchVersion"/>.</exception>
    /// <exception cref="ConflictException">The message is in flight.</exception>
    /// <exception cref="MessageNotFoundException">No such live message.</exception>
    Task CancelMessageAsync(string queue, string id, long? ifMatchVersion = null, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges a received message: it is gone for good.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="leaseToken">The token of its current lease.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one; nothing changed.</exception>
    /// <exception cref="MessageNotFoundException">The message is gone.</exception>
    Task AckAsync(string queue, string id, string leaseToken, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges 1-1000 received messages; each succeeds or fails on its own.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="leases">The leases to acknowledge.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>One result per lease, in order.</returns>
    Task<IReadOnlyList<AckResult>> AckBatchAsync(string queue, IReadOnlyList<LeaseReference> leases, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a received message back: ready at once (keeping its priority and place), after
    /// <paramref name="delay"/>, or, with <paramref name="deadLetter"/>, to the dead-letter queue.
    /// </summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="leaseToken">The token of its current lease.</param>
    /// <param name="delay">How long it waits before it is ready again; null for at once.</param>
    /// <param name="deadLetter">True to dead-letter it now (not with a <paramref name="delay"/>).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one; nothing changed.</exception>
    Task NackAsync(string queue, string id, string leaseToken, TimeSpan? delay = null, bool deadLetter = false, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease of a received message to now + <paramref name="visibilityTimeout"/>.</summary>
    /// <param name="queue">The queue name.</param>
    /// <param name="id">The message id.</param>
    /// <param name="leaseToken">The token of its current lease (it stays the same).</param>
    /// <param name="visibilityTimeout">How long from now the lease lasts; null for the queue's visibility timeout.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>When the lease now ends (the server's clock).</returns>
    /// <exception cref="StaleLeaseException">The lease expired or is not the current one; nothing changed.</exception>
    Task<DateTimeOffset> ExtendLeaseAsync(
        string queue, string id, string leaseToken, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default);
}
