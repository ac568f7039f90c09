using System.Diagnostics;
using System.Text;
using ActorMq.Contracts.Persistence;
using ActorMq.Engine;
using Xunit.Abstractions;

namespace ActorMq.Contracts.Tests;

public sealed class LargeSnapshotSpecs(SerializerFixture fixture, ITestOutputHelper output) : IClassFixture<SerializerFixture>
{
    private const int LiveMessages = 100_000;
    private const int BodyBytes = 100;

    [Fact]
    public void A_snapshot_of_100k_messages_must_round_trip_and_rebuild_the_same_state()
    {
        var snapshot = BuildQueue().ToSnapshot();
        Assert.Equal(LiveMessages, snapshot.Messages.Count);
        var record = new QueueSnapshotRecord(snapshot);
        var serializer = fixture.Serializer;

        var timings = new List<(double Write, double Read)>();
        byte[] bytes = [];
        QueueSnapshotRecord back = null!;
        for (var run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            bytes = serializer.ToBinary(record);
            var write = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            back = (QueueSnapshotRecord)serializer.FromBinary(bytes, serializer.Manifest(record));
            timings.Add((write, watch.Elapsed.TotalMilliseconds));
        }

        Assert.Equal(snapshot, back.Snapshot);
        Assert.Equal(snapshot, QueueState.FromSnapshot(back.Snapshot).ToSnapshot());

        var counts = snapshot.Messages.GroupBy(m => m.State).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"snapshot: {snapshot.Messages.Count:N0} messages ({string.Join(", ", counts)}), {snapshot.Dedup.Count:N0} dedup entries, {snapshot.Outbox.Count:N0} outbound transfers, bodies {BodyBytes} B");
        output.WriteLine($"size: {bytes.Length:N0} bytes ({bytes.Length / 1024.0 / 1024.0:F2} MiB), {(double)bytes.Length / snapshot.Messages.Count:F1} bytes per message");
        for (var run = 0; run < timings.Count; run++)
        {
            output.WriteLine($"run {run + 1}: serialize {timings[run].Write:F1} ms, deserialize {timings[run].Read:F1} ms");
        }
    }

    [Fact]
    public void A_snapshot_of_100k_parked_messages_must_round_trip_and_be_read_compactly()
    {
        var state = BuildParkedQueue();
        var record = new QueueSnapshotRecord(state.ToSnapshot());
        var serializer = fixture.Serializer;
        var bytes = serializer.ToBinary(record);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var watch = Stopwatch.StartNew();
        var back = (QueueSnapshotRecord)serializer.FromBinary(bytes, serializer.Manifest(record));
        var read = watch.Elapsed.TotalMilliseconds;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        watch.Restart();
        var rebuilt = QueueState.FromSnapshot(back.Snapshot);
        var rebuild = watch.Elapsed.TotalMilliseconds;

        Assert.Equal(LiveMessages, rebuilt.ParkedCount);
        Assert.Equal(record.Snapshot, rebuilt.ToSnapshot());
        output.WriteLine($"{LiveMessages:N0} parked messages: snapshot {bytes.Length / 1024.0 / 1024.0:F2} MiB; read {read:F1} ms into {held / 1024.0 / 1024.0:F1} MiB "
            + $"({(double)held / LiveMessages:F0} bytes per message, other allocations in the process included); rebuilt in {rebuild:F1} ms");
    }

    /// <summary>100,000 messages due a day ahead (half with generated ids, a tenth with a content type), all parked.</summary>
    private static QueueState BuildParkedQueue()
    {
        var state = new QueueState("parked");
        var now = Samples.T0;
        Execute(state, new ConfigureQueue(QueueSettings.Default), now);
        for (var published = 0; published < LiveMessages; published += Limits.MaxPublishBatch)
        {
            var batch = Enumerable.Range(published, Limits.MaxPublishBatch).Select(n => new PublishRequest
            {
                Id = n % 2 == 0 ? null : $"client-{n}",
                Body = JsonBody(n),
                ContentType = n % 10 == 0 ? "application/json" : null,
                DeliverAt = now.AddDays(1).AddMilliseconds(n),
            });
            Execute(state, new Publish([.. batch], AutoCreate: false), now);
        }

        var started = (ParkingStarted)Execute(state, new StartParking(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), LiveMessages), now).Reply!;
        foreach (var load in started.Loads)
        {
            Execute(state, new ConfirmParked(load.Bucket, [.. load.Messages.Select(ParkedRef.Of)]), now);
        }

        return state;
    }

    /// <summary>
    /// A queue built by the engine itself: 100,100 published (JSON and binary bodies, some with dedup ids, headers,
    /// TTLs, or scheduled), 10,000 received, of which 100 dead-lettered (the outbox) and 100 nacked with a delay.
    /// </summary>
    private static QueueState BuildQueue()
    {
        var state = new QueueState("bulk");
        var now = Samples.T0;
        Execute(state, new ConfigureQueue(QueueSettings.Default with { DedupWindow = TimeSpan.FromDays(1) }), now);

        var published = 0;
        while (published < LiveMessages + 100)
        {
            var batch = new PublishRequest[Math.Min(Limits.MaxPublishBatch, LiveMessages + 100 - published)];
            for (var i = 0; i < batch.Length; i++, published++)
            {
                batch[i] = new PublishRequest
                {
                    Body = published % 2 == 0 ? JsonBody(published) : BinaryBody(published),
                    ContentType = published % 2 == 0 ? "application/json" : null,
                    DedupId = published % 10 == 0 ? $"dedup-{published}" : null,
                    Headers = published % 50 == 0 ? new Dictionary<string, string> { ["tenant"] = "acme", ["n"] = $"{published}" } : null,
                    Ttl = published % 3 == 0 ? TimeSpan.FromDays(2) : null,
                    Delay = published % 7 == 0 ? TimeSpan.FromHours(1) : null,
                    Priority = published % 5,
                };
            }

            Execute(state, new Publish(batch, AutoCreate: false), now);
            now = now.AddMilliseconds(1);
        }

        var leased = new List<StoredMessage>();
        for (var i = 0; i < 10; i++)
        {
            leased.AddRange(((Delivered)Execute(state, new Receive(Limits.MaxReceive, TimeSpan.FromMinutes(5)), now).Reply!).Messages);
        }

        foreach (var m in leased.Take(100))
        {
            Execute(state, new Nack(m.Id, m.Lease!.Value.Token, null, DeadLetter: true), now);
        }

        foreach (var m in leased.Skip(100).Take(100))
        {
            Execute(state, new Nack(m.Id, m.Lease!.Value.Token, TimeSpan.FromSeconds(30), DeadLetter: false), now);
        }

        return state;
    }

    private static Decision Execute(QueueState state, QueueCommand command, DateTimeOffset now)
    {
        var decision = QueueEngine.Execute(state, command, now);
        Assert.True(decision.IsSuccess, decision.Error?.Detail);
        return decision;
    }

    private static MessageBody JsonBody(int n)
    {
        var head = $"{{\"n\":{n},\"amount\":1.0e3,\"pad\":\"";
        return MessageBody.Json(Encoding.UTF8.GetBytes(head + new string('x', BodyBytes - head.Length - 2) + "\"}"));
    }

    private static MessageBody BinaryBody(int n)
    {
        var bytes = new byte[BodyBytes];
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = (byte)(n + i);
        }

        return MessageBody.Binary(bytes);
    }
}
