using System.Diagnostics;
using System.Globalization;

namespace ActorMq.LoadGen;

/// <summary>
/// CPU seconds of this process and (on Linux, with <c>--node-pid</c>) of the node, and the 1-minute load average:
/// on a small machine shared with the node, they say whether a figure is bound by the CPU and by whom.
/// </summary>
internal sealed class MachineCounters(int? nodePid)
{
    // USER_HZ, the unit of utime and stime in /proc/<pid>/stat, is 100 on every mainstream Linux.
    private const double ClockTicksPerSecond = 100;

    public readonly record struct Snapshot(long Timestamp, TimeSpan ClientCpu, double? NodeCpuSeconds);

    public Snapshot Read()
    {
        using var self = Process.GetCurrentProcess();
        return new Snapshot(Stopwatch.GetTimestamp(), self.TotalProcessorTime, NodeCpuSeconds());
    }

    /// <summary>Adds <c>client_cpu_s</c>, <c>node_cpu_s</c> (when known) and <c>loadavg1</c> since <paramref name="before"/>.</summary>
    public void AddDelta(ResultLine line, Snapshot before)
    {
        var after = Read();
        line.Add("wall_s", Stopwatch.GetElapsedTime(before.Timestamp, after.Timestamp).TotalSeconds);
        line.Add("client_cpu_s", (after.ClientCpu - before.ClientCpu).TotalSeconds);
        if (before.NodeCpuSeconds is { } b && after.NodeCpuSeconds is { } a)
        {
            line.Add("node_cpu_s", a - b);
            if (long.TryParse(line.Get("n"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                // Per message (or per request for the probes): what the node spent, whoever it was for.
                line.Add("node_cpu_us_per_n", (a - b) * 1e6 / n);
            }
        }

        if (LoadAverage() is { } load)
        {
            line.Add("loadavg1", load);
        }
    }

    /// <summary>The first field of <c>/proc/loadavg</c>, or null where there is none.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.AsSpan(0, text.IndexOf(' ')), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private double? NodeCpuSeconds()
    {
        if (nodePid is not { } pid)
        {
            return null;
        }

        try
        {
            // pid (comm) state ppid … utime stime: fields 14 and 15; comm may hold spaces, so count from the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            return ticks / ClockTicksPerSecond;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
