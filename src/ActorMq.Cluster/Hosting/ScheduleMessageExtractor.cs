using System.Globalization;
using ActorMq.Contracts.Schedules;
using Akka.Cluster.Sharding;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// Routes every <see cref="IScheduleMessage"/> to the bucket entity <c>&lt;queue&gt;~&lt;bucket start ticks&gt;</c>
/// (<c>~</c> is never part of a queue name). Uses the queue shard count: buckets spread over the same shards.
/// </summary>
public sealed class ScheduleMessageExtractor(int shardCount) : HashCodeMessageExtractor(shardCount)
{
    /// <summary>Separates the queue from the bucket in an entity id.</summary>
    public const char Separator = '~';

    /// <inheritdoc />
    public override string? EntityId(object message) => message is IScheduleMessage m ? EntityIdOf(m.Queue, m.Bucket) : null;

    /// <summary>The entity id of the bucket starting at <paramref name="bucket"/> of <paramref name="queue"/>.</summary>
    public static string EntityIdOf(string queue, long bucket) => string.Create(CultureInfo.InvariantCulture, $"{queue}{Separator}{bucket}");

    /// <summary>The queue and bucket an entity id names.</summary>
    public static (string Queue, long Bucket) Parse(string entityId)
    {
        var at = entityId.LastIndexOf(Separator);
        return at > 0 && long.TryParse(entityId.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bucket)
            ? (entityId[..at], bucket)
            : throw new ArgumentException($"'{entityId}' is not a schedule bucket id (<queue>{Separator}<bucket start ticks>).", nameof(entityId));
    }
}
