using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Engine;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// How the edge (HTTP endpoints, the Akka client receptionist) reaches the queues: one Ask per request, bounded by a
/// timeout and the caller's cancellation token.
/// </summary>
public interface IQueueGateway
{
    /// <summary>True once this node has joined the cluster and its shard regions are up.</summary>
    bool IsReady { get; }

    /// <summary>Sends a request to its queue and waits for the answer (long polls wait their wait on top of the timeout).</summary>
    Task<QueueResponse> AskAsync(IQueueMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="AskAsync"/>, but the caller's continuation runs on the thread that delivers the answer (a local
    /// queue's own) instead of on a pool thread woken for it. For short continuations on the delivery path only: they
    /// hold up the queue while they run, so they must not block.
    /// </summary>
    Task<QueueResponse> AskInlineAsync(IQueueMessage message);

    /// <summary>Every existing queue with its settings, counts and totals, by name.</summary>
    Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken);
}
