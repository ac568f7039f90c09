namespace ActorMq.Client;

/// <summary>A message removed from its queue by a pop (at-most-once): it has no lease and is gone.</summary>
public sealed record PoppedMessage : QueueMessage;
