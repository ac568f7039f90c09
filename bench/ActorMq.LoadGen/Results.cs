using System.Globalization;

namespace ActorMq.LoadGen;

/// <summary>Samples in milliseconds; percentiles by nearest rank.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = [];
    private double[]? _sorted;

    public int Count => _values.Count;

    public void Add(double ms)
    {
        _values.Add(ms);
        _sorted = null;
    }

    public void AddRange(Samples other)
    {
        _values.AddRange(other._values);
        _sorted = null;
    }

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 1); NaN without samples.</summary>
    public double Percentile(double p)
    {
        if (_values.Count == 0)
        {
            return double.NaN;
        }

        _sorted ??= [.. _values.Order()];
        var rank = (int)Math.Ceiling(p * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public static Samples Merge(IEnumerable<Samples> parts)
    {
        var all = new Samples();
        foreach (var part in parts)
        {
            all.AddRange(part);
        }

        return all;
    }
}

/// <summary>Counts failed requests and keeps the first failure's description.</summary>
internal sealed class Errors
{
    private int _count;
    private string? _first;

    public int Count => Volatile.Read(ref _count);

    public string? First => Volatile.Read(ref _first);

    public void Record(string what)
    {
        Interlocked.Increment(ref _count);
        Interlocked.CompareExchange(ref _first, what, null);
    }
}

/// <summary>One output line, <c>scenario=… key=value …</c>, and whether its checks passed.</summary>
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

    public ResultLine Add(string key, double value) =>
        Add(key, double.IsNaN(value) ? "nan" : value.ToString(Math.Abs(value) >= 100 ? "0" : "0.##", CultureInfo.InvariantCulture));

    public ResultLine Add(string key, bool value) => Add(key, value ? "true" : "false");

    /// <summary>A check field: anything but 0 fails the scenario.</summary>
    public ResultLine Check(string key, long value)
    {
        Add(key, value);
        if (value != 0)
        {
            _failures.Add($"{key}={value}");
        }

        return this;
    }

    /// <summary>A check that must be false (e.g. <c>timed_out</c>).</summary>
    public ResultLine CheckFalse(string key, bool value)
    {
        Add(key, value);
        if (value)
        {
            _failures.Add($"{key}=true");
        }

        return this;
    }

    /// <summary><c>{prefix}p50_ms {prefix}p99_ms {prefix}max_ms</c>.</summary>
    public ResultLine Latencies(Samples samples, string prefix = "") =>
        Add($"{prefix}p50_ms", samples.Percentile(0.50))
            .Add($"{prefix}p99_ms", samples.Percentile(0.99))
            .Add($"{prefix}max_ms", samples.Percentile(1.0));

    /// <summary>Writes the count and first description of <paramref name="errors"/> to the log, if any.</summary>
    public ResultLine WithFirstError(TextWriter log, Errors errors)
    {
        if (errors.Count > 0)
        {
            log.WriteLine($"[{scenario}] {errors.Count} failed request(s); first: {errors.First}");
        }

        return this;
    }

    public override string ToString() => string.Join(' ', _fields.Select(f => $"{f.Key}={f.Value}"));
}
