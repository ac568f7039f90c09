namespace ActorMq.Client;

/// <summary>The answer of <see cref="IActorMqClient.CreateOrUpdateQueueAsync"/>.</summary>
/// <param name="Queue">The queue with its new settings.</param>
/// <param name="Created">True when the queue was created (201), false when an existing one was updated (200).</param>
public sealed record CreateOrUpdateQueueResult(QueueInfo Queue, bool Created);
