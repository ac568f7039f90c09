using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActorMq.Testing;

/// <summary>
/// The ActorMq HTTP API as raw requests: bodies are sent as the exact text given, answers kept as text, so tests see
/// the bytes on the wire.
/// </summary>
public sealed class Api(HttpClient http)
{
    /// <summary>A queue name unique to one test: <c>&lt;prefix&gt;-&lt;guid&gt;</c>.</summary>
    public static string NewQueue(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Sends a request and reads the whole answer.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? body = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return new Reply(response, Encoding.UTF8.GetString(bytes));
    }

    public Task<Reply> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<Reply> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<Reply> PutAsync(string path, string? body = null) => SendAsync(HttpMethod.Put, path, body);

    public Task<Reply> PatchAsync(string path, string body, string? ifMatch = null) => SendAsync(HttpMethod.Patch, path, body, ifMatch);

    public Task<Reply> DeleteAsync(string path, string? ifMatch = null) => SendAsync(HttpMethod.Delete, path, null, ifMatch);

    /// <summary>PUT of queue settings; asserts 200 or 201.</summary>
    public async Task<JsonElement> ConfigureAsync(string queue, string settings)
    {
        var reply = await PutAsync($"v1/queues/{queue}", settings);
        Assert.True(reply.Status is 200 or 201, reply.ToString());
        return reply.Json;
    }

    /// <summary>Publishes one message (the exact JSON given); asserts 201 and returns the answer.</summary>
    public async Task<JsonElement> PublishAsync(string queue, string message)
    {
        var reply = await PostAsync($"v1/queues/{queue}/messages", message);
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Json;
    }

    /// <summary>Publishes one message and returns its id.</summary>
    public async Task<string> PublishIdAsync(string queue, string message) => Str(await PublishAsync(queue, message), "id");

    /// <summary>Receives with the exact request given; asserts 200 and returns the messages.</summary>
    public async Task<JsonElement[]> ReceiveAsync(string queue, string request = """{"max": 1}""")
    {
        var reply = await PostAsync($"v1/queues/{queue}/messages/receive", request);
        Assert.True(reply.Status == 200, reply.ToString());
        return [.. reply.Json.GetProperty("messages").EnumerateArray()];
    }

    /// <summary>Receives exactly one message (long-polling up to <paramref name="waitSeconds"/>).</summary>
    public async Task<JsonElement> ReceiveOneAsync(string queue, int waitSeconds = 0, double? visibilityTimeoutSeconds = null)
    {
        var visibility = visibilityTimeoutSeconds is { } v ? $", \"visibilityTimeoutSeconds\": {v.ToString(CultureInfo.InvariantCulture)}" : "";
        var messages = await ReceiveAsync(queue, $$"""{"max": 1, "waitSeconds": {{waitSeconds}}{{visibility}}}""");
        return Assert.Single(messages);
    }

    /// <summary>Acks one message; returns the answer.</summary>
    public Task<Reply> AckAsync(string queue, JsonElement delivered) =>
        PostAsync($"v1/queues/{queue}/messages/{Str(delivered, "id")}/ack", $$"""{"token": {{Quote(Token(delivered))}}}""");

    /// <summary>GET of a queue; asserts 200.</summary>
    public async Task<JsonElement> QueueAsync(string queue)
    {
        var reply = await GetAsync($"v1/queues/{queue}");
        Assert.True(reply.Status == 200, reply.ToString());
        return reply.Json;
    }

    /// <summary>The counts of a queue: (ready, scheduled, delayed, inflight).</summary>
    public async Task<(long Ready, long Scheduled, long Delayed, long Inflight)> CountsAsync(string queue)
    {
        var counts = (await QueueAsync(queue)).GetProperty("counts");
        return (counts.GetProperty("ready").GetInt64(), counts.GetProperty("scheduled").GetInt64(),
            counts.GetProperty("delayed").GetInt64(), counts.GetProperty("inflight").GetInt64());
    }

    /// <summary>Every message in one state, following <c>next</c> cursors (bounded).</summary>
    public async Task<List<JsonElement>> BrowseAllAsync(string queue, string state, int limit = 1000)
    {
        var all = new List<JsonElement>();
        string? after = null;
        for (var page = 0; page < 100; page++)
        {
            var query = $"v1/queues/{queue}/messages?state={state}&limit={limit}" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var reply = await GetAsync(query);
            Assert.True(reply.Status == 200, reply.ToString());
            all.AddRange(reply.Json.GetProperty("messages").EnumerateArray());
            if (!reply.Json.TryGetProperty("next", out var next))
            {
                return all;
            }

            after = next.GetString();
        }

        throw new InvalidOperationException("browse did not end within 100 pages");
    }

    /// <summary>A string member.</summary>
    public static string Str(JsonElement element, string name) => element.GetProperty(name).GetString()!;

    /// <summary>A timestamp member (RFC 3339).</summary>
    public static DateTimeOffset Time(JsonElement element, string name) => Rfc3339(Str(element, name));

    /// <summary>Parses an RFC 3339 timestamp.</summary>
    public static DateTimeOffset Rfc3339(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>The lease token of a delivered message.</summary>
    public static string Token(JsonElement delivered) => delivered.GetProperty("lease").GetProperty("token").GetString()!;

    /// <summary>A JSON string literal.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>An RFC 3339 UTC timestamp for a request.</summary>
    public static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>For <see cref="AssertProblem"/>: whatever the <c>field</c> member is.</summary>
    public const string AnyField = "*any*";

    /// <summary>
    /// Asserts an RFC 9457 problem: the status, <c>application/problem+json</c>, a type, title and detail, and the
    /// <c>field</c> member (absent when <paramref name="field"/> is null; not checked when it is <see cref="AnyField"/>).
    /// </summary>
    public static JsonElement AssertProblem(Reply reply, int status, string? field = AnyField)
    {
        Assert.True(reply.Status == status, $"expected {status}, got {reply}");
        Assert.Equal("application/problem+json", reply.ContentType);
        var problem = reply.Json;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("urn:actormq:problem:", Str(problem, "type"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(Str(problem, "title")), reply.ToString());
        Assert.False(string.IsNullOrWhiteSpace(Str(problem, "detail")), reply.ToString());
        if (field == AnyField)
        {
            return problem;
        }

        if (field is null)
        {
            Assert.False(problem.TryGetProperty("field", out _), $"expected no field: {reply}");
        }
        else
        {
            Assert.True(problem.TryGetProperty("field", out var named), $"expected field '{field}': {reply}");
            Assert.Equal(field, named.GetString());
        }

        return problem;
    }
}
