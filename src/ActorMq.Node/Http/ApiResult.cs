namespace ActorMq.Node.Http;

/// <summary>A response whose body was already written to bytes (by a <c>Json/…Writer</c> or <see cref="Problems"/>).</summary>
internal sealed class ApiResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    /// <summary>Media type of the API's JSON answers.</summary>
    public const string JsonContentType = "application/json";

    private readonly byte[]? _body;
    private List<KeyValuePair<string, string>>? _headers;

    private ApiResult(int statusCode, byte[]? body, string? contentType)
    {
        StatusCode = statusCode;
        _body = body;
        ContentType = contentType;
    }

    /// <inheritdoc />
    public int? StatusCode { get; }

    /// <inheritdoc />
    public string? ContentType { get; }

    /// <summary>The body, or null for none.</summary>
    public ReadOnlyMemory<byte>? Body => _body;

    /// <summary>The extra response headers.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers ?? [];

    /// <summary>A JSON answer.</summary>
    public static ApiResult Json(int statusCode, byte[] body) => new(statusCode, body, JsonContentType);

    /// <summary>A body of any media type.</summary>
    public static ApiResult Bytes(int statusCode, byte[] body, string contentType) => new(statusCode, body, contentType);

    /// <summary>204 No Content.</summary>
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null, null);

    /// <summary>This result with one more response header.</summary>
    public ApiResult WithHeader(string name, string value)
    {
        (_headers ??= []).Add(new(name, value));
        return this;
    }

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode!.Value;
        foreach (var (name, value) in Headers)
        {
            response.Headers.Append(name, value);
        }

        if (_body is null)
        {
            return;
        }

        response.ContentType = ContentType;
        response.ContentLength = _body.Length;
        await response.Body.WriteAsync(_body, httpContext.RequestAborted);
    }
}
