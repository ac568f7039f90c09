using System.Runtime;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// A stretch of allocation without garbage collections, for decoding a large snapshot. Every object the decoding makes
/// lives on (the recovering queue keeps them all), so each collection in the middle of it only copies what was decoded
/// so far to an older generation, again and again: for a 1,000,000-message snapshot ~20 collections and 0.5-0.6 s of
/// pauses in a 1.3-1.5 s decode. Inside a region the same decode takes 0.65-0.8 s (bench/README.md, recovery_1m).
/// <para>
/// One region at a time in the process (a second recovery meanwhile decodes as usual), and only when the decoding
/// will allocate at least as much as the heap already holds: starting a region is a full blocking collection, whose
/// cost grows with the heap, not with the snapshot. The region ends when disposed, or earlier by itself when the
/// process allocates more than it asked for (then collections go on as usual).
/// </para>
/// </summary>
internal readonly struct NoGcRegion : IDisposable
{
    private static int _taken;
    private readonly bool _started;

    private NoGcRegion(bool started) => _started = started;

    /// <summary>True when this value started a region (which may have ended by itself since).</summary>
    public bool Started => _started;

    /// <summary>Starts a region for about <paramref name="bytes"/> of allocation, when it is worth it and possible.</summary>
    public static NoGcRegion TryStart(long bytes)
    {
        var memory = GC.GetGCMemoryInfo();
        if (bytes < memory.HeapSizeBytes || bytes > memory.TotalAvailableMemoryBytes / 2 || Interlocked.CompareExchange(ref _taken, 1, 0) != 0)
        {
            return default;
        }

        try
        {
            if (GC.TryStartNoGCRegion(bytes))
            {
                return new NoGcRegion(started: true);
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException)
        {
            // More than the GC can set aside at once, or a region started outside this type: decode as usual.
        }

        Volatile.Write(ref _taken, 0);
        return default;
    }

    /// <summary>Ends the region, unless the process already outgrew it.</summary>
    public void Dispose()
    {
        if (!_started)
        {
            return;
        }

        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
        catch (InvalidOperationException)
        {
            // A collection ended it between the check and the call.
        }
        finally
        {
            Volatile.Write(ref _taken, 0);
        }
    }
}
