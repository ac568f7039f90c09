using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using ActorMq.Client.Http;

namespace ActorMq.Client;

/// <summary>
/// A stream of one queue over a WebSocket (<see cref="ActorMqHttpClient.OpenStreamAsync"/>): one connection that carries
/// deliveries pushed by the node and this client's publishes and acks, as an AMQP channel does.
/// <para>
/// Deliveries: the node leases messages as they become ready and sends them at once, never more than the credit granted
/// with <see cref="GrantAsync"/> (or with an ack); <see cref="ReadAsync"/> takes them in order. Each is an ordinary
/// lease: settle it here (<see cref="AckAsync"/>) or through the client, and grant credit again as messages are settled
/// (as a RabbitMQ consumer's prefetch refills with its acks). Leases outlive the stream: if it closes, unsettled messages
/// are delivered again after their visibility timeout.
/// </para>
/// <para>
/// Requests: <see cref="PublishAsync"/>, <see cref="PublishBatchAsync"/> and <see cref="AckAsync"/> go out at once,
/// without waiting for the answers of earlier ones, and each completes when its answer comes (a publish once it is
/// written). Publishes sent on one stream are stored in the order they were sent. <see cref="AckNowaitAsync"/> acks
/// without an answer, as an AMQP consumer's acks go: leases it could not ack are reported through
/// <see cref="AcksFailed"/>, and closing the stream (<see cref="DisposeAsync"/>) waits until the node has carried out
/// every request sent before. A stream is safe to use from several threads; one reader at a time.
/// </para>
/// </summary>
public sealed class MessageStream : IAsyncDisposable
{
    /// <summary>The largest send buffer kept between frames: a large publish batch's is let go once it is sent.</summary>
    private const int KeptFrameBuffer = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly string _queue;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Utf8JsonWriter _writer;
    private readonly Channel<IReadOnlyList<ReceivedMessage>> _deliveries =
        Channel.CreateUnbounded<IReadOnlyList<ReceivedMessage>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource<WireStreamFrame>> _pending = new();
    private readonly Task _receiving;
    private ArrayBufferWriter<byte> _frame = new(1024);
    private long _lastRef;
    private volatile ActorMqException? _ended;

    private MessageStream(ClientWebSocket socket, string queue)
    {
        _socket = socket;
        _queue = queue;
        _writer = new Utf8JsonWriter(_frame);
        _receiving = ReceiveAsync();
    }

    /// <summary>The queue of this stream.</summary>
    public string Queue => _queue;

    /// <summary>
    /// Leases that <see cref="AckNowaitAsync"/> sent but the node could not ack (a lease no longer held, a message gone,
    /// the queue unavailable), with why. Raised on the stream's receive loop: keep handlers short; one that throws ends
    /// the stream.
    /// </summary>
    public event Action<IReadOnlyList<AckResult>>? AcksFailed;

    /// <summary>
    /// Waits for the next frame of messages (1 to the stream's <c>maxPerFrame</c>, never more than the credit left).
    /// Cancelling the wait leaves the stream as it is.
    /// </summary>
    /// <exception cref="ActorMqException">The node refused the stream, such as a <see cref="QueueNotFoundException"/>
    /// or a <see cref="ValidationException"/> naming a bad option; an <see cref="UnavailableException"/> when the node
    /// closed it (shutting down) or the connection broke. Open a new stream to go on.</exception>
    public async Task<IReadOnlyList<ReceivedMessage>> ReadAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _deliveries.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException e) when (e.InnerException is ActorMqException ended)
        {
            throw ended;
        }
    }

    /// <summary>Lets the node send <paramref name="credit"/> more messages (1-10,000 not yet used in all).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="credit"/> is under 1.</exception>
    /// <exception cref="UnavailableException">The stream is closed or the connection broke.</exception>
    public Task GrantAsync(int credit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(credit, 1);
        return SendAsync(credit, static (writer, credit) =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("credit", credit);
            writer.WriteEndObject();
        }, cancellationToken);
    }

    /// <summary>Publishes one message to the stream's queue; completes once it is written.</summary>
    /// <exception cref="ActorMqException">The node refused it (as <see cref="IActorMqClient.PublishAsync"/> would), or an
    /// <see cref="UnavailableException"/> when the stream ended before the answer came (the publish may have been stored).</exception>
    public async Task<PublishResult> PublishAsync(PublishMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var answer = await RequestAsync("publish", WireMapping.ToWire(message), WireJson.Default.WirePublish, 0, cancellationToken).ConfigureAwait(false);
        return WireMapping.FromWire(answer.Published ?? throw WireMapping.Unexpected("an answer without 'published'"));
    }

    /// <summary>Publishes a batch (1-1000 messages) to the stream's queue, all or none; the results in the same order.</summary>
    /// <exception cref="ActorMqException">As <see cref="PublishAsync"/>.</exception>
    public async Task<IReadOnlyList<PublishResult>> PublishBatchAsync(IReadOnlyList<PublishMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var batch = new WirePublishBatch(messages.Select(WireMapping.ToWire).ToArray());
        var answer = await RequestAsync("publish", batch, WireJson.Default.WirePublishBatch, 0, cancellationToken).ConfigureAwait(false);
        return (answer.Published?.Messages ?? throw WireMapping.Unexpected("a batch publish answer without 'published.messages'"))
            .Select(WireMapping.FromWire).ToArray();
    }

    /// <summary>
    /// Acks <paramref name="leases"/> (1-1000) and, in the same frame, grants <paramref name="credit"/> more messages (0
    /// for none): each lease is acked or not on its own, as with <see cref="IActorMqClient.AckBatchAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="credit"/> is negative.</exception>
    /// <exception cref="ActorMqException">The node refused the request; an <see cref="UnavailableException"/> when the
    /// stream ended before the answer came.</exception>
    public async Task<IReadOnlyList<AckResult>> AckAsync(IReadOnlyList<LeaseReference> leases, int credit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentOutOfRangeException.ThrowIfNegative(credit);
        var answer = await RequestAsync("ack", AckBatch(leases), WireJson.Default.WireAckBatch, credit, cancellationToken).ConfigureAwait(false);
        return (answer.Acked?.Results ?? throw WireMapping.Unexpected("an ack answer without 'acked.results'")).Select(WireMapping.FromWire).ToArray();
    }

    /// <summary>
    /// Acks <paramref name="leases"/> (1-1000) without waiting for an answer, and in the same frame grants
    /// <paramref name="credit"/> more messages (0 for none); completes once the frame is sent. The node answers only
    /// leases it could not ack, through <see cref="AcksFailed"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="credit"/> is negative.</exception>
    /// <exception cref="UnavailableException">The stream is closed or the connection broke.</exception>
    public Task AckNowaitAsync(IReadOnlyList<LeaseReference> leases, int credit = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentOutOfRangeException.ThrowIfNegative(credit);
        return SendFrameAsync(null, "ack", AckBatch(leases), WireJson.Default.WireAckBatch, credit, cancellationToken);
    }

    /// <summary>
    /// Closes the stream and releases the connection. The node carries out the requests sent before (acks without an
    /// answer too) and stops leasing for it; answers not yet come are lost.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            await _sending.WaitAsync().ConfigureAwait(false);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // Already broken; nothing is left to close.
            }
            finally
            {
                _sending.Release();
            }
        }

        // The node answers the close; after that (or at once, when it cannot) the connection goes.
        if (await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(5))).ConfigureAwait(false) != _receiving)
        {
            _socket.Abort();
            await _receiving.ConfigureAwait(false);
        }

        _socket.Dispose();
        _sending.Dispose();
    }

    /// <summary>Connects to <paramref name="uri"/> (the <c>ws://</c> address of the queue's stream).</summary>
    internal static async Task<MessageStream> ConnectAsync(Uri uri, string queue, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(uri, cancellationToken).ConfigureAwait(false);
            return new MessageStream(socket, queue);
        }
        catch (WebSocketException e)
        {
            var status = (int)socket.HttpStatusCode;
            socket.Dispose();
            throw status is 0
                ? ProblemMapping.NoAnswer(uri, e)
                : ProblemMapping.FromResponse(status, null, Encoding.UTF8.GetBytes($"the node refused the stream with HTTP {status}"));
        }
    }

    /// <summary>Sends <c>{"ref", "credit"?, "&lt;name&gt;": request}</c> and waits for the answer with that reference.</summary>
    private async Task<WireStreamFrame> RequestAsync<T>(string name, T request, JsonTypeInfo<T> type, int credit, CancellationToken cancellationToken)
    {
        var reference = Interlocked.Increment(ref _lastRef);
        var answered = new TaskCompletionSource<WireStreamFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[reference] = answered;
        try
        {
            await SendFrameAsync(reference, name, request, type, credit, cancellationToken).ConfigureAwait(false);
            var answer = await answered.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return answer.Problem is { } problem ? throw Problem(problem) : answer;
        }
        finally
        {
            _pending.TryRemove(reference, out _);
        }
    }

    /// <summary>Sends <c>{"ref"?, "credit"?, "&lt;name&gt;": request}</c>.</summary>
    private Task SendFrameAsync<T>(long? reference, string name, T request, JsonTypeInfo<T> type, int credit, CancellationToken cancellationToken) =>
        SendAsync((reference, name, request, type, credit), static (writer, frame) =>
        {
            writer.WriteStartObject();
            if (frame.reference is { } r)
            {
                writer.WriteNumber("ref", r);
            }

            if (frame.credit > 0)
            {
                writer.WriteNumber("credit", frame.credit);
            }

            writer.WritePropertyName(frame.name);
            JsonSerializer.Serialize(writer, frame.request, frame.type);
            writer.WriteEndObject();
        }, cancellationToken);

    private static WireAckBatch AckBatch(IReadOnlyList<LeaseReference> leases)
    {
        var refs = new WireLeaseRef[leases.Count];
        for (var i = 0; i < refs.Length; i++)
        {
            refs[i] = new WireLeaseRef(leases[i].MessageId, leases[i].Token);
        }

        return new WireAckBatch(refs);
    }

    /// <summary>
    /// Writes one frame with <paramref name="write"/> and sends it, unless the stream has ended: then it throws why. Frames
    /// are written into the stream's one buffer while the send is held, so a frame costs no buffer of its own.
    /// </summary>
    private async Task SendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        if (_ended is { } ended)
        {
            throw ended;
        }

        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _frame.ResetWrittenCount();
            _writer.Reset(_frame);
            write(_writer, state);
            _writer.Flush();
            await _socket.SendAsync(_frame.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            throw _ended ?? Closed($"the connection broke: {e.Message}", e);
        }
        finally
        {
            if (_frame.Capacity > KeptFrameBuffer)
            {
                _frame = new ArrayBufferWriter<byte>(1024);
            }

            _sending.Release();
        }
    }

    /// <summary>
    /// Reads the node's frames until the stream ends: deliveries go to <see cref="ReadAsync"/>, answers to the requests
    /// waiting for them. The end (the node's problem or close, a broken connection) is given to every reader and request.
    /// </summary>
    private async Task ReceiveAsync()
    {
        var frame = new ArrayBufferWriter<byte>(16 * 1024);
        ActorMqException ended;
        try
        {
            while (true)
            {
                frame.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(frame.GetMemory(16 * 1024), CancellationToken.None).ConfigureAwait(false);
                    frame.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    ended = Closed($"the node closed it ({(int?)_socket.CloseStatus}{(_socket.CloseStatusDescription is { Length: > 0 } d ? ": " + d : "")})");
                    break;
                }

                var wire = Read(frame.WrittenSpan);
                if (wire.Ref is { } reference)
                {
                    // An answer nobody waits for any more (its request was cancelled) is dropped.
                    if (_pending.TryGetValue(reference, out var request))
                    {
                        request.TrySetResult(wire);
                    }
                }
                else if (wire.Problem is { } problem)
                {
                    ended = Problem(problem);
                    break;
                }
                else if (wire.Acked is { } notAcked)
                {
                    // Leases of acks sent without an answer that the node could not ack.
                    AcksFailed?.Invoke((notAcked.Results ?? throw WireMapping.Unexpected("an 'acked' frame without 'results'")).Select(WireMapping.FromWire).ToArray());
                }
                else
                {
                    _deliveries.Writer.TryWrite(Received(wire.Messages ?? throw WireMapping.Unexpected("a stream frame without 'messages'")));
                }
            }
        }
        catch (WebSocketException e)
        {
            ended = Closed($"the connection broke: {e.Message}", e);
        }
        catch (ActorMqException e)
        {
            ended = e;
            _socket.Abort();
        }
        catch (Exception e)
        {
            // Anything else (an AcksFailed handler that threw, say): the stream ends with it rather than leave its readers waiting.
            ended = Closed($"its receive loop failed ({e.GetType().Name}: {e.Message})", e);
            _socket.Abort();
        }

        _ended = ended;
        _deliveries.Writer.TryComplete(ended);
        foreach (var request in _pending.Values)
        {
            request.TrySetException(ended);
        }
    }

    private ReceivedMessage[] Received(List<WireMessage> messages)
    {
        var received = new ReceivedMessage[messages.Count];
        for (var i = 0; i < received.Length; i++)
        {
            received[i] = WireMapping.Received(_queue, messages[i]);
        }

        return received;
    }

    private static WireStreamFrame Read(ReadOnlySpan<byte> frame)
    {
        try
        {
            return StreamFrameReader.Read(frame);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw WireMapping.Unexpected($"a stream frame that does not read ({e.Message})");
        }
    }

    private static ActorMqException Problem(JsonElement problem)
    {
        var status = problem.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : 500;
        return ProblemMapping.FromResponse(status, "application/problem+json", Encoding.UTF8.GetBytes(problem.GetRawText()));
    }

    private static UnavailableException Closed(string why, Exception? cause = null) =>
        new(new ActorMqProblem(null, null, "Stream closed", $"The message stream ended: {why}. Open a new stream to go on."), cause);
}
