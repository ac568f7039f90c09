using ActorMq.Client.Mapping;
using ActorMq.Client.Transport;
using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Serialization;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Configuration;

namespace ActorMq.Client;

/// <summary>
/// <see cref="IActorMqClient"/> over Akka.Remote: every operation is one message to the client gateway actor of a
/// gateway node (<c>/user/actormq-client-gateway</c>), asked with <see cref="ActorMqAkkaClientOptions.RequestTimeout"/>
/// (plus a long poll's wait) and the caller's token, and answered with the same models and typed exceptions as
/// <see cref="ActorMqHttpClient"/> (<see cref="ValidationException"/> naming the same field, …). A request that got no
/// answer throws <see cref="UnavailableException"/>. Several contact points give failover (see
/// <see cref="AkkaTransport"/>). Thread-safe; make one per application and dispose it at the end.
/// </summary>
/// <example>
/// <code>
/// await using var client = new ActorMqAkkaClient(new ActorMqAkkaClientOptions
/// {
///     ContactPoints = ["akka.tcp://actormq@10.0.0.1:4053", "akka.tcp://actormq@10.0.0.2:4053"],
/// });
/// await client.PublishAsync("orders", MessageBody.Json("""{"orderId": 42}"""));
/// </code>
/// </example>
public sealed class ActorMqAkkaClient : IActorMqClient, IAsyncDisposable, IDisposable
{
    private readonly IGatewayRoute _route;
    private readonly ActorSystem? _ownSystem;
    private readonly TimeSpan _requestTimeout;
    private int _disposed;

    /// <summary>A client with an actor system of its own (remoting on <see cref="ActorMqAkkaClientOptions.Hostname"/>), disposed with it.</summary>
    /// <param name="options">Contact points and transport.</param>
    /// <exception cref="ArgumentException">The options are not valid.</exception>
    public ActorMqAkkaClient(ActorMqAkkaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _ownSystem = ActorSystem.Create(options.SystemName, ClientConfig.For(options));
        _requestTimeout = options.RequestTimeout;
        _route = Route(_ownSystem, options);
    }

    /// <summary>
    /// A client in an actor system of the caller's, which keeps it running after the client is disposed. The system
    /// must use remoting and include <see cref="Config"/> (ActorMq's serializer bindings and the ClusterClient's).
    /// </summary>
    /// <param name="system">A remoting actor system whose configuration includes <see cref="Config"/>.</param>
    /// <param name="options">Contact points and transport; the endpoint options do not apply.</param>
    /// <exception cref="ArgumentException">The options are not valid, or the system cannot carry ActorMq's messages.</exception>
    public ActorMqAkkaClient(ActorSystem system, ActorMqAkkaClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        RequireSerializer(system);
        _requestTimeout = options.RequestTimeout;
        _route = Route(system, options);
    }

    private ActorMqAkkaClient(IGatewayRoute route, TimeSpan requestTimeout)
    {
        _route = route;
        _requestTimeout = requestTimeout;
    }

    /// <summary>
    /// What an actor system needs to carry the client's traffic: the remote provider, frames as large as the nodes',
    /// ActorMq's serializer and the ClusterClient's. Add it as a fallback of a system you pass to the client.
    /// </summary>
    public static Config Config => ClientConfig.Required;

    /// <summary>
    /// A client of a gateway actor known by reference, such as the one an in-process node (ActorMq.TestKit) runs in the
    /// same actor system: no remoting, no failover.
    /// </summary>
    /// <param name="gateway">The client gateway actor.</param>
    /// <param name="requestTimeout">How long a request waits for its answer (a long poll's wait comes on top).</param>
    public static ActorMqAkkaClient ForGateway(IActorRef gateway, TimeSpan requestTimeout)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new ActorMqAkkaClient(new ActorRefRoute(gateway), requestTimeout);
    }

    /// <summary>Where requests go: the contact points, or the gateway actor's path.</summary>
    public string Target => _route.Description;

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken = default)
    {
        var answer = await AskAsync(ListQueues.Instance, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            QueueList list => list.Queues.Select(ReplyMapping.Queue).ToArray(),
            QueueResponse { Error: { } error } => throw ErrorMapping.ToException(error),
            _ => throw ErrorMapping.Unexpected($"{answer.GetType().Name} to a queue list"),
        };
    }

    /// <inheritdoc />
    public async Task<QueueInfo> GetQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        ReplyMapping.Queue((await AskAsync<QueueFound>(new GetQueue(RequestMapping.Queue(queue)), cancellationToken).ConfigureAwait(false)).Queue);

    /// <inheritdoc />
    public async Task<CreateOrUpdateQueueResult> CreateOrUpdateQueueAsync(string queue, QueueSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var reply = await AskAsync<QueueConfiguredReply>(Request(name, new ConfigureQueue(RequestMapping.Settings(name, settings))), cancellationToken).ConfigureAwait(false);
        return new CreateOrUpdateQueueResult(ReplyMapping.Queue(reply.Queue), reply.Created);
    }

    /// <inheritdoc />
    public Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        AskAsync<QueueDeletedReply>(Request(RequestMapping.Queue(queue), DeleteQueue.Instance), cancellationToken);

    /// <inheritdoc />
    public async Task<long> PurgeQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        (await AskAsync<Removed>(Request(RequestMapping.Queue(queue), Purge.Instance), cancellationToken).ConfigureAwait(false)).Count;

    /// <inheritdoc />
    public async Task<long> SweepQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        (await AskAsync<Removed>(Request(RequestMapping.Queue(queue), SweepExpired.Instance), cancellationToken).ConfigureAwait(false)).Count;

    /// <inheritdoc />
    public async Task<long> RedriveAsync(string deadLetterQueue, string? to = null, int? max = null, CancellationToken cancellationToken = default)
    {
        var request = Request(RequestMapping.Queue(deadLetterQueue), RequestMapping.Redrive(to, max));
        return (await AskAsync<Redriven>(request, cancellationToken).ConfigureAwait(false)).Moved;
    }

    /// <inheritdoc />
    public async Task<PublishResult> PublishAsync(string queue, PublishMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = Request(RequestMapping.Queue(queue), RequestMapping.Publish([message], batch: false));
        var published = await AskAsync<Published>(request, cancellationToken).ConfigureAwait(false);
        return published.Results is [var result]
            ? ReplyMapping.Published(result)
            : throw ErrorMapping.Unexpected($"{published.Results.Count} results to a publish of one message");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublishResult>> PublishBatchAsync(string queue, IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken = default)
    {
        var request = Request(RequestMapping.Queue(queue), RequestMapping.Publish(messages, batch: true));
        var published = await AskAsync<Published>(request, cancellationToken).ConfigureAwait(false);
        return published.Results.Select(ReplyMapping.Published).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        string queue, int maxMessages = 1, TimeSpan? visibilityTimeout = null, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var (receive, waited) = RequestMapping.Receive(maxMessages, visibilityTimeout, wait);
        var delivered = await AskAsync<Delivered>(new QueueRequest(name, receive, waited), cancellationToken, waited).ConfigureAwait(false);
        return delivered.Messages.Select(m => ReplyMapping.Received(name, m)).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PoppedMessage>> PopAsync(string queue, int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var delivered = await AskAsync<Delivered>(Request(name, RequestMapping.Pop(maxMessages)), cancellationToken).ConfigureAwait(false);
        return delivered.Messages.Select(m => ReplyMapping.Popped(name, m)).ToArray();
    }

    /// <inheritdoc />
    public async Task<BrowsePage> BrowseAsync(
        string queue, MessageState state = MessageState.Ready, int? limit = null, string? after = null, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var page = (await AskAsync<MessagesBrowsed>(RequestMapping.Browse(name, state, limit, after), cancellationToken).ConfigureAwait(false)).Page;
        return new BrowsePage(page.Messages.Select(m => ReplyMapping.Browsed(name, m)).ToArray(), page.Next);
    }

    /// <inheritdoc />
    public async Task<BrowsedMessage> GetMessageAsync(string queue, string id, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var found = await AskAsync<MessageFound>(new GetMessage(name, RequestMapping.MessageId(id)), cancellationToken).ConfigureAwait(false);
        return ReplyMapping.Browsed(name, found.Message);
    }

    /// <inheritdoc />
    public async Task<BrowsedMessage> EditMessageAsync(string queue, string id, MessageEdit edit, long? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var command = new EditMessage(RequestMapping.MessageId(id), RequestMapping.Patch(edit), ifMatchVersion);
        var edited = await AskAsync<Edited>(Request(name, command), cancellationToken).ConfigureAwait(false);
        return ReplyMapping.Browsed(name, edited.Message);
    }

    /// <inheritdoc />
    public Task CancelMessageAsync(string queue, string id, long? ifMatchVersion = null, CancellationToken cancellationToken = default) =>
        AskAsync<Done>(Request(RequestMapping.Queue(queue), new CancelMessage(RequestMapping.MessageId(id), ifMatchVersion)), cancellationToken);

    /// <inheritdoc />
    public async Task AckAsync(string queue, string id, string leaseToken, CancellationToken cancellationToken = default)
    {
        var request = Request(RequestMapping.Queue(queue), new Ack([new LeaseRef(RequestMapping.MessageId(id), RequestMapping.Token(leaseToken))]));
        var acked = await AskAsync<Acked>(request, cancellationToken).ConfigureAwait(false);
        if (acked.Results is [{ Error: { } error }])
        {
            throw ErrorMapping.ToException(error);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AckResult>> AckBatchAsync(string queue, IReadOnlyList<LeaseReference> leases, CancellationToken cancellationToken = default)
    {
        var request = Request(RequestMapping.Queue(queue), RequestMapping.AckBatch(leases));
        var acked = await AskAsync<Acked>(request, cancellationToken).ConfigureAwait(false);
        return acked.Results.Select(ReplyMapping.Acked).ToArray();
    }

    /// <inheritdoc />
    public Task NackAsync(string queue, string id, string leaseToken, TimeSpan? delay = null, bool deadLetter = false, CancellationToken cancellationToken = default)
    {
        var name = RequestMapping.Queue(queue);
        var nack = RequestMapping.Nack(RequestMapping.MessageId(id), RequestMapping.Token(leaseToken), delay, deadLetter);
        return AskAsync<Done>(Request(name, nack), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset> ExtendLeaseAsync(
        string queue, string id, string leaseToken, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var extend = new Extend(RequestMapping.MessageId(id), RequestMapping.Token(leaseToken), visibilityTimeout);
        var extended = await AskAsync<Extended>(Request(RequestMapping.Queue(queue), extend), cancellationToken).ConfigureAwait(false);
        return extended.ExpiresAt.ToUniversalTime();
    }

    /// <summary>Stops the client's actors, and its actor system if it started one.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _route.DisposeAsync().ConfigureAwait(false);
        if (_ownSystem is not null)
        {
            await _ownSystem.Terminate().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the client's actors, and its actor system if it started one (waiting at most 10 s).</summary>
    public void Dispose() =>
        // After 10 s the system goes on shutting down in the background.
        _ = DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(10));

    private static QueueRequest Request(string queue, QueueCommand command) => new(queue, command);

    private static IGatewayRoute Route(ActorSystem system, ActorMqAkkaClientOptions options)
    {
        var contacts = options.ContactPoints.Select(Address.Parse).ToArray();
        return options.Transport == AkkaTransport.ClusterClient
            ? new ClusterClientRoute(system, contacts)
            : new DirectRoute(system, contacts, options.ConnectTimeout);
    }

    private static void RequireSerializer(ActorSystem system)
    {
        var serializer = system.Serialization.FindSerializerForType(typeof(QueueRequest));
        if (serializer is not ActorMqSerializer || system.Settings.ProviderClass.Contains("LocalActorRefProvider", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "the actor system cannot carry ActorMq's messages: it must use remoting and include ActorMqAkkaClient.Config in its configuration",
                nameof(system));
        }
    }

    private async Task<TReply> AskAsync<TReply>(IActorMqMessage message, CancellationToken cancellationToken, TimeSpan wait = default)
        where TReply : QueueReply
    {
        var answer = await AskAsync(message, wait, cancellationToken).ConfigureAwait(false);
        return answer switch
        {
            QueueResponse { Error: { } error } => throw ErrorMapping.ToException(error),
            QueueResponse { Reply: TReply reply } => reply,
            _ => throw ErrorMapping.Unexpected(
                $"{(answer as QueueResponse)?.Reply?.GetType().Name ?? answer.GetType().Name} where {typeof(TReply).Name} was expected"),
        };
    }

    private async Task<object> AskAsync(IActorMqMessage message, TimeSpan wait, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var timeout = _requestTimeout + wait;
        try
        {
            return await _route.AskAsync(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is AskTimeoutException or TimeoutException or OperationCanceledException or ActorNotFoundException)
        {
            throw ErrorMapping.NoAnswer(_route.Description, timeout, e);
        }
    }
}
