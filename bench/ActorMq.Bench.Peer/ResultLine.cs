using System.Diagnostics;
using System.Globalization;

namespace ActorMq.Bench.Peer;

/// <summary>
/// One output line, <c>scenario=… n=… key=value … status=ok|fail</c>, in the peer harness's format: seconds with 3
/// decimals, rates as whole numbers, milliseconds with 3 decimals. A check that is not as expected makes it fail.
/// </summary>
internal sealed class ResultLine(string scenario)
{
    private readonly List<KeyValuePair<string, string>> _fields = [new("scenario", scenario)];
    private readonly List<string> _failures = [];

    public string Scenario => scenario;

    public bool Passed => _failures.Count == 0;

    /// <summary>The checks that failed, e.g. <c>missing=3</c>.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>The value of a field already added, or null.</summary>
    public string? Get(string key) => _fields.FirstOrDefault(f => f.Key == key).Value;

    public ResultLine Add(string key, string value)
    {
        _fields.Add(new(key, value));
        return this;
    }

    public ResultLine Add(string key, long value) => Add(key, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Seconds, 3 decimals.</summary>
    public ResultLine Seconds(string key, double value) => Add(key, F(value, 3));

    /// <summary>A rate, no decimals.</summary>
    public ResultLine Rate(string key, double value) => Add(key, F(value, 0));

    /// <summary>Milliseconds (or MiB), 3 decimals (1 for MiB); <c>na</c> when unknown.</summary>
    public ResultLine Number(string key, double? value, int decimals = 3) => Add(key, value is { } v ? F(v, decimals) : "na");

    /// <summary>A check: anything but 0 fails the scenario.</summary>
    public ResultLine Check(string key, long value) => Expect(key, value, 0);

    /// <summary>A check: anything but <paramref name="expected"/> fails the scenario.</summary>
    public ResultLine Expect(string key, long value, long expected)
    {
        Add(key, value);
        if (value != expected)
        {
            _failures.Add($"{key}={value} (expected {expected})");
        }

        return this;
    }

    /// <summary>A failure that is no field of its own.</summary>
    public ResultLine Fail(string why)
    {
        _failures.Add(why);
        return this;
    }

    public override string ToString() => $"{string.Join(' ', _fields.Select(f => $"{f.Key}={f.Value}"))} status={(Passed ? "ok" : "fail")}";

    public static string F(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "na";
}

/// <summary>Durations in <see cref="Stopwatch"/> ticks (or milliseconds), percentiles by nearest rank as the peer takes them.</summary>
internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of sorted values (0 &lt; p ≤ 1); 0 without values.</summary>
    public static double Of(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var index = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>Room for <paramref name="n"/> durations in ticks, each -1 (not set) until recorded.</summary>
    public static long[] Unset(int n)
    {
        var ticks = new long[n];
        Array.Fill(ticks, -1);
        return ticks;
    }

    /// <summary>Stopwatch ticks as milliseconds, sorted; negative entries (never set) left out.</summary>
    public static double[] SortedMs(long[] ticks)
    {
        var ms = ticks.Where(t => t >= 0).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(ms);
        return ms;
    }
}
