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
/// queue in the order they were sent, and their answers go out as they come.
/// </summary>
internal sealed class StreamRequests(IQueueGateway gateway, string queue, StreamSender sender, HttpApiOptions options, ILogger log)
{
    /// <summary>Requests a stream may have in flight; the node reads no further frame until one is answered.</summary>
    public const int MaxInFlight = 1_000;

    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);

    /// <summary>
    /// Starts the request of <paramref name="frame"/> (it has a reference), once fewer than <see cref="MaxInFlight"/> are
    /// out; returns when it has been sent to the queue, not when it is answered.
    /// </summary>
    public async Task StartAsync(StreamFrame frame, string reference, CancellationToken aborted)
    {
        await _inFlight.WaitAsync(aborted);
        // Asked here, in frame order: the queue receives the stream's requests in the order they were sent.
        var answer = frame switch
        {
            { Refused: { } refused } => Task.FromResult(ProblemFrame(reference, Problems.From(refused))),
            { Publish: { } publish } => AnswerAsync(reference, new Publish(publish.Messages, options.AutoCreateQueues, publish.IsBatch), "publish", reply =>
                StreamSender.Frame(reference, "published", (((Published)reply).Results, publish.IsBatch), static (w, r) => ResultWriter.WritePublished(w, r.Results, r.IsBatch))),
            { Ack: { } ack } => AnswerAsync(reference, ack, "ack", reply =>
                StreamSender.Frame(reference, "acked", ((Acked)reply).Results, ResultWriter.WriteAcked)),
            _ => throw new InvalidOperationException("a frame with a reference carries a request"),
        };
        _ = SendAsync(answer);
    }

    /// <summary>
    /// The answer frame to <paramref name="command"/>, the frame's <paramref name="request"/>: <paramref name="answer"/>'s
    /// frame, or a problem whose field is named by its path in the frame (<c>publish.messages[1].deliverAt</c>).
    /// </summary>
    private async Task<byte[]> AnswerAsync(string reference, QueueCommand command, string request, Func<QueueReply, byte[]> answer)
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

    private async Task SendAsync(Task<byte[]> answer)
    {
        try
        {
            await sender.SendAsync(await answer);
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
