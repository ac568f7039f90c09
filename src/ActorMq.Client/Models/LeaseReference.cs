namespace ActorMq.Client;

/// <summary>One lease to acknowledge in a batch ack.</summary>
/// <param name="MessageId">The id of the received message.</param>
/// <param name="Token">The lease token its receive returned.</param>
public sealed record LeaseReference(string MessageId, string Token)
{
    /// <summary>The lease of a received message.</summary>
    /// <param name="message">A message that a receive returned.</param>
    public static LeaseReference Of(ReceivedMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new LeaseReference(message.Id, message.Lease.Token);
    }
}
