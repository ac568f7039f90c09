using System.Diagnostics;
using System.Globalization;

namespace ActorMq.Cli.Output;

/// <summary>
/// A one-line progress bar on standard error, redrawn in place at most ten times a second; drawn only when standard
/// error is a terminal, so that redirected output and logs stay clean.
/// </summary>
internal sealed class ProgressBar
{
    private static readonly long RedrawTicks = Stopwatch.Frequency / 10;

    private readonly TextWriter? _writer;
    private readonly string _unit;
    private readonly long _total;
    private readonly int _width;
    private long? _lastDraw;

    /// <summary>A bar up to <paramref name="total"/> <paramref name="unit"/>; silent when <paramref name="console"/>'s error stream is no terminal.</summary>
    public ProgressBar(CliConsole console, long total, string unit)
    {
        _writer = console.ErrorIsTerminal ? console.Error : null;
        _total = total;
        _unit = unit;
        _width = Math.Clamp(console.ErrorWidth - 40, 10, 50);
    }

    /// <summary>Shows <paramref name="done"/> of the total (throttled).</summary>
    public void Report(long done)
    {
        var now = Stopwatch.GetTimestamp();
        if (_writer is null || (_lastDraw is { } last && now - last < RedrawTicks))
        {
            return;
        }

        _lastDraw = now;
        Draw(done);
    }

    /// <summary>Draws the final state and ends the line.</summary>
    public void Done(long done)
    {
        if (_writer is null)
        {
            return;
        }

        Draw(done);
        _writer.Write('\n');
        _writer.Flush();
    }

    private void Draw(long done)
    {
        var fraction = _total == 0 ? 1.0 : Math.Clamp((double)done / _total, 0, 1);
        var filled = (int)Math.Round(fraction * _width);
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"\r[{new string('#', filled)}{new string('.', _width - filled)}] {fraction * 100,3:0}%  {done}/{_total} {_unit}");
        _writer!.Write(line);
        _writer.Flush();
    }
}
