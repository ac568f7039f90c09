namespace ActorMq.Client;

/// <summary>What a publish stored.</summary>
/// <param name="Id">The message id (the first message's id for a duplicate).</param>
/// <param name="State"><see cref="MessageState.Ready"/> or <see cref="MessageState.Scheduled"/>.</param>
/// <param name="DeliverAt">When a scheduled message becomes deliverable; null for a ready one.</param>
/// <param name="Duplicate">True when the <see cref="PublishMessage.DedupId"/> was seen within the dedup window and
/// nothing was stored.</param>
public sealed record PublishResult(string Id, MessageState State, DateTimeOffset? DeliverAt, bool Duplicate);
