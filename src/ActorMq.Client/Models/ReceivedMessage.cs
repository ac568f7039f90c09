namespace ActorMq.Client;

/// <summary>A message leased by a receive: ack it when done, nack it to give it back, extend it to keep it longer.</summary>
public sealed record ReceivedMessage : QueueMessage
{
    /// <summary>The lease this receive was granted.</summary>
    public required Lease Lease { get; init; }
}
