using System.Diagnostics;
using System.Globalization;
using ActorMq.Engine;

namespace ActorMq.Bench.Engine;

/// <summary>
/// <c>--parked N</c>: the memory a queue keeps per message parked in a schedule bucket, and the cost of the reads and
/// changes that touch parked messages. Publishes N scheduled messages of 1 KiB (batches of 100, due a day ahead, one
/// millisecond apart) and parks them as the node does (rounds of <see cref="ParkBatch"/>, each confirmed by its
/// buckets), then reports the managed heap the state holds after a full GC and times a browse, a find, cancels, a
/// bucket's give-back and a snapshot.
/// </summary>
internal static class ParkedHarness
{
    /// <summary>The node's default <c>park-batch-size</c>.</summary>
    private const int ParkBatch = 2000;

    private static readonly TimeSpan BucketWidth = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LookAhead = TimeSpan.FromSeconds(10);
    private static readonly StartParking StartParking = new(BucketWidth, LookAhead, ParkBatch);

    public static int Run(int count)
    {
        var now = QueueFixture.Epoch;
        var state = new QueueState("parked");
        Execute(state, new ConfigureQueue(QueueSettings.Default), now);
        var body = MessageBody.Json("\"" + new string('x', 1022) + "\"");
        var due = now.AddDays(1);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        for (var published = 0; published < count;)
        {
            var batch = Math.Min(100, count - published);
            var requests = new PublishRequest[batch];
            for (var i = 0; i < batch; i++)
            {
                requests[i] = new PublishRequest { Body = body, DeliverAt = due.AddMilliseconds(published + i) };
            }

            Execute(state, new Publish(requests, AutoCreate: false), now);
            published += batch;
            if (published % ParkBatch == 0 || published == count)
            {
                Park(state, now);
            }
        }

        var fill = sw.Elapsed;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Check(state.ParkedCount == count, $"{state.ParkedCount} of {count} parked");
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"parked={count} fill_s={fill.TotalSeconds:F1} heap_mb={(after - before) / (1024.0 * 1024):F1} bytes_per_parked={(double)(after - before) / count:F0}"));

        var page = Time("browse first page (100)", () => Browse(state, null));
        Time("browse next page (100)", () => Browse(state, page.Next));
        var middle = state.ToSnapshot().Messages[count / 2].Id;
        Time("find one parked", () => Check(state.Find(middle) is { IsParked: true }, "the middle message is not parked"));
        var (bytes, snapshot) = Allocated(() => state.ToSnapshot());
        Time("snapshot", () => state.ToSnapshot());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  snapshot allocates {bytes / (1024.0 * 1024):F0} MiB"));

        var cancels = snapshot.Messages.Take(1000).Select(m => new CancelMessage(m.Id, null)).ToList();
        Time("cancel 1000 parked", () => cancels.ForEach(c => Execute(state, c, now)));
        var lastBucket = state.Buckets.Keys.Max();
        var firing = snapshot.Messages.Where(m => m.ParkedIn == lastBucket).Take(1000).Select(m => m with { Body = body }).ToList();
        Time("unpark 1000", () => Execute(state, new Unpark(lastBucket, firing), now));
        return 0;
    }

    private static void Park(QueueState state, DateTimeOffset now)
    {
        var started = (ParkingStarted)Execute(state, StartParking, now);
        foreach (var load in started.Loads)
        {
            Execute(state, new ConfirmParked(load.Bucket, load.Messages.Select(ParkedRef.Of).ToList()), now);
        }
    }

    private static BrowsePage Browse(QueueState state, string? after)
    {
        var error = QueueQueries.Browse(state, MessageState.Scheduled, 100, after, out var page);
        Check(error is null && page!.Messages.Count == 100, $"browse failed: {error}");
        return page!;
    }

    private static QueueReply Execute(QueueState state, QueueCommand command, DateTimeOffset now)
    {
        var decision = QueueEngine.Execute(state, command, now);
        Check(decision.Error is null, $"{command.GetType().Name} failed: {decision.Error}");
        return decision.Reply!;
    }

    private static T Time<T>(string name, Func<T> action)
    {
        var sw = Stopwatch.StartNew();
        var result = action();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-26} {sw.Elapsed.TotalMilliseconds,9:F2} ms"));
        return result;
    }

    private static void Time(string name, Action action) => Time(name, () =>
    {
        action();
        return 0;
    });

    private static (long Bytes, T Result) Allocated<T>(Func<T> action)
    {
        var start = GC.GetAllocatedBytesForCurrentThread();
        var result = action();
        return (GC.GetAllocatedBytesForCurrentThread() - start, result);
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }
}
