using System.Text;

using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// How the queues answered after <see cref="Since"/> (a kill, a stop): for each queue that failed to answer at least
/// once, when it served again (its first answer after its last failure), measured from <see cref="Since"/>.
/// </summary>
/// <param name="Since">The instant measured from.</param>
/// <param name="Recovered">True when every queue answered in the last rounds.</param>
/// <param name="Unavailable">Each queue that failed after <see cref="Since"/>, and how long after it served again (null: not yet).</param>
/// <param name="Rounds">Rounds of probes sent after <see cref="Since"/>.</param>
public sealed record Availability(DateTimeOffset Since, bool Recovered, IReadOnlyDictionary<string, TimeSpan?> Unavailable, int Rounds)
{
    /// <summary>When the last of the queues served again (zero when none failed); null when one has not.</summary>
    public TimeSpan? EveryQueueServingAfter =>
        Unavailable.Values.Any(v => v is null) ? null : Unavailable.Values.Select(v => v!.Value).DefaultIfEmpty(TimeSpan.Zero).Max();

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(EveryQueueServingAfter is { } all ? $"every queue serving again after {Durations.Seconds(all)}" : "NOT every queue serving again");
        text.Append($" ({Unavailable.Count} queue(s) were unavailable, {Rounds} probe rounds)");
        foreach (var (queue, back) in Unavailable.OrderBy(u => u.Key, StringComparer.Ordinal))
        {
            text.Append($"; {queue}: {(back is { } b ? Durations.Seconds(b) : "never")}");
        }

        return text.ToString();
    }
}
