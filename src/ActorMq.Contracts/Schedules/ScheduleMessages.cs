using ActorMq.Engine;

namespace ActorMq.Contracts.Schedules;

/// <summary>
/// A message addressed to one schedule bucket: the messages of <see cref="Queue"/> due from <see cref="Bucket"/> (its
/// first instant, UTC ticks) for one bucket width. Sharding routes it by both.
/// </summary>
public interface IScheduleMessage : IActorMqMessage
{
    /// <summary>The queue the bucket holds messages for.</summary>
    string Queue { get; }

    /// <summary>The bucket's first instant in UTC ticks.</summary>
    long Bucket { get; }
}

/// <summary>Queue → bucket: store these scheduled messages. The bucket answers <see cref="BucketStored"/> to the queue.</summary>
public sealed record ParkMessages(string Queue, long Bucket, IReadOnlyList<StoredMessage> Messages) : IScheduleMessage;

/// <summary>Queue → bucket: give back everything you hold, as <see cref="BucketFiring"/> batches.</summary>
public sealed record WakeBucket(string Queue, long Bucket) : IScheduleMessage;

/// <summary>Queue → bucket: the queue took these back (<see cref="BucketFiring"/>); drop them.</summary>
public sealed record ConfirmFired(string Queue, long Bucket, IReadOnlyList<ParkedRef> Messages) : IScheduleMessage;

/// <summary>Queue → bucket, a read: answer <see cref="ParkedFound"/> with the messages of these ids that you hold.</summary>
public sealed record FetchParked(string Queue, long Bucket, IReadOnlyList<string> Ids) : IScheduleMessage;

/// <summary>Bucket → asker: the messages a <see cref="FetchParked"/> asked for that the bucket holds.</summary>
public sealed record ParkedFound(long Bucket, IReadOnlyList<StoredMessage> Messages) : IActorMqMessage;

/// <summary>Bucket → queue: these messages are stored in the bucket.</summary>
public sealed record BucketStored(string Queue, long Bucket, IReadOnlyList<ParkedRef> Messages) : IQueueMessage;

/// <summary>Bucket → queue: messages given back on a <see cref="WakeBucket"/>; the queue answers <see cref="ConfirmFired"/>.</summary>
public sealed record BucketFiring(string Queue, long Bucket, IReadOnlyList<StoredMessage> Messages) : IQueueMessage;

/// <summary>Bucket → queue: the bucket holds nothing and has deleted its journal.</summary>
public sealed record BucketEmpty(string Queue, long Bucket) : IQueueMessage;
