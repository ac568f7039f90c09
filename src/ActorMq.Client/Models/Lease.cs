namespace ActorMq.Client;

/// <summary>
/// A lease on a received message: present <see cref="Token"/> to ack, nack or extend it before
/// <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Token">The lease token.</param>
/// <param name="ExpiresAt">When the lease ends (the server's clock) unless it is extended.</param>
public sealed record Lease(string Token, DateTimeOffset ExpiresAt);
