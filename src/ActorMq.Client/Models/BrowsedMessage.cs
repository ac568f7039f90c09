namespace ActorMq.Client;

/// <summary>
/// A live message as browse, get and edit show it: with its state and version, never with a lease token.
/// </summary>
public sealed record BrowsedMessage : QueueMessage
{
    /// <summary>Its state.</summary>
    public required MessageState State { get; init; }

    /// <summary>
    /// Its version, which every edit increments; the ETag is this number quoted. Pass it as <c>ifMatchVersion</c> to
    /// edit or cancel only this version.
    /// </summary>
    public required long Version { get; init; }

    /// <summary>When a <see cref="MessageState.Delayed"/> message becomes ready again.</summary>
    public DateTimeOffset? DelayedUntil { get; init; }

    /// <summary>When the message's time to live runs out, if it has one.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the current lease of an <see cref="MessageState.Inflight"/> message ends.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>The strong ETag of this version, quoted: <c>"7"</c>.</summary>
    public string ETag => $"\"{Version}\"";
}
