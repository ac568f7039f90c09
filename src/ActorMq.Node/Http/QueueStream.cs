using System.Buffers;
using System.Net.WebSockets;
using ActorMq.Cluster.Gateway;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Node.Http;

/// <summary>
/// One client's stream of a queue over a WebSocket (<c>GET /v1/queues/{q}/stream</c>). Deliveries: the client grants
/// credit with <c>{"credit": n}</c> frames, and the node leases up to that many messages and sends them as
/// <c>{"messages": […]}</c> frames, each shaped as a receive's answer; inside the node that is a long poll renewed as
/// soon as it is answered, so a message that becomes ready goes out without waiting for the client's next request.
/// Requests (publish, ack) are answered by reference (<see cref="StreamRequests"/>).
/// <para>
/// Leases are ordinary leases: acked, nacked or extended through the stream or the API, and due again after their
/// visibility timeout if the client goes away with them unsettled (messages leased as the stream ends, before they were
/// sent, are given back at once). A malformed frame ends the stream with a <c>{"problem": …}</c> frame and a close.
/// </para>
/// </summary>
internal sealed class QueueStream
{
    /// <summary>The most credit a client may have granted and not yet used.</summary>
    public const int MaxCredit = 10_000;

    /// <summary>The largest buffer for client frames kept between frames.</summary>
    private const int KeptFrameBuffer = 1024 * 1024;

    /// <summary>How long the client has to answer the node's close frame before the connection is dropped.</summary>
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long one of the stream's receives waits in the queue; at most this long after the stream ends, what
    /// it leased is given back.</summary>
    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(1);

    /// <summary>How long to wait before asking again when the queue's node did not answer (the cluster may be rebalancing).</summary>
    private static readonly TimeSpan UnavailableBackoff = TimeSpan.FromSeconds(1);

    private readonly WebSocket _socket;
    private readonly IQueueGateway _gateway;
    private readonly string _queue;
    private readonly Receive _receive;
    private readonly long _maxFrameBytes;
    private readonly ILogger _log;
    private readonly StreamSender _sender;
    private readonly StreamRequests _requests;
    private readonly SemaphoreSlim _granted = new(0);
    private int _credit;
    private Problem? _clientProblem;

    private QueueStream(WebSocket socket, IQueueGateway gateway, string queue, Receive receive, HttpApiOptions options, ILogger log)
    {
        _socket = socket;
        _gateway = gateway;
        _queue = queue;
        _receive = receive;
        _maxFrameBytes = options.MaxRequestBodyBytes;
        _log = log;
        _sender = new StreamSender(socket);
        _requests = new StreamRequests(gateway, queue, _sender, options, log);
    }

    /// <summary>
    /// Runs the stream until the client closes it, <paramref name="stopping"/> is cancelled (the node is shutting down:
    /// close 1001) or a refusal ends it. <paramref name="receive"/> carries the stream's <c>max</c> per frame and
    /// visibility timeout; <paramref name="refusal"/>, when given, is sent at once instead (the stream's query was invalid).
    /// </summary>
    public static Task RunAsync(
        WebSocket socket, IQueueGateway gateway, string queue, Receive receive, HttpApiOptions options, ILogger log, Problem? refusal,
        CancellationToken aborted, CancellationToken stopping) =>
        new QueueStream(socket, gateway, queue, receive, options, log) { _clientProblem = refusal }.RunAsync(aborted, stopping);

    private async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        // Only the reader receives; sends go one at a time and uncancelled: cancelling either on a WebSocket would abort
        // it, so the reader stops at the client's close frame (its own, or its answer to ours).
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var reading = ReadAsync(end, aborted);
        var delivering = _clientProblem is null ? DeliverAsync(end.Token) : Task.CompletedTask;

        // The node closes its side as soon as the stream ends (the client's close, a refusal, shutdown), without waiting
        // for the queue to answer the delivery loop's receive: that one ends on its own and gives back what it leased.
        await Task.WhenAny(delivering, Task.Delay(Timeout.Infinite, end.Token));
        await end.CancelAsync();
        var problem = delivering.Exception?.InnerException is QueueErrorException refusal ? Problems.From(refusal.Error) : _clientProblem;
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            // As an AMQP channel's close: the requests sent before it are carried out (and answered) first, so a client
            // whose close was answered knows its unanswered acks are done.
            using (var draining = new CancellationTokenSource(CloseHandshakeTimeout))
            {
                try
                {
                    await _requests.DrainAsync(draining.Token);
                }
                catch (OperationCanceledException)
                {
                    // Requests still out after the close's timeout go on without the stream.
                }
            }

            // A client that reads nothing keeps a send from finishing; it is not waited for beyond the close's timeout.
            var closing = _sender.CloseAsync(problem, stopping.IsCancellationRequested);
            if (await Task.WhenAny(closing, Task.Delay(CloseHandshakeTimeout, CancellationToken.None)) != closing)
            {
                _socket.Abort();
            }
        }

        if (await Task.WhenAny(reading, Task.Delay(CloseHandshakeTimeout, CancellationToken.None)) != reading)
        {
            _socket.Abort();
        }

        await reading;

        // The connection goes now (a client waits for it to close after the handshake); the delivery loop's last receive
        // ends by itself within its wait and gives back what it leased.
        _ = FinishAsync(delivering);
    }

    private async Task FinishAsync(Task delivering)
    {
        try
        {
            await delivering;
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or QueueErrorException)
        {
            // Ended with the stream; a refusal was sent in the close.
        }
        catch (Exception e)
        {
            _log.LogError(e, "[Queue={Queue}] a stream's delivery loop failed", _queue);
        }
    }

    /// <summary>
    /// Leases up to the granted credit (at most <c>max</c> per frame) and sends each batch as one frame. The queue is
    /// asked with short waits that are never cancelled, so that what a wait leases as the stream ends is known and given
    /// back (<see cref="ReleaseAsync"/>) instead of waiting out its visibility timeout.
    /// </summary>
    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var credit = Volatile.Read(ref _credit);
            if (credit == 0)
            {
                await _granted.WaitAsync(cancellationToken);
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var receive = _receive with { Max = Math.Min(credit, _receive.Max) };
            // Answered on the queue's thread: the frame goes out and the next receive is asked without a thread switch.
            var response = await _gateway.AskInlineAsync(new QueueRequest(_queue, receive, PollWait));
            if (response.Error is { Kind: ErrorKind.Unavailable })
            {
                await Task.Delay(UnavailableBackoff, cancellationToken);
                continue;
            }

            if (response.Error is { } error)
            {
                throw new QueueErrorException(error);
            }

            if (response.Reply is not Delivered { Messages: var messages } || messages.Count == 0)
            {
                continue;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                await ReleaseAsync(messages);
                cancellationToken.ThrowIfCancellationRequested();
            }

            Interlocked.Add(ref _credit, -messages.Count);
            await _sender.SendAsync(MessageWriter.Delivered(messages, MessageView.Delivered));
        }
    }

    /// <summary>Gives back messages leased for a stream that ended before they were sent: ready again at once.</summary>
    private Task ReleaseAsync(IReadOnlyList<StoredMessage> messages) =>
        Task.WhenAll(messages.Where(m => m.Lease is not null).Select(m =>
            _gateway.AskAsync(new QueueRequest(_queue, new Nack(m.Id, m.Lease!.Value.Token, Delay: null, DeadLetter: false)), CancellationToken.None)));

    /// <summary>
    /// Reads the client's frames until its close frame (or a broken connection). The first malformed frame ends the
    /// stream (<paramref name="end"/> is cancelled, the problem kept for the close); frames after it are ignored.
    /// </summary>
    private async Task ReadAsync(CancellationTokenSource end, CancellationToken aborted)
    {
        var maxFrame = (int)Math.Min(_maxFrameBytes, Array.MaxLength);
        var frame = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                frame.ResetWrittenCount();
                var tooLong = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(frame.GetMemory(4096), aborted);
                    tooLong |= frame.WrittenCount + result.Count > maxFrame;
                    if (!tooLong)
                    {
                        frame.Advance(result.Count);
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                if (_clientProblem is not null)
                {
                    continue;
                }

                try
                {
                    await HandleAsync(result.MessageType != WebSocketMessageType.Text
                        ? throw RequestError.Invalid(null, "Stream frames are JSON text frames such as {\"credit\": 100}; a binary frame came.")
                        : tooLong
                            ? throw RequestError.Invalid(null, $"A stream frame is at most {maxFrame} bytes (the node's largest request body).")
                            : StreamFrameReader.Read(frame.WrittenMemory), aborted);
                }
                catch (QueueErrorException e)
                {
                    _clientProblem = Problems.From(e.Error);
                    await end.CancelAsync();
                }

                if (frame.Capacity > KeptFrameBuffer)
                {
                    // A large publish batch came; its buffer is not kept for the rest of the stream.
                    frame = new ArrayBufferWriter<byte>(4096);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection broke, or the request was aborted.
        }

        await end.CancelAsync();
    }

    /// <summary>Grants the frame's credit and starts its request, if any; waits only while too many are in flight.</summary>
    private async Task HandleAsync(StreamFrame frame, CancellationToken aborted)
    {
        if (frame.Credit > 0)
        {
            Grant(frame.Credit);
        }

        if (frame.Ref is not null || frame.Ack is not null)
        {
            await _requests.StartAsync(frame, aborted);
        }
    }

    private void Grant(int credit)
    {
        var total = Interlocked.Add(ref _credit, credit);
        if (total > MaxCredit)
        {
            throw RequestError.Invalid(
                "credit",
                $"The credit granted and not yet used would be {total}; a stream holds at most {MaxCredit}. Grant more as messages are settled.");
        }

        _granted.Release();
    }
}
