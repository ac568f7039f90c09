namespace ActorMq.Contracts;

/// <summary>
/// Marker of every message that crosses a node boundary or is persisted; the project's own serializer is bound to it
/// (and to the engine's events and snapshots), never the default JSON fallback.
/// </summary>
public interface IActorMqMessage;

/// <summary>A message addressed to one queue entity; sharding routes it by <see cref="Queue"/>.</summary>
public interface IQueueMessage : IActorMqMessage
{
    /// <summary>The queue's name: the sharded entity id.</summary>
    string Queue { get; }
}
