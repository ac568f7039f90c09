using ActorMq.Cluster.Gateway;
using ActorMq.Contracts;
using ActorMq.Engine;
using Akka.Actor;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>The cluster did not answer in time (503); <see cref="Timeout"/> is how long the request waited.</summary>
internal sealed class ClusterTimeoutException(TimeSpan timeout, Exception? inner = null)
    : Exception($"the cluster did not answer within {timeout}", inner)
{
    /// <summary>How long the request waited.</summary>
    public TimeSpan Timeout { get; } = timeout;
}

/// <summary>
/// Requests from the HTTP API to the queues through <see cref="IQueueGateway"/>, each bounded by
/// <see cref="HttpApiOptions.RequestTimeout"/> (plus a long poll's wait) and by the client's
/// <see cref="HttpContext.RequestAborted"/>.
/// </summary>
internal static class QueueCalls
{
    /// <summary>
    /// Sends <paramref name="message"/> and returns its reply, which must be a <typeparamref name="TReply"/>. A refusal
    /// is thrown as a <see cref="QueueErrorException"/>, an unanswered request as a <see cref="ClusterTimeoutException"/>.
    /// </summary>
    public static async Task<TReply> AskAsync<TReply>(HttpContext http, IQueueGateway gateway, IQueueMessage message, TimeSpan wait = default)
        where TReply : QueueReply
    {
        var response = await WithTimeoutAsync(http, wait, token => gateway.AskAsync(message, token));
        if (response.Error is { } error)
        {
            throw new QueueErrorException(error);
        }

        return response.Reply as TReply ?? throw new InvalidOperationException(
            $"[Queue={message.Queue}] answered {response.Reply?.GetType().Name ?? "nothing"} to {message.GetType().Name} where {typeof(TReply).Name} was expected");
    }

    /// <summary>Every queue, by name.</summary>
    public static Task<IReadOnlyList<QueueInfo>> ListAsync(HttpContext http, IQueueGateway gateway) =>
        WithTimeoutAsync(http, TimeSpan.Zero, gateway.ListQueuesAsync);

    private static async Task<T> WithTimeoutAsync<T>(HttpContext http, TimeSpan wait, Func<CancellationToken, Task<T>> call)
    {
        var timeout = http.RequestServices.GetRequiredService<IOptions<HttpApiOptions>>().Value.RequestTimeout + wait;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException e) when (!http.RequestAborted.IsCancellationRequested)
        {
            throw new ClusterTimeoutException(timeout, e);
        }
        catch (Exception e) when (e is TimeoutException or AskTimeoutException)
        {
            throw new ClusterTimeoutException(timeout, e);
        }
    }
}
