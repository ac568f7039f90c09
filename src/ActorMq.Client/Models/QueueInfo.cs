namespace ActorMq.Client;

/// <summary>A queue: its settings, its live messages per state, and its totals.</summary>
/// <param name="Name">The queue name.</param>
/// <param name="Settings">Its settings, every one filled in.</param>
/// <param name="Counts">Live messages per state.</param>
/// <param name="Totals">What it has done since it was created.</param>
public sealed record QueueInfo(string Name, QueueSettings Settings, QueueCounts Counts, QueueTotals Totals);
