using System.Diagnostics;
using System.Globalization;
using ActorMq.Engine;

namespace ActorMq.Bench.Engine;

/// <summary>
/// One queue of a given depth driven through <see cref="QueueEngine.Execute"/> with a virtual clock, shared by the
/// BenchmarkDotNet classes and the <c>--quick</c> Stopwatch harness so both measure exactly the same calls.
/// </summary>
/// <remarks>
/// The queue uses the default settings except <c>maxReceives = 0</c>: the lease-expiry scenario leases and releases
/// the same messages again and again, and with the default of 10 they would be dead-lettered after ten rounds.
/// Every command is checked for success, so no error path is ever measured by accident.
/// </remarks>
public sealed class QueueFixture
{
    /// <summary>Name of the queue under test.</summary>
    public const string QueueName = "bench";

    /// <summary>Messages per publish while filling the queue (the engine's maximum).</summary>
    public const int FillBatch = Limits.MaxPublishBatch;

    /// <summary>Messages per publish in the batched publish scenario.</summary>
    public const int PublishBatchSize = 100;

    /// <summary>Body size in bytes (UTF-8 JSON text).</summary>
    public const int BodyBytes = 100;

    /// <summary>Seed of every random choice (priorities, body filler).</summary>
    public const int Seed = 20_260_101;

    /// <summary>Leases released by one lease-expiry tick.</summary>
    public const int ExpiryBatch = 1000;

    /// <summary>Virtual time between two commands: 1 µs.</summary>
    private const long TicksPerCommand = TimeSpan.TicksPerMicrosecond;

    /// <summary>Distinct single-message and 100-message publish commands, reused round-robin.</summary>
    private const int PoolSize = 1024;

    /// <summary>The settings of the queue under test.</summary>
    public static readonly QueueSettings Settings = QueueSettings.Default with { MaxReceives = 0 };

    /// <summary>Start of the virtual clock.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Receive ReceiveOne = new(1, null);
    private static readonly Receive ReceiveExpiryBatch = new(ExpiryBatch, null);

    private readonly Random _random = new(Seed);
    private readonly Publish[] _singles;
    private readonly Publish[] _batches;
    private int _nextSingle;
    private int _nextBatch;
    private long _bodySeq;
    private long _ticks = Epoch.UtcTicks;

    private QueueFixture()
    {
        State = new QueueState(QueueName);
        Run(new ConfigureQueue(Settings));
        _singles = new Publish[PoolSize];
        for (var i = 0; i < _singles.Length; i++)
        {
            _singles[i] = new Publish([NewRequest()], AutoCreate: false);
        }

        _batches = new Publish[PoolSize / 16];
        for (var i = 0; i < _batches.Length; i++)
        {
            _batches[i] = new Publish(NewRequests(PublishBatchSize), AutoCreate: false);
        }
    }

    /// <summary>The queue's state, changed in place by every command.</summary>
    public QueueState State { get; }

    /// <summary>The virtual clock.</summary>
    public DateTimeOffset Now => new(_ticks, TimeSpan.Zero);

    /// <summary>Live messages in the queue.</summary>
    public int Depth => State.LiveCount;

    /// <summary>
    /// A queue holding <paramref name="depth"/> ready messages, published in batches of <see cref="FillBatch"/>; then a
    /// blocking full collection, so the garbage of the fill (and a background collection it started) is not charged
    /// to whatever is measured next. A long-running node's queue is in that settled state too.
    /// </summary>
    public static QueueFixture Create(int depth)
    {
        var fixture = new QueueFixture();
        fixture.Fill(depth);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return fixture;
    }

    /// <summary>Publishes <paramref name="count"/> new messages (fresh bodies) in batches of <see cref="FillBatch"/>.</summary>
    public void Fill(int count)
    {
        while (count > 0)
        {
            var n = Math.Min(count, FillBatch);
            Run(new Publish(NewRequests(n), AutoCreate: false));
            count -= n;
        }
    }

    /// <summary>Pops the head of the queue until it holds <paramref name="depth"/> messages.</summary>
    public void TrimTo(int depth)
    {
        while (Depth > depth)
        {
            Run(new Pop(Math.Min(Depth - depth, Limits.MaxReceive)));
        }
    }

    /// <summary>Publishes new messages until the queue holds <paramref name="depth"/> messages.</summary>
    public void RefillTo(int depth)
    {
        if (Depth < depth)
        {
            Fill(depth - Depth);
        }
    }

    /// <summary>Scenario: <paramref name="count"/> publishes of one message each.</summary>
    public void PublishSingles(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Run(_singles[_nextSingle++ & (PoolSize - 1)]);
        }
    }

    /// <summary>Scenario: publishes of <see cref="PublishBatchSize"/> messages, <paramref name="messages"/> in all.</summary>
    public void PublishBatches(int messages)
    {
        for (var i = 0; i < messages; i += PublishBatchSize)
        {
            Run(_batches[_nextBatch++ % _batches.Length]);
        }
    }

    /// <summary>Scenario: <paramref name="pairs"/> times, receive one message and ack its lease.</summary>
    public void ReceiveAck(int pairs)
    {
        for (var i = 0; i < pairs; i++)
        {
            var lease = ReceiveOneLease();
            Run(new Ack([lease]));
        }
    }

    /// <summary>Steady state: <paramref name="cycles"/> times, publish one, receive one, ack it (depth unchanged).</summary>
    public void PublishReceiveAck(int cycles)
    {
        for (var i = 0; i < cycles; i++)
        {
            Run(_singles[_nextSingle++ & (PoolSize - 1)]);
            var lease = ReceiveOneLease();
            Run(new Ack([lease]));
        }
    }

    /// <summary>Receives one message at a time into <paramref name="leases"/> (for timing receive alone).</summary>
    public void ReceiveOnly(LeaseRef[] leases, int count)
    {
        for (var i = 0; i < count; i++)
        {
            leases[i] = ReceiveOneLease();
        }
    }

    /// <summary>Acks the first <paramref name="count"/> of <paramref name="leases"/>, one ack each (for timing ack alone).</summary>
    public void AckOnly(LeaseRef[] leases, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Run(new Ack([leases[i]]));
        }
    }

    /// <summary>
    /// Setup of the lease-expiry scenario (not timed): leases the first <see cref="ExpiryBatch"/> ready messages with one
    /// receive, then moves the clock past their visibility timeout.
    /// </summary>
    public void LeaseAndLetExpire()
    {
        var d = Run(ReceiveExpiryBatch);
        var leased = ((Delivered)d.Reply!).Messages.Count;
        if (leased != ExpiryBatch)
        {
            throw new InvalidOperationException($"leased {leased} messages, wanted {ExpiryBatch}");
        }

        _ticks += (Settings.VisibilityTimeout + TimeSpan.FromSeconds(1)).Ticks;
    }

    /// <summary>Scenario: one <see cref="Tick"/> that releases the expired leases; returns how many it released.</summary>
    public int ExpireLeases()
    {
        var released = Run(Tick.Instance).Events.Count;
        if (released != ExpiryBatch)
        {
            throw new InvalidOperationException($"the tick made {released} events, wanted {ExpiryBatch}");
        }

        return released;
    }

    /// <summary>
    /// Runs every scenario on a small queue for about a second, with pauses, so tiered JIT has promoted the engine's
    /// code (with dynamic PGO) before anything is measured.
    /// </summary>
    public static void WarmUpJit()
    {
        var q = Create(4 * ExpiryBatch);
        var leases = new LeaseRef[100];
        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            while (sw.ElapsedMilliseconds < 250)
            {
                q.PublishSingles(100);
                q.PublishBatches(100);
                q.TrimTo(4 * ExpiryBatch);
                q.ReceiveAck(100);
                q.PublishReceiveAck(100);
                q.ReceiveOnly(leases, leases.Length);
                q.AckOnly(leases, leases.Length);
                q.RefillTo(4 * ExpiryBatch);
                q.LeaseAndLetExpire();
                q.ExpireLeases();
            }

            Thread.Sleep(200);
        }
    }

    private LeaseRef ReceiveOneLease()
    {
        var messages = ((Delivered)Run(ReceiveOne).Reply!).Messages;
        if (messages.Count != 1)
        {
            throw new InvalidOperationException("the queue is empty");
        }

        var m = messages[0];
        return new LeaseRef(m.Id, m.Lease!.Value.Token);
    }

    private Decision Run(QueueCommand command)
    {
        _ticks += TicksPerCommand;
        var d = QueueEngine.Execute(State, command, new DateTimeOffset(_ticks, TimeSpan.Zero));
        return d.Error is { } error
            ? throw new InvalidOperationException($"{command.GetType().Name} failed: {error.Kind} {error.Detail}")
            : d;
    }

    private PublishRequest[] NewRequests(int count)
    {
        var requests = new PublishRequest[count];
        for (var i = 0; i < count; i++)
        {
            requests[i] = NewRequest();
        }

        return requests;
    }

    /// <summary>A request with a 100-byte JSON body and a priority of 0–9.</summary>
    private PublishRequest NewRequest()
    {
        // {"seq":0000000001,"data":"<72 letters>"} is exactly 100 bytes.
        const string Head = "{\"seq\":";
        const string Middle = ",\"data\":\"";
        const string Tail = "\"}";
        var seq = (++_bodySeq).ToString("D10", CultureInfo.InvariantCulture);
        Span<char> filler = stackalloc char[BodyBytes - Head.Length - 10 - Middle.Length - Tail.Length];
        for (var i = 0; i < filler.Length; i++)
        {
            filler[i] = (char)('a' + _random.Next(26));
        }

        var json = string.Concat(Head, seq, Middle, new string(filler), Tail);
        Debug.Assert(json.Length == BodyBytes, "the body must be 100 bytes");
        return new PublishRequest { Body = MessageBody.Json(json), Priority = _random.Next(10) };
    }
}
