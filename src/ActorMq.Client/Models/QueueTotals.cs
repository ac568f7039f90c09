namespace ActorMq.Client;

/// <summary>What a queue has done since it was created.</summary>
/// <param name="Published">Messages stored by publishes (duplicates not counted).</param>
/// <param name="Delivered">Messages delivered by receives (leases granted) and pops.</param>
/// <param name="Acked">Messages acked.</param>
/// <param name="DeadLettered">Messages sent to the dead-letter queue (or dropped by a queue that has none).</param>
/// <param name="Expired">Messages whose time to live ran out.</param>
public sealed record QueueTotals(long Published, long Delivered, long Acked, long DeadLettered, long Expired);
