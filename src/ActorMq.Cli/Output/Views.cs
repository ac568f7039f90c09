using System.Globalization;
using System.Text.Json.Nodes;
using ActorMq.Client;

namespace ActorMq.Cli.Output;

/// <summary>
/// How queues and messages are shown: their JSON (and YAML) shape, the API's camelCase one, and their text table
/// columns.
/// </summary>
internal static class Views
{
    /// <summary>The columns of <c>view</c>.</summary>
    public static readonly IReadOnlyList<Column<QueueInfo>> QueueColumns =
    [
        new("QUEUE", q => q.Name),
        new("READY", q => Number(q.Counts.Ready), AlignRight: true),
        new("SCHEDULED", q => Number(q.Counts.Scheduled), AlignRight: true),
        new("DELAYED", q => Number(q.Counts.Delayed), AlignRight: true),
        new("INFLIGHT", q => Number(q.Counts.Inflight), AlignRight: true),
        new("PUBLISHED", q => Number(q.Totals.Published), AlignRight: true),
        new("ACKED", q => Number(q.Totals.Acked), AlignRight: true),
        new("DEAD-LETTERED", q => Number(q.Totals.DeadLettered), AlignRight: true),
    ];

    /// <summary>The columns of <c>consume</c> and <c>peek</c>.</summary>
    public static readonly IReadOnlyList<Column<QueueMessage>> MessageColumns =
    [
        new("ID", m => m.Id),
        new("PRIORITY", m => Number(m.Priority), AlignRight: true),
        new("RECEIVES", m => Number(m.ReceiveCount), AlignRight: true),
        new("PUBLISHED", m => Time(m.PublishedAt)),
        new("BODY", m => BodyText(m.Body)),
    ];

    /// <summary>The columns of <c>schedule list</c>.</summary>
    public static readonly IReadOnlyList<Column<BrowsedMessage>> ScheduledColumns =
    [
        new("ID", m => m.Id),
        new("DELIVER-AT", m => m.DeliverAt is { } at ? Time(at) : "-"),
        new("PRIORITY", m => Number(m.Priority), AlignRight: true),
        new("VERSION", m => Number(m.Version), AlignRight: true),
        new("BODY", m => BodyText(m.Body)),
    ];

    /// <summary>A queue: name, settings, counts, totals (as <c>GET /v1/queues/{q}</c> writes it).</summary>
    public static JsonObject Queue(QueueInfo queue)
    {
        var s = queue.Settings;
        return new JsonObject
        {
            ["name"] = queue.Name,
            ["settings"] = new JsonObject
            {
                ["visibilityTimeoutSeconds"] = Seconds(s.VisibilityTimeout),
                ["maxReceives"] = s.MaxReceives,
                ["deadLetterQueue"] = s.DeadLetterQueue,
                ["retryDelaySeconds"] = Seconds(s.RetryDelay),
                ["messageTtlSeconds"] = s.MessageTtl is { } ttl ? Seconds(ttl) : null,
                ["deadLetterExpired"] = s.DeadLetterExpired,
                ["defaultPriority"] = s.DefaultPriority,
                ["dedupWindowSeconds"] = Seconds(s.DedupWindow),
                ["maxMessageBytes"] = s.MaxMessageBytes,
                ["maxDepth"] = s.MaxDepth,
            },
            ["counts"] = new JsonObject
            {
                ["ready"] = queue.Counts.Ready,
                ["scheduled"] = queue.Counts.Scheduled,
                ["delayed"] = queue.Counts.Delayed,
                ["inflight"] = queue.Counts.Inflight,
            },
            ["totals"] = new JsonObject
            {
                ["published"] = queue.Totals.Published,
                ["delivered"] = queue.Totals.Delivered,
                ["acked"] = queue.Totals.Acked,
                ["deadLettered"] = queue.Totals.DeadLettered,
                ["expired"] = queue.Totals.Expired,
            },
        };
    }

    /// <summary>
    /// A message as the API writes it (<c>body</c> as its JSON value, or <c>bodyBase64</c>), with its state and version
    /// when browsed; never a lease token. Members without a value are left out.
    /// </summary>
    public static JsonObject Message(QueueMessage message)
    {
        var data = new JsonObject { ["id"] = message.Id };
        if (message is BrowsedMessage browsed)
        {
            data["state"] = StateName(browsed.State);
            data["version"] = browsed.Version;
        }

        if (message.Body.IsBinary)
        {
            data["bodyBase64"] = Convert.ToBase64String(message.Body.Bytes.Span);
        }
        else
        {
            data["body"] = Body(message.Body);
        }

        data["priority"] = message.Priority;
        var headers = new JsonObject();
        foreach (var (name, value) in message.Headers.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            headers[name] = value;
        }

        data["headers"] = headers;
        Add(data, "contentType", message.ContentType);
        data["publishedAt"] = Time(message.PublishedAt);
        Add(data, "deliverAt", message.DeliverAt);
        data["receiveCount"] = message.ReceiveCount;
        Add(data, "firstReceivedAt", message.FirstReceivedAt);
        if (message is BrowsedMessage b)
        {
            Add(data, "delayedUntil", b.DelayedUntil);
            Add(data, "expiresAt", b.ExpiresAt);
            Add(data, "leaseExpiresAt", b.LeaseExpiresAt);
        }

        return data;
    }

    /// <summary>A publish result.</summary>
    public static JsonObject Published(string queue, PublishResult result)
    {
        var data = new JsonObject { ["queue"] = queue, ["id"] = result.Id, ["state"] = StateName(result.State) };
        Add(data, "deliverAt", result.DeliverAt);
        data["duplicate"] = result.Duplicate;
        return data;
    }

    /// <summary>
    /// A JSON body as a JSON value, written exactly as stored (numbers as spelled, repeated keys kept); a <c>null</c>
    /// body is the JSON null.
    /// </summary>
    public static JsonNode? Body(MessageBody body) => JsonNode.Parse(body.Bytes.Span);

    /// <summary>A body in a table: its JSON text, or <c>(binary, N bytes)</c>.</summary>
    public static string BodyText(MessageBody body) => body.IsBinary ? $"(binary, {Number(body.Length)} bytes)" : body.AsJson();

    /// <summary>An instant as RFC 3339 UTC, with as many fractional digits as it has.</summary>
    public static string Time(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>A duration as seconds, exact to the tick (<c>30</c>, <c>0.5</c>).</summary>
    public static decimal Seconds(TimeSpan duration) => decimal.Divide(duration.Ticks, TimeSpan.TicksPerSecond);

    /// <summary><c>1 message</c>, <c>2 messages</c>.</summary>
    public static string Messages(long count, string noun = "message") => count == 1 ? $"1 {noun}" : $"{Number(count)} {noun}s";

    /// <summary>A number as text, without grouping.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The lowercase name of a state, as the API writes it.</summary>
    public static string StateName(MessageState state) => state.ToString().ToLowerInvariant();

    private static void Add(JsonObject data, string name, string? value)
    {
        if (value is not null)
        {
            data[name] = value;
        }
    }

    private static void Add(JsonObject data, string name, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            data[name] = Time(instant);
        }
    }
}
