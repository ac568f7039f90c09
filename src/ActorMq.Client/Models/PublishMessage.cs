namespace ActorMq.Client;

/// <summary>
/// A message to publish: its <see cref="Body"/> and optional properties. Leave a property null for the queue's
/// default or "none".
/// </summary>
/// <param name="Body">The body: JSON (<see cref="MessageBody.Json(string)"/>, <see cref="MessageBody.Text"/>) or
/// binary (<see cref="MessageBody.Binary"/>).</param>
public sealed record PublishMessage(MessageBody Body)
{
    /// <summary>
    /// The message id, unique within the queue; 1-128 characters from <c>[A-Za-z0-9._:~-]</c>, starting with a letter
    /// or digit. Null lets the server generate one that sorts by creation time. Give your own to edit or cancel the
    /// message later without remembering the generated one.
    /// </summary>
    public string? Id { get; init; }

    /// <summary>Priority, 0 or more; lower is more urgent. Null for the queue's <c>defaultPriority</c>.</summary>
    public int? Priority { get; init; }

    /// <summary>
    /// When the message becomes deliverable; an instant in the past means now. Give this or <see cref="Delay"/>, not
    /// both.
    /// </summary>
    public DateTimeOffset? DeliverAt { get; init; }

    /// <summary>How long from now until the message becomes deliverable. Give this or <see cref="DeliverAt"/>, not both.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>
    /// How long the message lives once deliverable if it is not acked; null for the queue's
    /// <c>messageTtlSeconds</c>.
    /// </summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Headers: names and values are strings.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The media type of the body, such as <c>application/json</c>; informative only.</summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// Deduplication id: a second publish with the same one within the queue's dedup window stores nothing and answers
    /// the first message's id with <see cref="PublishResult.Duplicate"/> set.
    /// </summary>
    public string? DedupId { get; init; }
}
