using System.Net.WebSockets;
using ActorMq.Cluster.Gateway;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;

namespace ActorMq.Node.Http;

/// <summary>
/// The requests a client sends on its stream — <c>{"ref": r, "publish" | "ack": …}</c> — each answered by reference
/// when the queue has carried it out (written): <c>{"ref": r, "published" | "acked": …}</c>, or
/// <c>{"ref": r, "problem": …}</c> naming the field by its path in the frame. Several may be in flight; they reach the
/// queue in the order they were sent, and their answers go out as they come. An ack without a reference is not
/// answered: only the leases it could not ack come back, in <c>{"acked": {"results": […]}}</c> without a reference.
/// </summary>
internal sealed class StreamRequests(IQueueGateway gateway, string queue, StreamSender sender, HttpApiOptions options, ILogger log)
{
    /// <summary>Requests a stream may have in flight; the node reads no further frame until one is answered.</summary>
    public const int MaxInFlight = 1_000;

    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);

    /// <summary>
    /// Starts the request of <paramref name="frame"/>, once fewer than <see cref="MaxInFlight"/> are out; returns when it
    /// has been sent to the queue, not when it is answered.
    /// </summary>
    public async Task StartAsync(StreamFrame frame, CancellationToken aborted)
    {
        await _inFlight.WaitAsync(aborted);
        // Asked here, in frame order: the queue receives the stream's requests in the order they were sent.
        _ = SendAsync(frame.Ref is { } reference
            ? Answer(frame, reference)
            : NotAckedAsync(frame.Ack ?? throw new InvalidOperationException("only an ack may come without a reference")));
    }

    /// <summary>Waits until every request started has been answered (or carried out, for an unanswered ack).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxInFlight; i++)
        {
            await _inFlight.WaitAsync(cancellationToken);
        }

        _inFlight.Release(MaxInFlight);
    }

    /// <summary>The answer frame of <paramref name="frame"/>'s request.</summary>
    private Task<byte[]?> Answer(StreamFrame frame, string reference) => frame switch
    {
        { Refused: { } refused } => Task.FromResult<byte[]?>(ProblemFrame(reference, Problems.From(refused))),
        { Publish: { } publish } => AnswerAsync(reference, new Publish(publish.Messages, options.AutoCreateQueues, publish.IsBatch), "publish", reply =>
            StreamSender.Frame(reference, "published", (((Published)reply).Results, publish.IsBatch), static (w, r) => ResultWriter.WritePublished(w, r.Results, r.IsBatch))),
        { Ack: { } ack } => AnswerAsync(reference, ack, "ack", reply =>
            StreamSender.Frame(reference, "acked", ((Acked)reply).Results, ResultWriter.WriteAcked)),
        _ => throw new InvalidOperationException("a frame with a reference carries a request"),
    };

    /// <summary>
    /// The answer frame to <paramref name="command"/>, the frame's <paramref name="request"/>: <paramref name="answer"/>'s
    /// frame, or a problem whose field is named by its path in the frame (<c>publish.messages[1].deliverAt</c>).
    /// </summary>
    private async Task<byte[]?> AnswerAsync(string reference, QueueCommand command, string request, Func<QueueReply, byte[]> answer)
    {
        try
        {
            var response = await gateway.AskAsync(new QueueRequest(queue, command), CancellationToken.None);
            return response.Error is { } error
                ? ProblemFrame(reference, Problems.From(error.Field is { } field and not "queue" ? error with { Field = $"{request}.{field}" } : error))
                : answer(response.Reply!);
        }
        catch (Exception e)
        {
            log.LogError(e, "[Queue={Queue}] a stream's {Request} failed", queue, request);
            return ProblemFrame(reference, Problems.Internal());
        }
    }

    /// <summary>
    /// An ack not to be answered: null once every lease is acked, else the frame of the leases it could not ack (all of
    /// them, with the queue's error, when the queue refused the request as a whole).
    /// </summary>
    private async Task<byte[]?> NotAckedAsync(Ack ack)
    {
        IReadOnlyList<AckResult> AllFailed(QueueError error) => ack.Leases.Select(lease => new AckResult(lease.Id, error)).ToArray();

        IReadOnlyList<AckResult> results;
        try
        {
            var response = await gateway.AskAsync(new QueueRequest(queue, ack), CancellationToken.None);
            results = response.Error is { } error ? AllFailed(error) : ((Acked)response.Reply!).Results;
        }
        catch (Exception e)
        {
            log.LogError(e, "[Queue={Queue}] a stream's ack failed", queue);
            results = AllFailed(new QueueError(ErrorKind.Unavailable, null, "The node failed to ack it; the error is in its log. Ack it again."));
        }

        var failed = results.Where(r => r.Error is not null).ToArray();
        return failed.Length == 0 ? null : StreamSender.Frame(null, "acked", failed, ResultWriter.WriteAcked);
    }

    private async Task SendAsync(Task<byte[]?> answer)
    {
        try
        {
            if (await answer is { } frame)
            {
                await sender.SendAsync(frame);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // The stream ended while the request was out; the client hears nothing more from it.
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private static byte[] ProblemFrame(string reference, Problem problem) => StreamSender.Frame(reference, "problem", problem, Problems.Write);
}
