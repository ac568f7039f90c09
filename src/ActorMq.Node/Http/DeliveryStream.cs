using System.Net.WebSockets;
using ActorMq.Cluster.Gateway;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Node.Http;

/// <summary>
/// One consumer's push stream over a WebSocket (<c>GET /v1/queues/{q}/stream</c>): the client grants credit with
/// <c>{"credit": n}</c> frames, and the node leases up to that many messages and sends them as
/// <c>{"messages": […]}</c> frames, each shaped as a receive's answer. Inside the node it is a long poll that is renewed
/// as soon as it is answered, so a message that becomes ready goes out without waiting for the client's next request.
/// Leases are ordinary leases: acked, nacked or extended through the API, and due again after their visibility timeout
/// if the client goes away with them unsettled (messages leased as the stream ends, before they were sent, are given
/// back at once). A refusal ends the stream with a <c>{"problem": …}</c> frame and a close.
/// </summary>
internal sealed class DeliveryStream
{
    /// <summary>The most credit a client may have granted and not yet used.</summary>
    public const int MaxCredit = 10_000;

    /// <summary>Frames a client sends are small; a longer one is refused.</summary>
    private const int MaxClientFrameBytes = 4096;

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
    private readonly SemaphoreSlim _granted = new(0);
    private int _credit;
    private Problem? _clientProblem;

    private DeliveryStream(WebSocket socket, IQueueGateway gateway, string queue, Receive receive)
    {
        _socket = socket;
        _gateway = gateway;
        _queue = queue;
        _receive = receive;
    }

    /// <summary>
    /// Runs the stream until the client closes it, <paramref name="stopping"/> is cancelled (the node is shutting down:
    /// close 1001) or a refusal ends it. <paramref name="receive"/> carries the stream's <c>max</c> per frame and
    /// visibility timeout; <paramref name="refusal"/>, when given, is sent at once instead (the stream's query was invalid).
    /// </summary>
    public static Task RunAsync(
        WebSocket socket, IQueueGateway gateway, string queue, Receive receive, Problem? refusal, CancellationToken aborted, CancellationToken stopping) =>
        new DeliveryStream(socket, gateway, queue, receive) { _clientProblem = refusal }.RunAsync(aborted, stopping);

    private async Task RunAsync(CancellationToken aborted, CancellationToken stopping)
    {
        // Only the reader receives and only this flow sends: cancelling either on a WebSocket would abort it, so the
        // reader stops at the client's close frame (its own, or its answer to ours) and sends go uncancelled.
        using var end = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping);
        var reading = ReadAsync(end, aborted);
        Problem? problem = null;
        try
        {
            if (_clientProblem is null)
            {
                await DeliverAsync(end.Token);
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
        }
        catch (WebSocketException)
        {
            // The connection broke; nobody is left to tell.
        }
        catch (QueueErrorException e)
        {
            problem = Problems.From(e.Error);
        }

        problem ??= _clientProblem;
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            var (status, reason) = problem is not null ? await SendProblemAsync(_socket, problem)
                : stopping.IsCancellationRequested ? (WebSocketCloseStatus.EndpointUnavailable, "the node is shutting down; open the stream again")
                : (WebSocketCloseStatus.NormalClosure, "");
            await CloseOutputQuietlyAsync(_socket, status, reason);
        }

        if (await Task.WhenAny(reading, Task.Delay(CloseHandshakeTimeout, CancellationToken.None)) != reading)
        {
            _socket.Abort();
        }

        await reading;
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
            var response = await _gateway.AskAsync(new QueueRequest(_queue, receive, PollWait), CancellationToken.None);
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
            await _socket.SendAsync(MessageWriter.Delivered(messages, MessageView.Delivered), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
    }

    /// <summary>Gives back messages leased for a stream that ended before they were sent: ready again at once.</summary>
    private Task ReleaseAsync(IReadOnlyList<StoredMessage> messages) =>
        Task.WhenAll(messages.Where(m => m.Lease is not null).Select(m =>
            _gateway.AskAsync(new QueueRequest(_queue, new Nack(m.Id, m.Lease!.Value.Token, Delay: null, DeadLetter: false)), CancellationToken.None)));

    /// <summary>
    /// Reads the client's frames until its close frame (or a broken connection). The first bad frame ends the stream
    /// (<paramref name="end"/> is cancelled, the problem kept for the close); frames after it are ignored.
    /// </summary>
    private async Task ReadAsync(CancellationTokenSource end, CancellationToken aborted)
    {
        var buffer = new byte[MaxClientFrameBytes];
        try
        {
            while (true)
            {
                var length = 0;
                var tooLong = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.AsMemory(tooLong ? 0 : length), aborted);
                    length += result.Count;
                    tooLong |= length == buffer.Length && !result.EndOfMessage;
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
                    Grant(result.MessageType != WebSocketMessageType.Text
                        ? throw RequestError.Invalid(null, "Stream frames are JSON text frames such as {\"credit\": 100}; a binary frame came.")
                        : tooLong
                            ? throw RequestError.Invalid(null, $"A stream frame is at most {MaxClientFrameBytes} bytes; send {{\"credit\": n}}.")
                            : StreamFrameReader.ReadCredit(buffer.AsMemory(0, length)));
                }
                catch (QueueErrorException e)
                {
                    _clientProblem = Problems.From(e.Error);
                    await end.CancelAsync();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection broke, or the request was aborted.
        }

        await end.CancelAsync();
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

    /// <summary>Sends <paramref name="problem"/> as the last frame; returns the close status and reason that go with it.</summary>
    private static async Task<(WebSocketCloseStatus, string)> SendProblemAsync(WebSocket socket, Problem problem)
    {
        var frame = JsonOutput.Render(problem, static (w, p) =>
        {
            w.WriteStartObject();
            w.WritePropertyName("problem");
            w.WriteRawValue(Problems.Render(p));
            w.WriteEndObject();
        });
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // Broken meanwhile; the close below fails quietly too.
        }

        var status = problem.Status >= 500 ? WebSocketCloseStatus.InternalServerError : WebSocketCloseStatus.PolicyViolation;
        return (status, $"{problem.Status} {problem.Title}");
    }

    private static async Task CloseOutputQuietlyAsync(WebSocket socket, WebSocketCloseStatus status, string reason)
    {
        try
        {
            await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // The client went away without the close handshake.
        }
    }
}
