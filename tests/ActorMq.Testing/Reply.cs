using System.Net.Http.Headers;
using System.Text.Json;

namespace ActorMq.Testing;

/// <summary>One HTTP answer: status, headers, and the body as text (and as JSON when asked).</summary>
public sealed class Reply(HttpResponseMessage response, string text)
{
    private JsonElement? _json;

    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = (int)response.StatusCode;

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; } = response.Headers;

    /// <summary>The content headers (Allow, Content-Type, …).</summary>
    public HttpContentHeaders ContentHeaders { get; } = response.Content.Headers;

    /// <summary>The media type of the body, if any.</summary>
    public string? ContentType { get; } = response.Content.Headers.ContentType?.MediaType;

    /// <summary>The full Content-Type header, if any.</summary>
    public string? ContentTypeHeader { get; } = response.Content.Headers.ContentType?.ToString();

    /// <summary>The body as UTF-8 text, exactly as sent.</summary>
    public string Text { get; } = text;

    /// <summary>The body parsed as JSON.</summary>
    public JsonElement Json => _json ??= Parse(Text);

    /// <summary>The ETag header, as sent.</summary>
    public string? ETag => Headers.ETag?.ToString();

    /// <inheritdoc />
    public override string ToString() => $"{Status} {ContentTypeHeader}: {Text}";

    private static JsonElement Parse(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
