using System.Globalization;

namespace ActorMq.Engine;

/// <summary>
/// Everything one queue knows: settings, live messages in four ordered indexes (and the entries of those parked in
/// schedule buckets), dedup keys, transfers owed to other queues, counters and totals. Changed only by <see cref="Apply"/>, which is deterministic: replaying the same events
/// into a fresh state gives an equal state (compare with <see cref="ToSnapshot"/>). It is mutated in place so that
/// publish, receive, ack and lease expiry stay O(log n) on queues of millions; the owner (one actor) is its only user.
/// </summary>
public sealed class QueueState
{
    /// <summary>How long a transfer id is remembered by the queue it was delivered to, at least.</summary>
    public static readonly TimeSpan TransferDedupWindow = TimeSpan.FromHours(24);

    private readonly Dictionary<string, StoredMessage> _messages = new(StringComparer.Ordinal);
    // Not readonly: FromSnapshot builds them whole.
    private SortedSet<Slot> _ready = new(Slot.Order);
    private SortedSet<Slot> _scheduled = new(Slot.Order);
    private SortedSet<Slot> _delayed = new(Slot.Order);
    private SortedSet<Slot> _inflight = new(Slot.Order);

    /// <summary>
    /// Messages parked in schedule buckets, by id: only their compact entries, in no order. Nothing but a browse needs
    /// them in order (they become ready only when their bucket gives them back), and a browse finds its page by one
    /// pass (<see cref="ParkedInOrder"/>), so no ordered index is kept for them.
    /// </summary>
    private readonly MessageTable<ParkedEntry> _parked = new();
    private readonly SortedDictionary<long, int> _buckets = [];
    private readonly Dictionary<string, DedupEntry> _dedup = new(StringComparer.Ordinal);
    private readonly SortedSet<DedupEntry> _dedupByExpiry = new(DedupEntry.Order);
    private readonly Dictionary<string, OutboundTransfer> _outbox = new(StringComparer.Ordinal);

    /// <summary>The extras of the last message parked, for the next one to share when it has the same.</summary>
    private ParkedExtras? _lastExtras;

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

    /// <summary>Live messages in each state (parked ones count as scheduled).</summary>
    public QueueCounts Counts => new(_ready.Count, _scheduled.Count + _parked.Count, _delayed.Count, _inflight.Count);

    /// <summary>The latest deliverAt of the scheduled messages the queue holds whole (not parked), if any.</summary>
    public DateTimeOffset? LatestScheduled => _scheduled.Count > 0 ? new DateTimeOffset(_scheduled.Max.Key, TimeSpan.Zero) : null;

    /// <summary>Scheduled messages whose body and headers are in a schedule bucket.</summary>
    public int ParkedCount => _parked.Count;

    /// <summary>
    /// Schedule buckets (first instant, UTC ticks) that may hold messages of this queue, with how many parked messages
    /// each holds for it. A bucket stays here from <see cref="BucketOpened"/> until <see cref="BucketClosed"/>.
    /// </summary>
    public IReadOnlyDictionary<long, int> Buckets => _buckets;

    /// <summary>Number of live messages.</summary>
    public int LiveCount => _messages.Count + _parked.Count;

    /// <summary>Transfers to other queues not yet confirmed.</summary>
    public IReadOnlyCollection<OutboundTransfer> Outbox => _outbox.Values;

    /// <summary>The messages the queue holds whole, by id: every live message but the parked ones.</summary>
    internal IReadOnlyDictionary<string, StoredMessage> Messages => _messages;

    internal IReadOnlyDictionary<string, DedupEntry> Dedup => _dedup;

    /// <summary>The index of messages in <paramref name="state"/> that the queue holds whole (parked ones are apart).</summary>
    internal SortedSet<Slot> Index(MessageState state) => state switch
    {
        MessageState.Ready => _ready,
        MessageState.Scheduled => _scheduled,
        MessageState.Delayed => _delayed,
        MessageState.Inflight => _inflight,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown message state"),
    };

    /// <summary>
    /// Up to <paramref name="count"/> messages in <paramref name="state"/> in index order, strictly after
    /// <paramref name="after"/> when given; the scheduled ones merge the whole and the parked, so a browse sees one
    /// order by deliverAt.
    /// </summary>
    internal IEnumerable<Slot> InOrder(MessageState state, Slot? after, int count)
    {
        var whole = After(Index(state), after);
        return (state == MessageState.Scheduled ? Merge(whole, ParkedInOrder(after, count)) : whole).Take(count);
    }

    /// <summary>
    /// The first <paramref name="count"/> parked messages after <paramref name="after"/> in (deliverAt, seq) order: one
    /// pass over them keeping the smallest in a heap, O(parked · log count). A browse of scheduled messages is rare,
    /// and a page of parked ones costs a read of their buckets' journals anyway.
    /// </summary>
    private List<Slot> ParkedInOrder(Slot? after, int count)
    {
        // Ordered by (deliverAt, seq) alone, which seq makes unique: the id is made only for the messages chosen.
        var largestFirst = new PriorityQueue<MessageKey, Slot>(Math.Min(count, _parked.Count) + 1, Slot.Descending);
        foreach (var (key, entry) in _parked)
        {
            var slot = entry.SlotOf("");
            if (after is { } last && Slot.Order.Compare(slot, last) <= 0)
            {
                continue;
            }

            if (largestFirst.Count < count)
            {
                largestFirst.Enqueue(key, slot);
            }
            else if (largestFirst.TryPeek(out _, out var largest) && Slot.Order.Compare(slot, largest) < 0)
            {
                largestFirst.DequeueEnqueue(key, slot);
            }
        }

        var ordered = new List<Slot>(largestFirst.Count);
        while (largestFirst.TryDequeue(out var key, out var slot))
        {
            ordered.Add(slot with { Id = key.ToString() });
        }

        ordered.Reverse();
        return ordered;
    }

    private static IEnumerable<Slot> After(SortedSet<Slot> index, Slot? after)
    {
        if (after is not { } last)
        {
            return index;
        }

        return index.Count == 0 || Slot.Order.Compare(last, index.Max) >= 0
            ? []
            : index.GetViewBetween(last with { Seq = last.Seq + 1 }, index.Max);
    }

    private static IEnumerable<Slot> Merge(IEnumerable<Slot> first, IEnumerable<Slot> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || Slot.Order.Compare(a.Current, b.Current) <= 0))
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }

    /// <summary>
    /// The live message with this id, or null. A parked message is made from its entry for each call, with no body and
    /// no headers (they are in its bucket) and <see cref="StoredMessage.ParkedIn"/> set.
    /// </summary>
    public StoredMessage? Find(string id) =>
        _messages.TryGetValue(id, out var whole) ? whole
        : TryGetParked(id, out var parked) ? parked.ToMessage(id, MessageBody.None, MessageHeaders.Empty, parked: true)
        : null;

    /// <summary>True when a live message has this id.</summary>
    internal bool Contains(string id) => _messages.ContainsKey(id) || IsParked(id);

    /// <summary>The entry of the parked message with this id, if it is parked.</summary>
    internal bool TryGetParked(string id, out ParkedEntry entry)
    {
        entry = default;
        return _parked.Count > 0 && _parked.TryGetValue(MessageKey.Of(id), out entry);
    }

    private bool IsParked(string id) => _parked.Count > 0 && _parked.ContainsKey(MessageKey.Of(id));

    /// <summary>The unconfirmed transfer with this id, or null.</summary>
    public OutboundTransfer? FindTransfer(string transferId) => _outbox.GetValueOrDefault(transferId);

    /// <summary>
    /// The earliest instant at which something changes by itself: a lease expires or a message becomes ready. Parked
    /// messages are not counted: they become ready only once their bucket has given them back.
    /// </summary>
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
            case MessageCancelled c: ApplyCancelled(c); break;
            case QueuePurged: ClearMessages(); break;
            case TransferConfirmed c: _outbox.Remove(c.TransferId); break;
            case QueueConfigured c: ApplyConfigured(c); break;
            case QueueDeleted: ApplyDeleted(); break;
            case BucketOpened b: _buckets.TryAdd(b.Bucket, 0); break;
            case MessagesParked p: ApplyParked(p); break;
            case MessageUnparked u: ApplyUnparked(u); break;
            case BucketClosed b: ApplyBucketClosed(b); break;
            default: throw new ArgumentException($"[Queue={Name}] unknown event {e.GetType().Name}", nameof(e));
        }

        return this;
    }

    private void ApplyParked(MessagesParked p)
    {
        if (!_buckets.ContainsKey(p.Bucket))
        {
            throw new InvalidOperationException($"[Queue={Name}] messages parked in bucket {p.Bucket}, which was never opened: the journal does not fit the state.");
        }

        foreach (var id in p.Ids)
        {
            var m = Get(id);
            if (m.State != MessageState.Scheduled)
            {
                throw new InvalidOperationException($"[Queue={Name}] message '{id}' parked while {m.State}: the journal does not fit the state.");
            }

            Remove(m);
            Park(m, p.Bucket);
        }
    }

    private void ApplyUnparked(MessageUnparked u)
    {
        var key = MessageKey.Of(u.Id);
        if (!_parked.TryGetValue(key, out var entry))
        {
            throw new InvalidOperationException($"[Queue={Name}] message '{u.Id}' unparked but not parked: the journal does not fit the state.");
        }

        Unpark(key, entry);
        Insert(entry.ToMessage(u.Id, u.Body, u.Headers, parked: false));
    }

    private void ApplyCancelled(MessageCancelled c)
    {
        var key = MessageKey.Of(c.Id);
        if (_parked.TryGetValue(key, out var entry))
        {
            Unpark(key, entry);
        }
        else
        {
            Remove(Get(c.Id));
        }
    }

    private void ApplyBucketClosed(BucketClosed b)
    {
        if (_buckets.TryGetValue(b.Bucket, out var parked) && parked > 0)
        {
            throw new InvalidOperationException($"[Queue={Name}] bucket {b.Bucket} closed while {parked} messages are parked in it: the journal does not fit the state.");
        }

        _buckets.Remove(b.Bucket);
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

    /// <summary>The message with this id that the queue holds whole; throws when it is parked or not live.</summary>
    private StoredMessage Get(string id) =>
        _messages.TryGetValue(id, out var m) ? m
        : IsParked(id) ? throw new InvalidOperationException($"[Queue={Name}] event changes message '{id}' while it is parked: the journal does not fit the state.")
        : throw new InvalidOperationException($"[Queue={Name}] event names message '{id}', which is not live: the journal does not fit the state.");

    /// <summary>Adds a message the queue holds whole, or (from a snapshot) a parked one.</summary>
    private void Insert(StoredMessage m)
    {
        if (m.ParkedIn is { } bucket)
        {
            Park(m, bucket);
            return;
        }

        if (IsParked(m.Id))
        {
            throw new InvalidOperationException($"[Queue={Name}] message '{m.Id}' is both held and parked: the journal does not fit the state.");
        }

        _messages.Add(m.Id, m);
        Index(m.State).Add(Slot.Of(m));
    }

    /// <summary>From how many messages <see cref="InsertAll"/> builds the indexes on a second thread.</summary>
    private const int ParallelBuildFrom = 10_000;

    /// <summary>
    /// Inserts the messages held whole of a snapshot into an empty state. The dictionary and the ordered indexes are
    /// built side by side, on two threads from <see cref="ParallelBuildFrom"/> messages on (each ordered index in one
    /// pass from its sorted entries): for a million messages, each half takes about a third of a second.
    /// </summary>
    private void InsertAll(IEnumerable<MessageRows.Row> rows, int count)
    {
        var held = new List<StoredMessage>(count);
        foreach (var row in rows)
        {
            if (row.Whole is { } m)
            {
                if (IsParked(m.Id))
                {
                    throw new InvalidOperationException($"[Queue={Name}] message '{m.Id}' is both held and parked: the snapshot does not fit the state.");
                }

                held.Add(m);
            }
        }

        var indexes = held.Count >= ParallelBuildFrom ? Task.Run(() => BuildIndexes(held)) : Task.FromResult(BuildIndexes(held));
        _messages.EnsureCapacity(held.Count);
        foreach (var m in held)
        {
            _messages.Add(m.Id, m);
        }

        (_scheduled, _ready, _inflight, _delayed) = indexes.GetAwaiter().GetResult();
    }

    private static (SortedSet<Slot> Scheduled, SortedSet<Slot> Ready, SortedSet<Slot> Inflight, SortedSet<Slot> Delayed) BuildIndexes(List<StoredMessage> held)
    {
        var slots = new[] { new List<Slot>(), new List<Slot>(), new List<Slot>(), new List<Slot>() };
        foreach (var m in held)
        {
            slots[(int)m.State].Add(Slot.Of(m));
        }

        return (
            new SortedSet<Slot>(slots[(int)MessageState.Scheduled], Slot.Order),
            new SortedSet<Slot>(slots[(int)MessageState.Ready], Slot.Order),
            new SortedSet<Slot>(slots[(int)MessageState.Inflight], Slot.Order),
            new SortedSet<Slot>(slots[(int)MessageState.Delayed], Slot.Order));
    }

    private void Remove(StoredMessage m)
    {
        _messages.Remove(m.Id);
        Index(m.State).Remove(Slot.Of(m));
    }

    private void Park(StoredMessage m, long bucket)
    {
        var entry = ParkedEntry.Of(m, bucket, _lastExtras);
        _lastExtras = entry.Extras ?? _lastExtras;
        Park(MessageKey.Of(m.Id), entry);
    }

    private void Park(MessageKey key, ParkedEntry entry)
    {
        _parked.Add(key, entry);
        _buckets[entry.Bucket] = _buckets.GetValueOrDefault(entry.Bucket) + 1;
    }

    private void Unpark(MessageKey key, ParkedEntry entry)
    {
        _parked.Remove(key);
        _buckets[entry.Bucket]--;
    }

    private void Replace(StoredMessage old, Func<StoredMessage, StoredMessage> change)
    {
        var updated = change(old) with { Version = old.Version + 1 };
        Index(old.State).Remove(Slot.Of(old));
        _messages[old.Id] = updated;
        Index(updated.State).Add(Slot.Of(updated));
    }

    /// <summary>Drops every live message; the buckets stay known (now holding nothing live) until they say they are empty.</summary>
    private void ClearMessages()
    {
        _messages.Clear();
        _ready.Clear();
        _scheduled.Clear();
        _delayed.Clear();
        _inflight.Clear();
        _parked.Clear();
        _lastExtras = null;
        foreach (var bucket in _buckets.Keys.ToList())
        {
            _buckets[bucket] = 0;
        }
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
        MessagesBySeq(),
        _dedupByExpiry.ToArray(),
        _outbox.Values.OrderBy(t => t.Message.TransferId, StringComparer.Ordinal).ToArray(),
        _buckets.Keys.ToArray());

    /// <summary>
    /// Every live message by seq. The parked ones stay entries until read: a snapshot of a million parked messages
    /// holds their entries (88 bytes each), and the serializer makes each message as it writes it.
    /// </summary>
    private MessageRows MessagesBySeq()
    {
        var rows = new MessageRows.Row[_messages.Count + _parked.Count];
        var i = 0;
        foreach (var m in _messages.Values)
        {
            rows[i++] = new MessageRows.Row(m);
        }

        foreach (var (key, entry) in _parked)
        {
            rows[i++] = new MessageRows.Row(key, entry);
        }

        return MessageRows.BySeq(rows);
    }

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

        foreach (var bucket in snapshot.Buckets)
        {
            state._buckets.Add(bucket, 0);
        }

        // The parked first: inserting a message held whole fails when its id is parked (a corrupt snapshot).
        if (snapshot.Messages is MessageRows rows)
        {
            foreach (var row in rows.Rows)
            {
                if (row.Whole is null)
                {
                    state.Park(row.Key, row.Parked);
                }
            }

            state.InsertAll(rows.Rows, rows.Count);
        }
        else
        {
            foreach (var m in snapshot.Messages.Where(m => m.IsParked).Concat(snapshot.Messages.Where(m => !m.IsParked)))
            {
                state.Insert(m);
            }
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
