using ActorMq.Contracts;
using Akka.Cluster.Sharding;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// Routes every <see cref="IQueueMessage"/> to the entity named by its queue. Shards are a hash of the name modulo
/// the shard count (actormq.sharding.shard-count, 100 by default: about ten per node of the largest cluster).
/// </summary>
public sealed class QueueMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <inheritdoc />
    public override string? EntityId(object message) => (message as IQueueMessage)?.Queue;
}
