using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ActorMq.Client.Http;

namespace ActorMq.Client;

/// <summary>
/// <see cref="IActorMqClient"/> over the HTTP API of a gateway node. Thread-safe; make one per node address and keep
/// it. Problem answers are thrown as the <see cref="ActorMqException"/> subclass of their status; a request that got
/// no answer as an <see cref="UnavailableException"/>.
/// </summary>
/// <example>
/// <code>
/// using var client = new ActorMqHttpClient(new Uri("http://127.0.0.1:5080"));
/// await client.PublishAsync("orders", new PublishMessage(MessageBody.Json("""{"orderId": 42}""")));
/// </code>
/// </example>
public sealed class ActorMqHttpClient : IActorMqClient, IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>
    /// A client of the node at <paramref name="baseAddress"/> (such as <c>http://127.0.0.1:5080</c>), with an
    /// <see cref="HttpClient"/> of its own that <see cref="Dispose"/> disposes.
    /// </summary>
    /// <param name="baseAddress">The node's HTTP address; a path, if any, is kept as the API's prefix.</param>
    public ActorMqHttpClient(Uri baseAddress)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }), baseAddress, ownsHttp: true)
    {
    }

    /// <summary>
    /// A client over <paramref name="httpClient"/>, whose <see cref="HttpClient.BaseAddress"/> is the node's address
    /// (such as one from <c>IHttpClientFactory</c>). The caller keeps ownership of it. Its
    /// <see cref="HttpClient.Timeout"/> must allow for long polls (up to 20 s plus the node's request time).
    /// </summary>
    /// <param name="httpClient">An HttpClient with a BaseAddress.</param>
    /// <exception cref="ArgumentException">It has no BaseAddress.</exception>
    public ActorMqHttpClient(HttpClient httpClient)
        : this(httpClient, BaseAddressOf(httpClient), ownsHttp: false)
    {
    }

    /// <summary>A client over <paramref name="httpClient"/> (still owned by the caller) for the node at <paramref name="baseAddress"/>.</summary>
    /// <param name="httpClient">The HttpClient to send with.</param>
    /// <param name="baseAddress">The node's HTTP address.</param>
    public ActorMqHttpClient(HttpClient httpClient, Uri baseAddress)
        : this(httpClient, baseAddress, ownsHttp: false)
    {
    }

    private ActorMqHttpClient(HttpClient httpClient, Uri baseAddress, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{baseAddress}' is not an absolute http or https address", nameof(baseAddress));
        }

        _http = httpClient;
        _ownsHttp = ownsHttp;
        BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>The node's address; request paths (<c>v1/queues/…</c>) are relative to it.</summary>
    public Uri BaseAddress { get; }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken = default)
    {
        var list = await SendAsync(HttpMethod.Get, "v1/queues", null, WireJson.Default.WireQueues, cancellationToken).ConfigureAwait(false);
        return (list.Queues ?? throw WireMapping.Unexpected("a queue list without 'queues'")).Select(WireMapping.FromWire).ToArray();
    }

    /// <inheritdoc />
    public async Task<QueueInfo> GetQueueAsync(string queue, CancellationToken cancellationToken = default) =>
        WireMapping.FromWire(await SendAsync(HttpMethod.Get, QueuePath(queue), null, WireJson.Default.WireQueue, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<CreateOrUpdateQueueResult> CreateOrUpdateQueueAsync(string queue, QueueSettings? settings = null, CancellationToken cancellationToken = default)
    {
        var content = Json(WireMapping.ToWire(settings ?? new QueueSettings()), WireJson.Default.WireSettings);
        using var request = new HttpRequestMessage(HttpMethod.Put, At(QueuePath(queue))) { Content = content };
        var (status, body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return new CreateOrUpdateQueueResult(WireMapping.FromWire(Read(body, WireJson.Default.WireQueue)), status == 201);
    }

    /// <inheritdoc />
    public async Task DeleteQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, At(QueuePath(queue)));
        await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<long> PurgeQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        var count = await SendAsync(HttpMethod.Post, QueuePath(queue) + "/purge", null, WireJson.Default.WireCount, cancellationToken).ConfigureAwait(false);
        return count.Purged ?? throw WireMapping.Unexpected("a purge answer without 'purged'");
    }

    /// <inheritdoc />
    public async Task<long> SweepQueueAsync(string queue, CancellationToken cancellationToken = default)
    {
        var count = await SendAsync(HttpMethod.Post, QueuePath(queue) + "/sweep", null, WireJson.Default.WireCount, cancellationToken).ConfigureAwait(false);
        return count.Expired ?? throw WireMapping.Unexpected("a sweep answer without 'expired'");
    }

    /// <inheritdoc />
    public async Task<long> RedriveAsync(string deadLetterQueue, string? to = null, int? max = null, CancellationToken cancellationToken = default)
    {
        var content = Json(new WireRedrive(to, max), WireJson.Default.WireRedrive);
        var count = await SendAsync(HttpMethod.Post, QueuePath(deadLetterQueue) + "/redrive", content, WireJson.Default.WireCount, cancellationToken).ConfigureAwait(false);
        return count.Moved ?? throw WireMapping.Unexpected("a redrive answer without 'moved'");
    }

    /// <inheritdoc />
    public async Task<PublishResult> PublishAsync(string queue, PublishMessage message, CancellationToken cancellationToken = default)
    {
        var content = Json(WireMapping.ToWire(message), WireJson.Default.WirePublish);
        return WireMapping.FromWire(await SendAsync(HttpMethod.Post, MessagesPath(queue), content, WireJson.Default.WirePublished, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PublishResult>> PublishBatchAsync(string queue, IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var content = Json(new WirePublishBatch(messages.Select(WireMapping.ToWire).ToArray()), WireJson.Default.WirePublishBatch);
        var batch = await SendAsync(HttpMethod.Post, MessagesPath(queue), content, WireJson.Default.WirePublishedBatch, cancellationToken).ConfigureAwait(false);
        return (batch.Messages ?? throw WireMapping.Unexpected("a batch publish answer without 'messages'")).Select(WireMapping.FromWire).ToArray();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(
        string queue, int maxMessages = 1, TimeSpan? visibilityTimeout = null, TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        var content = Json(new WireReceive(maxMessages, WireMapping.Seconds(visibilityTimeout), WireMapping.Seconds(wait)), WireJson.Default.WireReceive);
        var answer = await SendAsync(HttpMethod.Post, MessagesPath(queue) + "/receive", content, WireJson.Default.WireMessages, cancellationToken).ConfigureAwait(false);
        return Messages(answer).Select(m => WireMapping.Received(queue, m)).ToArray();
    }

    /// <summary>
    /// Opens a push stream of deliveries from <paramref name="queue"/> (a WebSocket, <c>GET v1/queues/{q}/stream</c>).
    /// Nothing comes until credit is granted with <see cref="MessageStream.GrantAsync"/>.
    /// </summary>
    /// <param name="queue">The queue to consume.</param>
    /// <param name="maxPerFrame">The most messages in one frame (1-1000).</param>
    /// <param name="visibilityTimeout">Each lease's visibility timeout; the queue's setting when null.</param>
    /// <param name="cancellationToken">Cancels the connect.</param>
    /// <exception cref="UnavailableException">The node could not be reached or is not ready.</exception>
    public Task<MessageStream> OpenStreamAsync(string queue, int maxPerFrame = 100, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var query = "?max=" + maxPerFrame.ToString(CultureInfo.InvariantCulture)
            + (visibilityTimeout is { } v ? "&visibilityTimeoutSeconds=" + v.TotalSeconds.ToString("0.#######", CultureInfo.InvariantCulture) : "");
        var address = new UriBuilder(new Uri(BaseAddress, QueuePath(queue) + "/stream" + query))
        {
            Scheme = BaseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
        };
        return MessageStream.ConnectAsync(address.Uri, queue, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PoppedMessage>> PopAsync(string queue, int maxMessages = 1, CancellationToken cancellationToken = default)
    {
        var content = Json(new WirePop(maxMessages), WireJson.Default.WirePop);
        var answer = await SendAsync(HttpMethod.Post, MessagesPath(queue) + "/pop", content, WireJson.Default.WireMessages, cancellationToken).ConfigureAwait(false);
        return Messages(answer).Select(m => WireMapping.Popped(queue, m)).ToArray();
    }

    /// <inheritdoc />
    public async Task<BrowsePage> BrowseAsync(
        string queue, MessageState state = MessageState.Ready, int? limit = null, string? after = null, CancellationToken cancellationToken = default)
    {
        var query = "?state=" + WireMapping.StateName(state)
            + (limit is { } n ? "&limit=" + n.ToString(CultureInfo.InvariantCulture) : "")
            + (after is not null ? "&after=" + Uri.EscapeDataString(after) : "");
        var answer = await SendAsync(HttpMethod.Get, MessagesPath(queue) + query, null, WireJson.Default.WireMessages, cancellationToken).ConfigureAwait(false);
        return new BrowsePage(Messages(answer).Select(m => WireMapping.Browsed(queue, m)).ToArray(), answer.Next);
    }

    /// <inheritdoc />
    public async Task<BrowsedMessage> GetMessageAsync(string queue, string id, CancellationToken cancellationToken = default) =>
        WireMapping.Browsed(queue, await SendAsync(HttpMethod.Get, MessagePath(queue, id), null, WireJson.Default.WireMessage, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async Task<BrowsedMessage> EditMessageAsync(string queue, string id, MessageEdit edit, long? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, At(MessagePath(queue, id))) { Content = Json(WireMapping.ToWire(edit), WireJson.Default.WirePatch) };
        IfMatch(request, ifMatchVersion);
        var (_, body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return WireMapping.Browsed(queue, Read(body, WireJson.Default.WireMessage));
    }

    /// <inheritdoc />
    public async Task CancelMessageAsync(string queue, string id, long? ifMatchVersion = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, At(MessagePath(queue, id)));
        IfMatch(request, ifMatchVersion);
        await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task AckAsync(string queue, string id, string leaseToken, CancellationToken cancellationToken = default) =>
        PostAsync(MessagePath(queue, id) + "/ack", Json(new WireAck(Token(leaseToken)), WireJson.Default.WireAck), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<AckResult>> AckBatchAsync(string queue, IReadOnlyList<LeaseReference> leases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leases);
        var content = Json(new WireAckBatch(leases.Select(l => new WireLeaseRef(l.MessageId, l.Token)).ToArray()), WireJson.Default.WireAckBatch);
        var answer = await SendAsync(HttpMethod.Post, MessagesPath(queue) + "/ack", content, WireJson.Default.WireAckResults, cancellationToken).ConfigureAwait(false);
        return (answer.Results ?? throw WireMapping.Unexpected("a batch ack answer without 'results'")).Select(WireMapping.FromWire).ToArray();
    }

    /// <inheritdoc />
    public Task NackAsync(string queue, string id, string leaseToken, TimeSpan? delay = null, bool deadLetter = false, CancellationToken cancellationToken = default) =>
        PostAsync(
            MessagePath(queue, id) + "/nack",
            Json(new WireNack(Token(leaseToken), WireMapping.Seconds(delay), deadLetter ? true : null), WireJson.Default.WireNack),
            cancellationToken);

    /// <inheritdoc />
    public async Task<DateTimeOffset> ExtendLeaseAsync(
        string queue, string id, string leaseToken, TimeSpan? visibilityTimeout = null, CancellationToken cancellationToken = default)
    {
        var content = Json(new WireExtend(Token(leaseToken), WireMapping.Seconds(visibilityTimeout)), WireJson.Default.WireExtend);
        var extended = await SendAsync(HttpMethod.Post, MessagePath(queue, id) + "/extend", content, WireJson.Default.WireExtended, cancellationToken).ConfigureAwait(false);
        return extended.ExpiresAt;
    }

    /// <summary>Disposes the HttpClient if this client made it.</summary>
    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static Uri BaseAddressOf(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return httpClient.BaseAddress
            ?? throw new ArgumentException("the HttpClient has no BaseAddress; set it to the node's address, or pass the address", nameof(httpClient));
    }

    private static string QueuePath(string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        return "v1/queues/" + Uri.EscapeDataString(queue);
    }

    private static string MessagesPath(string queue) => QueuePath(queue) + "/messages";

    private static string MessagePath(string queue, string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return MessagesPath(queue) + "/" + Uri.EscapeDataString(id);
    }

    private static string Token(string leaseToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseToken);
        return leaseToken;
    }

    private static IEnumerable<WireMessage> Messages(WireMessages answer) =>
        answer.Messages ?? throw WireMapping.Unexpected("an answer without 'messages'");

    private static ByteArrayContent Json<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static void IfMatch(HttpRequestMessage request, long? version)
    {
        if (version is { } v)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{v.ToString(CultureInfo.InvariantCulture)}\""));
        }
    }

    private static T Read<T>(byte[] body, JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return JsonSerializer.Deserialize(body, typeInfo) ?? throw WireMapping.Unexpected("null where an object was expected");
        }
        catch (JsonException e)
        {
            throw WireMapping.Unexpected($"{e.Message} (is this an ActorMq node?)");
        }
    }

    private Uri At(string path) => new(BaseAddress, path);

    private async Task PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, At(path)) { Content = content };
        await SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, At(path)) { Content = content };
        var (_, body) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return Read(body, answer);
    }

    private async Task<(int Status, byte[] Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? (status, body)
                : throw ProblemMapping.FromResponse(status, response.Content.Headers.ContentType?.MediaType, body);
        }
        catch (HttpRequestException e)
        {
            throw ProblemMapping.NoAnswer(request.RequestUri!, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout, not the caller's token.
            throw ProblemMapping.NoAnswer(request.RequestUri!, e);
        }
        finally
        {
            response?.Dispose();
        }
    }
}
