using ActorMq.Engine;

namespace ActorMq.Contracts.Persistence;

/// <summary>
/// The events of one group commit, persisted as one journal entry: a queue writes what arrived while its previous
/// write was in flight in a single row, which is what lets it reach tens of thousands of messages per second.
/// </summary>
public sealed record QueueEventBatch(IReadOnlyList<IQueueEvent> Events) : IActorMqMessage;

/// <summary>A queue's snapshot, persisted by the snapshot store.</summary>
public sealed record QueueSnapshotRecord(QueueSnapshot Snapshot) : IActorMqMessage;

/// <summary>The catalog learned that a queue exists (<paramref name="Exists"/>) or was deleted.</summary>
public sealed record CatalogChanged(string Queue, bool Exists) : IActorMqMessage;

/// <summary>The catalog's answer to a <see cref="CatalogChanged"/>: it has written that <paramref name="Queue"/> exists (or not).</summary>
public sealed record CatalogRecorded(string Queue, bool Exists) : IActorMqMessage;

/// <summary>The catalog's snapshot: every queue that exists.</summary>
public sealed record CatalogSnapshot(IReadOnlyList<string> Queues) : IActorMqMessage;
