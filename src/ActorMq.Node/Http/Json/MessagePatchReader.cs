using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// Reads <c>PATCH /v1/queues/{q}/messages/{id}</c>: the members to change (<c>deliverAt</c> or <c>delaySeconds</c>,
/// <c>priority</c>, <c>body</c> or <c>bodyBase64</c>, <c>headers</c>, <c>contentType</c>); members not given stay as
/// they are. <c>headers</c> replaces all the old headers. A patch that changes nothing is refused.
/// </summary>
internal static class MessagePatchReader
{
    private const string Expected = "the fields to change, such as {\"priority\": 1} or {\"delaySeconds\": 60}";

    private static readonly string[] Fields = ["deliverAt", "delaySeconds", "priority", "body", "bodyBase64", "headers", "contentType"];

    /// <summary>Reads a patch request body.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static MessagePatch Read(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, Expected);
        var fields = JsonFields.Of(document.RootElement, "", "a message patch", Fields);
        var patch = new MessagePatch
        {
            DeliverAt = fields.Timestamp("deliverAt"),
            Delay = fields.Seconds("delaySeconds"),
            Priority = PublishReader.Priority(fields),
            Body = PublishReader.ReadBody(fields),
            ContentType = fields.String("contentType"),
            Headers = fields.Headers("headers"),
        };

        if (patch.DeliverAt is not null && patch.Delay is not null)
        {
            throw RequestError.Invalid("deliverAt", "give 'deliverAt' or 'delaySeconds', not both.");
        }

        return patch == new MessagePatch()
            ? throw RequestError.Invalid(null, $"The patch changes nothing; give at least one of: {string.Join(", ", Fields)}.")
            : patch;
    }
}
