using System.Diagnostics;
using System.Globalization;
using ActorMq.Integration.Tests.History;
using Xunit.Abstractions;

namespace ActorMq.Integration.Tests.Support;

/// <summary>
/// The steps of a run, each line after the seconds since the run started and the time of day (UTC, as in the nodes'
/// logs). Kept in memory, so that every test that reads a shared run can write them to its own output. Thread-safe.
/// </summary>
public sealed class RunLog
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    /// <summary>Adds a line.</summary>
    public void Write(string line)
    {
        var stamped = $"[{_clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),7} s {HistoryEvent.Clock(DateTimeOffset.UtcNow)}] {line}";
        lock (_gate)
        {
            _lines.Add(stamped);
        }
    }

    /// <summary>Writes every line to <paramref name="output"/>.</summary>
    public void WriteTo(ITestOutputHelper output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
        {
            foreach (var line in _lines)
            {
                output.WriteLine(line);
            }
        }
    }
}
