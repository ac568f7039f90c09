using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// Reads <c>PUT /v1/queues/{q}</c>: the flat settings object, the same members as a queue's <c>settings</c>. PUT
/// replaces the whole settings object: a member not given (or <c>null</c>) takes its default, not its current value.
/// </summary>
internal static class QueueSettingsReader
{
    /// <summary>The members, in the order a queue's <c>settings</c> are written.</summary>
    public static readonly string[] Fields =
    [
        "visibilityTimeoutSeconds", "maxReceives", "deadLetterQueue", "retryDelaySeconds", "messageTtlSeconds",
        "deadLetterExpired", "defaultPriority", "dedupWindowSeconds", "maxMessageBytes", "maxDepth",
    ];

    /// <summary>
    /// The settings of queue <paramref name="queue"/>, checked with <see cref="QueueSettings.Validate"/>. An empty
    /// body means every default. A <c>deadLetterQueue</c> equal to the default <c>&lt;queue&gt;.dlq</c> is stored
    /// as "the default", so settings read from GET can be sent back unchanged.
    /// </summary>
    /// <exception cref="QueueErrorException">The request is malformed or a setting out of range; the error names it (400).</exception>
    public static QueueSettings Read(string queue, ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: true, "queue settings such as {\"visibilityTimeoutSeconds\": 60}");
        var fields = JsonFields.Of(document.RootElement, "", "queue settings", Fields);
        var defaults = QueueSettings.Default;
        var deadLetterQueue = fields.String("deadLetterQueue");
        var settings = new QueueSettings
        {
            VisibilityTimeout = fields.Seconds("visibilityTimeoutSeconds") ?? defaults.VisibilityTimeout,
            MaxReceives = fields.Int32("maxReceives") ?? defaults.MaxReceives,
            DeadLetterQueue = deadLetterQueue == QueueName.DefaultDeadLetterQueue(queue) ? null : deadLetterQueue,
            RetryDelay = fields.Seconds("retryDelaySeconds") ?? defaults.RetryDelay,
            MessageTtl = fields.Seconds("messageTtlSeconds") ?? defaults.MessageTtl,
            DeadLetterExpired = fields.Boolean("deadLetterExpired") ?? defaults.DeadLetterExpired,
            DefaultPriority = fields.Int32("defaultPriority") ?? defaults.DefaultPriority,
            DedupWindow = fields.Seconds("dedupWindowSeconds") ?? defaults.DedupWindow,
            MaxMessageBytes = fields.Int32("maxMessageBytes") ?? defaults.MaxMessageBytes,
            MaxDepth = fields.Int64("maxDepth") ?? defaults.MaxDepth,
        };

        return settings.Validate(queue) is { } error ? throw new QueueErrorException(error) : settings;
    }
}
