using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using ActorMq.Cluster.Hosting;
using Akka.Actor;
using Akka.Hosting;

namespace ActorMq.Cluster.Gateway;

/// <summary>The gateway over the queue shard region and the catalog singleton.</summary>
/// <param name="queues">The queue shard region (or its proxy on a gateway-only node), once it has started.</param>
/// <param name="catalog">The catalog singleton's proxy, once it has started.</param>
/// <param name="readiness">Whether the node has joined and its regions are up.</param>
/// <param name="requestTimeout">How long an answer may take, on top of a long poll's wait.</param>
/// <param name="system">The node's actor system, where <see cref="AskInlineAsync"/> registers its answer's address.</param>
public sealed class ActorMqGateway(
    IRequiredActor<QueueRegion> queues, IRequiredActor<QueueCatalog> catalog, ClusterReadiness readiness, TimeSpan requestTimeout, ActorSystem system)
    : IQueueGateway
{
    private IActorRef? _region;

    /// <inheritdoc />
    public bool IsReady => readiness.IsReady;

    /// <inheritdoc />
    public async Task<QueueResponse> AskAsync(IQueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            var region = await RegionAsync(cancellationToken).ConfigureAwait(false);
            return await region.Ask<QueueResponse>(message, TimeoutOf(message), cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return NotAnswered(message);
        }
    }

    /// <inheritdoc />
    public async Task<QueueResponse> AskInlineAsync(IQueueMessage message)
    {
        var region = await RegionAsync(CancellationToken.None).ConfigureAwait(false);
        return await InlineAsk.AskAsync(system, region, message, TimeoutOf(message)) as QueueResponse ?? NotAnswered(message);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueInfo>> ListQueuesAsync(CancellationToken cancellationToken)
    {
        var proxy = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        var names = await proxy.Ask<CatalogSnapshot>(ListQueues.Instance, requestTimeout, cancellationToken).ConfigureAwait(false);
        var answers = await Task.WhenAll(names.Queues.Select(name => AskAsync(new GetQueue(name), cancellationToken))).ConfigureAwait(false);
        return answers.Select(a => a.Reply).OfType<QueueFound>().Select(f => f.Queue).OrderBy(q => q.Name, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The queue region, resolved once: GetAsync allocates a task on every call.</summary>
    private async ValueTask<IActorRef> RegionAsync(CancellationToken cancellationToken) =>
        _region ??= await queues.GetAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>How long <paramref name="message"/>'s answer may take: the request timeout, plus a long poll's wait.</summary>
    private TimeSpan TimeoutOf(IQueueMessage message) => requestTimeout + (message is QueueRequest request ? request.Wait : TimeSpan.Zero);

    private QueueResponse NotAnswered(IQueueMessage message) => QueueResponse.Fail(new QueueError(
        ErrorKind.Unavailable, null, $"queue '{message.Queue}' did not answer within {requestTimeout.TotalSeconds:0.#} s; the cluster may be rebalancing. Retry."));
}
