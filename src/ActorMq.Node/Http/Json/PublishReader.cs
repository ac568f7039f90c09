using System.Runtime.InteropServices;
using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>A parsed publish request: its messages in order, and whether it was sent as a batch.</summary>
internal sealed record PublishBody(IReadOnlyList<PublishRequest> Messages, bool IsBatch);

/// <summary>
/// Reads <c>POST /v1/queues/{q}/messages</c>: one message object, or <c>{"messages": [ … ]}</c>. A <c>body</c> is
/// kept as the exact UTF-8 text it was sent as (every escape, every digit of a number, the whitespace inside it);
/// a <c>bodyBase64</c> is decoded to binary.
/// </summary>
internal static class PublishReader
{
    private const string Expected = "a message such as {\"body\": {\"orderId\": 42}}, or a batch {\"messages\": [ … ]}";

    private static readonly string[] BatchFields = ["messages"];

    private static readonly string[] MessageFields =
        ["body", "bodyBase64", "id", "priority", "deliverAt", "delaySeconds", "ttlSeconds", "headers", "contentType", "dedupId"];

    /// <summary>Reads a publish request body.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static PublishBody Read(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, Expected);
        return Read(JsonRequest.RootObject(document, Expected), "");
    }

    /// <summary>Reads a publish request found at <paramref name="path"/> ("" when it is the whole body).</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field by its path (400).</exception>
    internal static PublishBody Read(JsonElement request, string path)
    {
        if (request.ValueKind != JsonValueKind.Object || !request.TryGetProperty("messages", out _))
        {
            return new PublishBody([ReadMessage(request, path)], IsBatch: false);
        }

        var batch = JsonFields.Of(request, path, "a publish batch", BatchFields);
        var messagesPath = batch.PathOf("messages");
        var list = batch.Array("messages")
            ?? throw RequestError.Invalid(messagesPath, $"'{messagesPath}' must be an array of 1-{Limits.MaxPublishBatch} messages; got null.");
        var count = list.GetArrayLength();
        if (count is 0 or > Limits.MaxPublishBatch)
        {
            throw RequestError.Invalid(messagesPath, $"'{messagesPath}' holds {count} messages; a batch holds 1-{Limits.MaxPublishBatch}.");
        }

        var messages = new PublishRequest[count];
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            messages[i] = ReadMessage(entry, $"{messagesPath}[{i}]");
            i++;
        }

        return new PublishBody(messages, IsBatch: true);
    }

    /// <summary>Reads one message object found at <paramref name="path"/> ("" when it is the whole body).</summary>
    internal static PublishRequest ReadMessage(JsonElement element, string path)
    {
        var fields = JsonFields.Of(element, path, "a message", MessageFields);
        var id = fields.String("id");
        if (id is not null && MessageIds.Validate(id, fields.PathOf("id")) is { } idError)
        {
            throw new QueueErrorException(idError);
        }

        var deliverAt = fields.Timestamp("deliverAt");
        var delay = fields.Seconds("delaySeconds");
        if (deliverAt is not null && delay is not null)
        {
            throw RequestError.Invalid(fields.PathOf("deliverAt"), $"give '{fields.PathOf("deliverAt")}' or '{fields.PathOf("delaySeconds")}', not both.");
        }

        return new PublishRequest
        {
            Id = id,
            Body = ReadBody(fields) ?? throw RequestError.Invalid(
                fields.PathOf("body"),
                $"'{fields.PathOf("body")}' is required: give 'body' (any JSON value) or 'bodyBase64' (binary, as base64)."),
            ContentType = fields.String("contentType"),
            Headers = fields.Headers("headers"),
            Priority = Priority(fields),
            DeliverAt = deliverAt,
            Delay = delay,
            Ttl = fields.Seconds("ttlSeconds"),
            DedupId = fields.String("dedupId"),
        };
    }

    /// <summary>
    /// The <c>body</c> (any JSON value, <c>null</c> included, as its exact text) or the decoded <c>bodyBase64</c>;
    /// null when neither is given.
    /// </summary>
    internal static MessageBody? ReadBody(JsonFields fields)
    {
        var json = fields.Element("body");
        var base64 = fields.Has("bodyBase64");
        if (json is not null && base64)
        {
            throw RequestError.Invalid(fields.PathOf("bodyBase64"), $"give '{fields.PathOf("body")}' or '{fields.PathOf("bodyBase64")}', not both.");
        }

        if (json is { } value)
        {
            // The raw slice of the request, not a re-serialization: strings keep their escapes, numbers their spelling.
            return MessageBody.Json(JsonMarshal.GetRawUtf8Value(value));
        }

        if (!base64)
        {
            return null;
        }

        var text = fields.String("bodyBase64")
            ?? throw RequestError.Invalid(fields.PathOf("bodyBase64"), $"'{fields.PathOf("bodyBase64")}' must be a base64 string; got null.");
        var bytes = new byte[text.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(text, bytes, out var written)
            ? MessageBody.Binary(bytes.AsSpan(0, written))
            : throw RequestError.Invalid(
                fields.PathOf("bodyBase64"),
                $"'{fields.PathOf("bodyBase64")}' is not valid base64: use the standard alphabet (A-Z, a-z, 0-9, '+', '/') with '=' padding.");
    }

    /// <summary>A priority: a whole number, 0 or more.</summary>
    internal static int? Priority(JsonFields fields) => fields.Int32("priority", min: 0);
}
