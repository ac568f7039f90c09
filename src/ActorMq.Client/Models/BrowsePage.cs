namespace ActorMq.Client;

/// <summary>One page of a browse, in delivery order (scheduled messages by their due time).</summary>
/// <param name="Messages">The messages of this page.</param>
/// <param name="Next">The cursor of the next page, to pass as <c>after</c>; null on the last page.</param>
public sealed record BrowsePage(IReadOnlyList<BrowsedMessage> Messages, string? Next);
