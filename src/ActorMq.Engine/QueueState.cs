using System.Globalization;

namespace ActorMq.Engine;

/// <summary>
/// Everything one queue knows: settings, live messages in four ordered indexes, dedup keys, transfers owed to other
/// queues, counters and totals. Changed only by <see cref="Apply"/>, which is deterministic: replaying the same events
/// into a fresh state gives an equal state (compare with <see cref="ToSnapshot"/>). It is mutated in place so that
/// publish, receive, ack and lease expiry stay O(log n) on queues of millions; the owner (one actor) is its only user.
/// </summary>
public sealed class QueueState
{
    /// <summary>How long a transfer id is remembered by the queue it was delivered to, at least.</summary>
    public static readonly TimeSpan TransferDedupWindow = TimeSpan.FromHours(24);

    private readonly Dictionary<string, StoredMessage> _messages = new(StringComparer.Ordinal);
    private readonly SortedSet<Slot> _ready = new(Slot.Order);
    private readonly SortedSet<Slot> _scheduled = new(Slot.Order);
    private readonly SortedSet<Slot> _delayed = new(Slot.Order);
    private readonly SortedSet<Slot> _inflight = new(Slot.Order);
    private readonly Dictionary<string, DedupEntry> _dedup = new(StringComparer.Ordinal);
    private readonly SortedSet<DedupEntry> _dedupByExpiry = new(DedupEntry.Order);
    private readonly Dictionary<string, OutboundTransfer> _outbox = new(StringComparer.Ordinal);

    /// <summary>A state for the queue <paramref name="name"/> that does not exist yet.</summary>
    public QueueState(string name) => Name = name;

    /// <summary>The queue's name.</summary>
    public string Name { get; }

    /// <summary>True once the queue was created and until it is deleted.</summary>
    public bool Exists { get; private set; }

    /// <summary>When the queue was (last) created.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The queue's settings.</summary>
    public QueueSettings Settings { get; private set; } = QueueSettings.Default;

    /// <summary>Lifetime totals since the queue was created.</summary>
    public QueueTotals Totals { get; private set; }

    /// <summary>Position key the next message will get.</summary>
    public long NextSeq { get; private set; } = 1;

    /// <summary>Number in the next lease token.</summary>
    public long NextLeaseSeq { get; private set; } = 1;

    /// <summary>Number in the next transfer id.</summary>
    public long NextTransferSeq { get; private set; } = 1;

    /// <summary>Live messages in each state.</summary>
    public QueueCounts Counts => new(_ready.Count, _scheduled.Count, _delayed.Count, _inflight.Count);

    /// <summary>Number of live messages.</summary>
    public int LiveCount => _messages.Count;

    /// <summary>Transfers to other queues not yet confirmed.</summary>
    public IReadOnlyCollection<OutboundTransfer> Outbox => _outbox.Values;

    internal IReadOnlyDictionary<string, StoredMessage> Messages => _messages;

    internal IReadOnlyDictionary<string, DedupEntry> Dedup => _dedup;

    internal SortedSet<Slot> Index(MessageState state) => state switch
    {
        MessageState.Ready => _ready,
        MessageState.Scheduled => _scheduled,
        MessageState.Delayed => _delayed,
        MessageState.Inflight => _inflight,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown message state"),
    };

    /// <summary>The live message with this id, or null.</summary>
    public StoredMessage? Find(string id) => _messages.GetValueOrDefault(id);

    /// <summary>The unconfirmed transfer with this id, or null.</summary>
    public OutboundTransfer? FindTransfer(string transferId) => _outbox.GetValueOrDefault(transferId);

    /// <summary>The earliest instant at which something changes by itself: a lease expires or a message becomes ready.</summary>
    public DateTimeOffset? NextChangeAt()
    {
        long? earliest = null;
        foreach (var index in (ReadOnlySpan<SortedSet<Slot>>)[_inflight, _scheduled, _delayed])
        {
            if (index.Count > 0 && (earliest is null || index.Min.Key < earliest))
            {
                earliest = index.Min.Key;
            }
        }

        return earliest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Applies one event. Deterministic; throws if the event does not fit the state (a corrupt journal).</summary>
    public QueueState Apply(IQueueEvent e)
    {
        switch (e)
        {
            case MessagePublished p: ApplyPublished(p); break;
            case MessageReady r: Replace(Get(r.Id), m => m with { State = MessageState.Ready, DelayedUntil = null }); break;
            case MessageLeased l: ApplyLeased(l); break;
            case MessageAcked a: Remove(Get(a.Id)); Totals = Totals with { Acked = Totals.Acked + 1 }; break;
            case MessagePopped p: Remove(Get(p.Id)); Totals = Totals with { Delivered = Totals.Delivered + 1 }; break;
            case LeaseReleased r: ApplyReleased(r); break;
            case LeaseExtended x: Replace(Get(x.Id), m => m with { Lease = m.Lease!.Value with { ExpiresAt = x.ExpiresAt } }); break;
            case MessageDeadLettered d: ApplyDeadLettered(d); break;
            case MessageExpired x: Remove(Get(x.Id)); Totals = Totals with { Expired = Totals.Expired + 1 }; break;
            case MessageRedriven r: ApplyRedriven(r); break;
            case MessageEdited x: ApplyEdited(x); break;
            case MessageCancelled c: Remove(Get(c.Id)); break;
            case QueuePurged: ClearMessages(); break;
            case TransferConfirmed c: _outbox.Remove(c.TransferId); break;
            case QueueConfigured c: ApplyConfigured(c); break;
            case QueueDeleted: ApplyDeleted(); break;
            default: throw new ArgumentException($"[Queue={Name}] unknown event {e.GetType().Name}", nameof(e));
        }

        return this;
    }

    private void ApplyConfigured(QueueConfigured c)
    {
        if (c.Created)
        {
            CreatedAt = c.At;
            Totals = default;
        }

        Exists = true;
        Settings = c.Settings;
    }

    private void ApplyDeleted()
    {
        ClearMessages();
        _dedup.Clear();
        _dedupByExpiry.Clear();
        Exists = false;
        Settings = QueueSettings.Default;
        Totals = default;
    }

    private void ApplyPublished(MessagePublished p)
    {
        PruneDedup(p.PublishedAt);
        var scheduled = p.DeliverAt is { } at && at > p.PublishedAt;
        var state = scheduled ? MessageState.Scheduled : MessageState.Ready;
        Insert(new StoredMessage(
            p.Id, p.Seq, p.Body, p.ContentType, p.Headers, p.Priority, p.PublishedAt, p.DeliverAt, p.Ttl, p.DedupId,
            state, ReceiveCount: 0, FirstReceivedAt: null, Lease: null, DelayedUntil: null, Version: 1));
        NextSeq = Math.Max(NextSeq, p.Seq + 1);
        Totals = Totals with { Published = Totals.Published + 1 };

        if (p.DedupId is not null)
        {
            Remember(new DedupEntry(p.DedupId, p.Id, p.PublishedAt + Settings.DedupWindow, state, p.DeliverAt));
        }

        if (p.TransferId is not null)
        {
            var window = Settings.DedupWindow > TransferDedupWindow ? Settings.DedupWindow : TransferDedupWindow;
            Remember(new DedupEntry(DedupEntry.TransferKeyPrefix + p.TransferId, p.Id, p.PublishedAt + window, state, null));
        }
    }

    private void ApplyLeased(MessageLeased l)
    {
        Replace(Get(l.Id), m => m with
        {
            State = MessageState.Inflight,
            Lease = new Lease(l.Token, l.ExpiresAt),
            ReceiveCount = m.ReceiveCount + 1,
            FirstReceivedAt = m.FirstReceivedAt ?? l.At,
        });
        NextLeaseSeq++;
        Totals = Totals with { Delivered = Totals.Delivered + 1 };
    }

    private void ApplyReleased(LeaseReleased r) =>
        Replace(Get(r.Id), m => m with
        {
            State = r.DelayedUntil is null ? MessageState.Ready : MessageState.Delayed,
            Lease = null,
            DelayedUntil = r.DelayedUntil,
        });

    private void ApplyDeadLettered(MessageDeadLettered d)
    {
        var m = Get(d.Id);
        Remove(m);
        Totals = Totals with
        {
            DeadLettered = Totals.DeadLettered + 1,
            Expired = Totals.Expired + (d.Reason == TransferReason.Expired ? 1 : 0),
        };

        if (d.TargetQueue is null || d.TransferId is null)
        {
            return;
        }

        var headers = m.Headers
            .With(DeadLetterHeaders.Reason, DeadLetterHeaders.ReasonText(d.Reason))
            .With(DeadLetterHeaders.Source, Name)
            .With(DeadLetterHeaders.At, d.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        AddTransfer(d.TargetQueue, new TransferMessage(d.TransferId, d.Reason, m.Id, m.Body, m.ContentType, headers, m.Priority));
    }

    private void ApplyRedriven(MessageRedriven r)
    {
        var m = Get(r.Id);
        Remove(m);
        AddTransfer(r.TargetQueue, new TransferMessage(r.TransferId, TransferReason.Redrive, m.Id, m.Body, m.ContentType, m.Headers, m.Priority));
    }

    private void AddTransfer(string target, TransferMessage message)
    {
        _outbox.Add(message.TransferId, new OutboundTransfer(target, message));
        NextTransferSeq++;
    }

    private void ApplyEdited(MessageEdited x) =>
        Replace(Get(x.Id), m => m with
        {
            Priority = x.Priority,
            Body = x.Body,
            ContentType = x.ContentType,
            Headers = x.Headers,
            DeliverAt = x.DeliverAt,
            State = x.State,
            DelayedUntil = x.State == MessageState.Delayed ? m.DelayedUntil : null,
        });

    private void Remember(DedupEntry entry)
    {
        if (_dedup.Remove(entry.Key, out var old))
        {
            _dedupByExpiry.Remove(old);
        }

        _dedup.Add(entry.Key, entry);
        _dedupByExpiry.Add(entry);
    }

    private void PruneDedup(DateTimeOffset now)
    {
        while (_dedupByExpiry.Count > 0 && _dedupByExpiry.Min!.ExpiresAt <= now)
        {
            var oldest = _dedupByExpiry.Min;
            _dedupByExpiry.Remove(oldest);
            _dedup.Remove(oldest.Key);
        }
    }

    private StoredMessage Get(string id) =>
        _messages.TryGetValue(id, out var m)
            ? m
            : throw new InvalidOperationException($"[Queue={Name}] event names message '{id}', which is not live: the journal does not fit the state.");

    private void Insert(StoredMessage m)
    {
        _messages.Add(m.Id, m);
        Index(m.State).Add(Slot.Of(m));
    }

    private void Remove(StoredMessage m)
    {
        _messages.Remove(m.Id);
        Index(m.State).Remove(Slot.Of(m));
    }

    private void Replace(StoredMessage old, Func<StoredMessage, StoredMessage> change)
    {
        var updated = change(old) with { Version = old.Version + 1 };
        Index(old.State).Remove(Slot.Of(old));
        _messages[old.Id] = updated;
        Index(updated.State).Add(Slot.Of(updated));
    }

    private void ClearMessages()
    {
        _messages.Clear();
        _ready.Clear();
        _scheduled.Clear();
        _delayed.Clear();
        _inflight.Clear();
    }

    /// <summary>Everything in this state, in a canonical order: for snapshots and for comparing states.</summary>
    public QueueSnapshot ToSnapshot() => new(
        Name,
        Exists,
        CreatedAt,
        Settings,
        Totals,
        NextSeq,
        NextLeaseSeq,
        NextTransferSeq,
        _messages.Values.OrderBy(m => m.Seq).ToArray(),
        _dedupByExpiry.ToArray(),
        _outbox.Values.OrderBy(t => t.Message.TransferId, StringComparer.Ordinal).ToArray());

    /// <summary>Rebuilds a state from a snapshot.</summary>
    public static QueueState FromSnapshot(QueueSnapshot snapshot)
    {
        var state = new QueueState(snapshot.Name)
        {
            Exists = snapshot.Exists,
            CreatedAt = snapshot.CreatedAt,
            Settings = snapshot.Settings,
            Totals = snapshot.Totals,
            NextSeq = snapshot.NextSeq,
            NextLeaseSeq = snapshot.NextLeaseSeq,
            NextTransferSeq = snapshot.NextTransferSeq,
        };

        foreach (var m in snapshot.Messages)
        {
            state.Insert(m);
        }

        foreach (var d in snapshot.Dedup)
        {
            state.Remember(d);
        }

        foreach (var t in snapshot.Outbox)
        {
            state._outbox.Add(t.Message.TransferId, t);
        }

        return state;
    }
}
