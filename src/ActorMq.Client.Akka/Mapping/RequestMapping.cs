using ActorMq.Engine;
using E = ActorMq.Engine;

namespace ActorMq.Client.Mapping;

/// <summary>
/// The client's arguments as the contracts' commands, checked as the HTTP API checks its routes and request bodies
/// before anything is sent to a queue, with the same fields named (<c>queue</c>, <c>id</c>, <c>max</c>,
/// <c>waitSeconds</c>, <c>messages[3].id</c>, …). What the HTTP client refuses with <see cref="ArgumentException"/>
/// (a null or empty name, id or token) is refused the same way.
/// </summary>
internal static class RequestMapping
{
    private const int DefaultBrowseLimit = 100;

    private static readonly string[] PatchFields = ["deliverAt", "delaySeconds", "priority", "body", "bodyBase64", "headers", "contentType"];

    /// <summary>A queue name, as a route segment.</summary>
    public static string Queue(string queue, string field = "queue")
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        return QueueName.Validate(queue, field) is { } error ? throw ErrorMapping.ToException(error) : queue;
    }

    /// <summary>A message id, as a route segment.</summary>
    public static string MessageId(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return MessageIds.Validate(id, "id") is { } error ? throw ErrorMapping.ToException(error) : id;
    }

    /// <summary>A lease token.</summary>
    public static string Token(string leaseToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseToken);
        return leaseToken;
    }

    /// <summary>Settings as PUT reads them: validated, and the default dead-letter queue stored as "the default".</summary>
    public static E.QueueSettings Settings(string queue, QueueSettings? settings)
    {
        var s = settings ?? new QueueSettings();
        var mapped = new E.QueueSettings
        {
            VisibilityTimeout = s.VisibilityTimeout,
            MaxReceives = s.MaxReceives,
            DeadLetterQueue = s.DeadLetterQueue == QueueName.DefaultDeadLetterQueue(queue) ? null : s.DeadLetterQueue,
            RetryDelay = s.RetryDelay,
            MessageTtl = s.MessageTtl,
            DeadLetterExpired = s.DeadLetterExpired,
            DefaultPriority = s.DefaultPriority,
            DedupWindow = s.DedupWindow,
            MaxMessageBytes = s.MaxMessageBytes,
            MaxDepth = s.MaxDepth,
        };
        return mapped.Validate(queue) is { } error ? throw ErrorMapping.ToException(error) : mapped;
    }

    /// <summary>A publish of one message, or of a batch of 1-1000 (fields then named <c>messages[i].…</c>).</summary>
    public static Publish Publish(IReadOnlyList<PublishMessage> messages, bool batch)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (batch && messages.Count is 0 or > Limits.MaxPublishBatch)
        {
            throw ErrorMapping.Invalid("messages", $"'messages' holds {messages.Count} messages; a batch holds 1-{Limits.MaxPublishBatch}.");
        }

        var requests = new PublishRequest[messages.Count];
        for (var i = 0; i < requests.Length; i++)
        {
            requests[i] = Message(messages[i], batch ? $"messages[{i}]." : "");
        }

        return new Publish(requests, AutoCreate: true, IsBatch: batch);
    }

    /// <summary>A receive, and how long it may wait.</summary>
    public static (E.Receive Command, TimeSpan Wait) Receive(int maxMessages, TimeSpan? visibilityTimeout, TimeSpan? wait)
    {
        var max = Max(maxMessages);
        var waited = wait ?? TimeSpan.Zero;
        if (waited < TimeSpan.Zero || waited > Limits.MaxWait)
        {
            throw ErrorMapping.Invalid("waitSeconds", $"'waitSeconds' must be from 0 to {Limits.MaxWait.TotalSeconds}; got {waited.TotalSeconds}.");
        }

        return (new E.Receive(max, visibilityTimeout), waited);
    }

    /// <summary>A pop.</summary>
    public static Pop Pop(int maxMessages) => new(Max(maxMessages));

    /// <summary>A browse, <c>limit</c> 1-1000 (100 when not given).</summary>
    public static Contracts.Queries.BrowseMessages Browse(string queue, MessageState state, int? limit, string? after)
    {
        if (limit is < 1 or > QueueQueries.MaxBrowseLimit)
        {
            throw ErrorMapping.Invalid("limit", $"'limit' must be a whole number from 1 to {QueueQueries.MaxBrowseLimit}; got '{limit}'.");
        }

        if (after is { Length: 0 })
        {
            throw ErrorMapping.Invalid("after", "'after' is empty; pass the 'next' value of the previous page, or leave 'after' out for the first page.");
        }

        return new Contracts.Queries.BrowseMessages(queue, ReplyMapping.ToEngine(state), limit ?? DefaultBrowseLimit, after);
    }

    /// <summary>An edit: it must change something, and not give both a delivery time and a delay.</summary>
    public static MessagePatch Patch(MessageEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        var patch = new MessagePatch
        {
            DeliverAt = edit.DeliverAt?.ToUniversalTime(),
            Delay = edit.Delay,
            Priority = edit.Priority,
            Body = edit.Body is { } body ? Body(body) : null,
            ContentType = edit.ContentType,
            Headers = edit.Headers,
        };
        if (patch.DeliverAt is not null && patch.Delay is not null)
        {
            throw ErrorMapping.Invalid("deliverAt", "give 'deliverAt' or 'delaySeconds', not both.");
        }

        return patch == new MessagePatch()
            ? throw ErrorMapping.Invalid(null, $"The patch changes nothing; give at least one of: {string.Join(", ", PatchFields)}.")
            : patch;
    }

    /// <summary>A batch ack of 1-1000 leases.</summary>
    public static Ack AckBatch(IReadOnlyList<LeaseReference> leases)
    {
        ArgumentNullException.ThrowIfNull(leases);
        if (leases.Count is 0 or > Limits.MaxReceive)
        {
            throw ErrorMapping.Invalid("leases", $"'leases' holds {leases.Count} leases; an ack holds 1-{Limits.MaxReceive}.");
        }

        var refs = new LeaseRef[leases.Count];
        for (var i = 0; i < refs.Length; i++)
        {
            var lease = leases[i] ?? throw ErrorMapping.Invalid($"leases[{i}]", $"'leases[{i}]' must be a JSON object (a lease); got null.");
            refs[i] = new LeaseRef(
                lease.MessageId ?? throw ErrorMapping.Invalid($"leases[{i}].id", $"'leases[{i}].id' is required: the id of the received message."),
                lease.Token ?? throw ErrorMapping.Invalid($"leases[{i}].token", $"'leases[{i}].token' is required: the lease token that receive returned with the message."));
        }

        return new Ack(refs);
    }

    /// <summary>A nack: a delay or a dead-lettering, not both.</summary>
    public static Nack Nack(string id, string token, TimeSpan? delay, bool deadLetter) =>
        deadLetter && delay is not null
            ? throw ErrorMapping.Invalid("delaySeconds", "give 'delaySeconds' or 'deadLetter': true, not both: a dead-lettered message is not retried.")
            : new Nack(id, token, delay, deadLetter);

    /// <summary>A redrive: <c>to</c> must be a queue name, <c>max</c> 1 or more.</summary>
    public static Redrive Redrive(string? to, int? max)
    {
        if (to is not null && QueueName.Validate(to, "to") is { } error)
        {
            throw ErrorMapping.ToException(error);
        }

        return max is < 1
            ? throw ErrorMapping.Invalid("max", $"'max' must be a whole number of 1 or more; got {max}.")
            : new Redrive(to, max);
    }

    private static PublishRequest Message(PublishMessage message, string prefix)
    {
        if (message is null)
        {
            throw ErrorMapping.Invalid(prefix.TrimEnd('.') is { Length: > 0 } path ? path : null, "a message is required; got null.");
        }

        if (message.Id is { } id && MessageIds.Validate(id, prefix + "id") is { } idError)
        {
            throw ErrorMapping.ToException(idError);
        }

        if (message.DeliverAt is not null && message.Delay is not null)
        {
            throw ErrorMapping.Invalid(prefix + "deliverAt", $"give '{prefix}deliverAt' or '{prefix}delaySeconds', not both.");
        }

        return new PublishRequest
        {
            Id = message.Id,
            Body = message.Body is { } body
                ? Body(body)
                : throw ErrorMapping.Invalid(prefix + "body", $"'{prefix}body' is required: give 'body' (any JSON value) or 'bodyBase64' (binary, as base64)."),
            ContentType = message.ContentType,
            Headers = message.Headers,
            Priority = message.Priority,
            DeliverAt = message.DeliverAt?.ToUniversalTime(),
            Delay = message.Delay,
            Ttl = message.TimeToLive,
            DedupId = message.DedupId,
        };
    }

    private static E.MessageBody Body(MessageBody body) =>
        body.IsBinary ? E.MessageBody.Binary(body.Bytes.Span) : E.MessageBody.Json(body.Bytes.Span);

    private static int Max(int max) =>
        max is < 1 or > Limits.MaxReceive
            ? throw ErrorMapping.Invalid("max", $"'max' must be a whole number from 1 to {Limits.MaxReceive}; got {max}.")
            : max;
}
