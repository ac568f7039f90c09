using System.Net.Http.Headers;
using System.Text;

namespace ActorMq.LoadGen;

/// <summary>An HTTP answer: status and the whole body.</summary>
internal readonly record struct ApiResponse(int Status, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The status and the start of the body, for an error report.</summary>
    public string Describe() => $"HTTP {Status}: {Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 300)))}";
}

/// <summary>
/// The node's HTTP API over one <see cref="HttpClient"/> whose <see cref="SocketsHttpHandler"/> keeps enough
/// connections open for every request in flight (HTTP/1.1 keep-alive, no proxy, no cookies).
/// </summary>
internal sealed class NodeApi : IDisposable
{
    private readonly HttpClient _client;

    public NodeApi(Uri baseUrl, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = System.Threading.Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
        };
        _client = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = baseUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    public Task<ApiResponse> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<ApiResponse> PostAsync(string path, byte[] json, CancellationToken ct) => SendAsync(HttpMethod.Post, path, json, ct);

    public Task<ApiResponse> PutAsync(string path, byte[] json, CancellationToken ct) => SendAsync(HttpMethod.Put, path, json, ct);

    public Task<ApiResponse> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public void Dispose() => _client.Dispose();

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, byte[]? json, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        return new ApiResponse((int)response.StatusCode, body);
    }
}
