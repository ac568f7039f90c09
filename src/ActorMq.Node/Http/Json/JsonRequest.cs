using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>Parsing a request body into a <see cref="JsonDocument"/>, with errors that say where the JSON went wrong.</summary>
internal static class JsonRequest
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>
    /// Parses <paramref name="body"/>. An empty body (no bytes, or only whitespace) means <c>{}</c> when
    /// <paramref name="emptyMeansEmptyObject"/>; otherwise it is refused, saying that <paramref name="expected"/> was
    /// expected. Malformed JSON is refused with its line and byte position. The document refers to
    /// <paramref name="body"/>, which must outlive it.
    /// </summary>
    /// <exception cref="QueueErrorException">The body is empty or not JSON (400).</exception>
    public static JsonDocument Parse(ReadOnlyMemory<byte> body, bool emptyMeansEmptyObject, string expected)
    {
        if (IsBlank(body.Span))
        {
            return emptyMeansEmptyObject
                ? JsonDocument.Parse(EmptyObject, Options)
                : throw RequestError.Invalid(null, $"The request body is empty; send {expected}.");
        }

        try
        {
            return JsonDocument.Parse(body, Options);
        }
        catch (JsonException e)
        {
            throw RequestError.Invalid(null, $"The request body is not valid JSON: {Reason(e)} at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.");
        }
    }

    /// <summary>The root of a parsed body, which must be an object.</summary>
    /// <exception cref="QueueErrorException">The root is not an object (400).</exception>
    public static JsonElement RootObject(JsonDocument document, string expected) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw RequestError.Invalid(null, $"The request body must be a JSON object ({expected}); got {JsonFields.Describe(document.RootElement)}.");

    private static bool IsBlank(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var marker in (ReadOnlySpan<string>)[" LineNumber:", " Path:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut >= 0)
            {
                message = message[..cut];
            }
        }

        // System.Text.Json speaks to the programmer who configured the reader; the client only needs what is wrong.
        message = message.Replace(" which is not supported in this mode. Change the reader options", "", StringComparison.Ordinal);
        return message.TrimEnd(' ', '.');
    }
}
