using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorMq.Client.Http;

namespace ActorMq.Client;

/// <summary>
/// A push stream of deliveries from one queue over a WebSocket (<see cref="ActorMqHttpClient.OpenStreamAsync"/>): the
/// node leases messages as they become ready and sends them at once, never more than the credit granted with
/// <see cref="GrantAsync"/>. Each delivered message is an ordinary lease: ack, nack or extend it through the client as
/// after <see cref="IActorMqClient.ReceiveAsync"/>, and grant credit again as messages are settled (as a RabbitMQ
/// consumer's prefetch refills with its acks). Leases outlive the stream: if it closes, unsettled messages are
/// delivered again after their visibility timeout.
/// <para>
/// One reader and one granter at a time (they may run concurrently with each other). Cancelling a read aborts the
/// stream, as with any WebSocket.
/// </para>
/// </summary>
public sealed class MessageStream : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly string _queue;
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly ArrayBufferWriter<byte> _frame = new(16 * 1024);

    private MessageStream(ClientWebSocket socket, string queue)
    {
        _socket = socket;
        _queue = queue;
    }

    /// <summary>The queue this stream delivers from.</summary>
    public string Queue => _queue;

    /// <summary>
    /// Waits for the next frame of messages (1 to the stream's <c>maxPerFrame</c>, never more than the credit left).
    /// </summary>
    /// <exception cref="ActorMqException">The node refused the stream, such as a <see cref="QueueNotFoundException"/>
    /// or a <see cref="ValidationException"/> naming a bad option; an <see cref="UnavailableException"/> when the node
    /// closed it (shutting down) or the connection broke. Open a new stream to go on.</exception>
    public async Task<IReadOnlyList<ReceivedMessage>> ReadAsync(CancellationToken cancellationToken = default)
    {
        _frame.ResetWrittenCount();
        ValueWebSocketReceiveResult result;
        try
        {
            do
            {
                result = await _socket.ReceiveAsync(_frame.GetMemory(16 * 1024), cancellationToken).ConfigureAwait(false);
                _frame.Advance(result.Count);
            }
            while (!result.EndOfMessage);
        }
        catch (WebSocketException e) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the read was cancelled; the stream is aborted", e, cancellationToken);
        }
        catch (WebSocketException e)
        {
            throw Closed($"the connection broke: {e.Message}", e);
        }

        if (result.MessageType == WebSocketMessageType.Close)
        {
            throw Closed($"the node closed it ({(int?)_socket.CloseStatus}{(_socket.CloseStatusDescription is { Length: > 0 } d ? ": " + d : "")})");
        }

        return Read(_frame.WrittenSpan);
    }

    /// <summary>Lets the node send <paramref name="credit"/> more messages (1-10,000 not yet used in all).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="credit"/> is under 1.</exception>
    /// <exception cref="UnavailableException">The stream is closed or the connection broke.</exception>
    public async Task GrantAsync(int credit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(credit, 1);
        var frame = Encoding.UTF8.GetBytes("{\"credit\":" + credit.ToString(CultureInfo.InvariantCulture) + "}");
        await _sending.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (WebSocketException e)
        {
            throw Closed($"the connection broke: {e.Message}", e);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes the stream (the node stops leasing for it) and releases the connection.</summary>
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

    private IReadOnlyList<ReceivedMessage> Read(ReadOnlySpan<byte> frame)
    {
        WireStreamFrame? wire;
        try
        {
            wire = JsonSerializer.Deserialize(frame, WireJson.Default.WireStreamFrame);
        }
        catch (JsonException e)
        {
            throw WireMapping.Unexpected($"a stream frame that is not JSON ({e.Message})");
        }

        if (wire?.Problem is { } problem)
        {
            var status = problem.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) ? n : 500;
            throw ProblemMapping.FromResponse(status, "application/problem+json", Encoding.UTF8.GetBytes(problem.GetRawText()));
        }

        return (wire?.Messages ?? throw WireMapping.Unexpected("a stream frame without 'messages'"))
            .Select(m => WireMapping.Received(_queue, m)).ToArray();
    }

    private static UnavailableException Closed(string why, Exception? cause = null) =>
        new(new ActorMqProblem(null, null, "Stream closed", $"The message stream ended: {why}. Open a new stream to go on."), cause);
}
