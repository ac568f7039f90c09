using System.Globalization;

namespace ActorMq.Integration.Tests.History;

/// <summary>Summaries of durations, in seconds, for reports.</summary>
public static class Durations
{
    /// <summary><c>n=…, min …, median …, p95 …, max … s</c>, or <c>n=0</c>.</summary>
    public static string Summary(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
        {
            return "n=0";
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"n={sorted.Length}, min {sorted[0].TotalSeconds:0.000} s, median {Percentile(sorted, 0.5).TotalSeconds:0.000} s, p95 {Percentile(sorted, 0.95).TotalSeconds:0.000} s, max {sorted[^1].TotalSeconds:0.000} s");
    }

    /// <summary>The nearest-rank percentile of sorted durations.</summary>
    public static TimeSpan Percentile(IReadOnlyList<TimeSpan> sorted, double fraction) =>
        sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>Seconds with two decimals.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
