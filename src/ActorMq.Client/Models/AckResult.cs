namespace ActorMq.Client;

/// <summary>The outcome of one lease in a batch ack; each lease succeeds or fails on its own.</summary>
/// <param name="MessageId">The message id.</param>
/// <param name="Acked">True when the message was acked (and is gone).</param>
/// <param name="Status">When not acked: the HTTP status this ack alone would have answered (409 for a stale lease,
/// 404 for a message that is gone).</param>
/// <param name="Detail">When not acked: why.</param>
public sealed record AckResult(string MessageId, bool Acked, int? Status, string? Detail);
