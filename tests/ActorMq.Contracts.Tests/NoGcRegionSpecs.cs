using System.Runtime;
using ActorMq.Contracts.Serialization;

namespace ActorMq.Contracts.Tests;

/// <summary>A region is process-wide: these run alone, so no other test's allocations end one early.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NoGcRegionCollection
{
    public const string Name = "no-gc-region";
}

[Collection(NoGcRegionCollection.Name)]
public sealed class NoGcRegionSpecs
{
    /// <summary>Larger than the test process's heap, so the region is worth starting.</summary>
    private static long Bytes => Math.Max(256L << 20, GC.GetGCMemoryInfo().HeapSizeBytes * 2);

    [Fact]
    public void A_region_must_hold_off_collections_until_it_is_disposed()
    {
        using (var region = NoGcRegion.TryStart(Bytes))
        {
            Assert.True(region.Started);
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
            var collections = GC.CollectionCount(0);
            var kept = new List<byte[]>();
            for (var i = 0; i < 1_000; i++)
            {
                kept.Add(new byte[1_000]);
            }

            Assert.Equal(collections, GC.CollectionCount(0));
            GC.KeepAlive(kept);
        }

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_second_region_must_not_start_while_one_is_held_and_its_disposal_must_not_end_the_first()
    {
        using var first = NoGcRegion.TryStart(Bytes);
        Assert.True(first.Started);

        var second = NoGcRegion.TryStart(Bytes);
        Assert.False(second.Started);
        second.Dispose();

        Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_region_must_not_start_for_less_than_the_heap_holds()
    {
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        using var region = NoGcRegion.TryStart(Math.Max(1, heap / 2));

        Assert.False(region.Started);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_region_the_process_outgrew_must_end_quietly_and_free_the_next_one()
    {
        var bytes = Bytes;
        using (var region = NoGcRegion.TryStart(bytes))
        {
            Assert.True(region.Started);
            for (long allocated = 0; allocated < bytes * 2; allocated += 64 << 10)
            {
                GC.KeepAlive(new byte[64 << 10]); // below the large object heap's threshold: the region's small-object part
            }

            Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }

        using var next = NoGcRegion.TryStart(Bytes);
        Assert.True(next.Started);
    }
}
