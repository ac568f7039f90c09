namespace ActorMq.Engine.Tests.Properties;

/// <summary>
/// An independent model of one queue, written from DESIGN.md section 1 with plain lists and no engine code. It runs
/// beside the engine, one step at a time: it predicts each command's outcome (refused with which kind of error, or
/// what it delivers, acks, publishes, removes) and checks the engine's decision and counts against it. It takes from
/// the engine only what the engine alone chooses: generated message ids and lease tokens.
/// </summary>
internal sealed class ReferenceQueue
{
    private static readonly TimeSpan MaxVisibility = TimeSpan.FromHours(12);

    private readonly Dictionary<string, Msg> _live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Id, DateTimeOffset Until)> _dedup = new(StringComparer.Ordinal);
    private bool _exists;
    private QueueSettings _settings = QueueSettings.Default;
    private long _nextSeq = 1;
    private string _lastGeneratedId = "";
    private QueueTotals _totals;
    private StepContext _ctx = null!;

    private enum St
    {
        Scheduled,
        Ready,
        Inflight,
        Delayed,
    }

    private DateTimeOffset Now => _ctx.Now;

    /// <summary>Brings the model up to the step's instant, runs its command, and checks the engine against it.</summary>
    public void Step(StepContext ctx)
    {
        _ctx = ctx;
        LetTimePass();
        ErrorKind? refused = ctx.Command switch
        {
            Publish c => Publish(c),
            Receive c => Receive(c),
            Pop c => Pop(c),
            Ack c => Ack(c),
            Nack c => Nack(c),
            Extend c => Extend(c),
            EditMessage c => Edit(c),
            CancelMessage c => Cancel(c),
            Purge => PurgeAll(),
            DeleteQueue => Delete(),
            SweepExpired => Sweep(),
            ConfigureQueue c => Configure(c),
            Tick or ConfirmTransfers => null,
            _ => throw new ArgumentException($"the model does not know {ctx.Command}"),
        };

        if (refused is { } kind)
        {
            Verify.That(ctx.Decision.Error?.Kind == kind, ctx, () => $"the model refuses with {kind}; the engine {(ctx.Decision.Error is { } e ? $"refused with {e.Kind}" : "accepted")}");
        }

        CompareState();
    }

    private void Expect(bool ok, Func<string> what) => Verify.That(ok, _ctx, () => "model disagrees: " + what());

    private T Accepted<T>()
        where T : QueueReply
    {
        Expect(_ctx.Decision.Error is null, () => "the model accepts the command; the engine refused it");
        Expect(_ctx.Decision.Reply is T, () => $"reply should be {typeof(T).Name}");
        return (T)_ctx.Decision.Reply!;
    }

    private void CompareState()
    {
        var state = _ctx.State;
        Expect(state.Exists == _exists, () => $"queue exists: model {_exists}, engine {state.Exists}");
        foreach (var m in _live.Values)
        {
            var e = state.Find(m.Id);
            Expect(e is not null, () => $"message {m.Id} should be live ({m.State})");
            Expect(e!.State.ToString() == m.State.ToString(), () => $"message {m.Id}: model {m.State}, engine {e.State}");
            Expect(e.Priority == m.Priority && e.Seq == m.Seq && e.ReceiveCount == m.ReceiveCount,
                () => $"message {m.Id}: model p={m.Priority} seq={m.Seq} rc={m.ReceiveCount}, engine p={e.Priority} seq={e.Seq} rc={e.ReceiveCount}");
            var until = m.State switch
            {
                St.Scheduled => e.DeliverAt,
                St.Delayed => e.DelayedUntil,
                St.Inflight => e.Lease?.ExpiresAt,
                _ => null,
            };
            Expect(until == m.Until, () => $"message {m.Id} ({m.State}): model until {m.Until}, engine {until}");
        }

        if (state.LiveCount != _live.Count)
        {
            var extra = state.ToSnapshot().Messages.First(m => !_live.ContainsKey(m.Id));
            Expect(false, () => $"engine holds message {extra.Id} ({extra.State}), which the model says has left");
        }

        Expect(state.Totals == _totals, () => $"totals: model {_totals}, engine {state.Totals}");
    }

    // ---- time ---------------------------------------------------------------------------------

    private void LetTimePass()
    {
        foreach (var m in _live.Values.Where(m => m.State == St.Inflight && m.Until <= Now).ToList())
        {
            EndLease(m, nacked: false, nackDelay: null, deadLetter: false);
        }

        foreach (var m in _live.Values.Where(m => m.State is St.Scheduled or St.Delayed && m.Until <= Now))
        {
            m.Become(St.Ready, null);
        }
    }

    private void EndLease(Msg m, bool nacked, TimeSpan? nackDelay, bool deadLetter)
    {
        m.Token = null;
        if (deadLetter)
        {
            DeadLetter(m);
        }
        else if (m.IsExpired(Now))
        {
            Expire(m);
        }
        else if (_settings.MaxReceives > 0 && m.ReceiveCount >= _settings.MaxReceives)
        {
            DeadLetter(m);
        }
        else
        {
            DateTimeOffset? until = nacked
                ? (nackDelay > TimeSpan.Zero ? Now + nackDelay : null)
                : (_settings.RetryDelay > TimeSpan.Zero ? m.Until + _settings.RetryDelay : null);
            if (until > Now)
            {
                m.Become(St.Delayed, until);
            }
            else
            {
                m.Become(St.Ready, null);
            }
        }
    }

    private void Expire(Msg m)
    {
        _live.Remove(m.Id);
        _totals = _totals with
        {
            Expired = _totals.Expired + 1,
            DeadLettered = _totals.DeadLettered + (_settings.DeadLetterExpired ? 1 : 0),
        };
    }

    private void DeadLetter(Msg m)
    {
        _live.Remove(m.Id);
        _totals = _totals with { DeadLettered = _totals.DeadLettered + 1 };
    }

    // ---- commands -----------------------------------------------------------------------------

    private ErrorKind? Publish(Publish c)
    {
        if (!_exists && !c.AutoCreate)
        {
            return ErrorKind.NotFound;
        }

        var settings = _exists ? _settings : QueueSettings.Default;
        var batchDedup = new Dictionary<string, int>(StringComparer.Ordinal);
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        var expected = new List<(bool Duplicate, string? Id, int? SameAs, DateTimeOffset? DeliverAt)>();
        for (var i = 0; i < c.Messages.Count; i++)
        {
            var r = c.Messages[i];
            if (r.Priority < 0 || (r.DeliverAt is not null && r.Delay is not null))
            {
                return ErrorKind.Invalid;
            }

            var deliverAt = r.DeliverAt ?? (r.Delay is { } delay ? Now + delay : null);
            if (r.DedupId is { } dedupId)
            {
                if (batchDedup.TryGetValue(dedupId, out var first))
                {
                    expected.Add((true, expected[first].Id, expected[first].SameAs ?? first, null));
                    continue;
                }

                if (_dedup.TryGetValue(dedupId, out var remembered) && remembered.Until > Now)
                {
                    expected.Add((true, remembered.Id, null, null));
                    continue;
                }
            }

            if (r.Id is { } id && (_live.ContainsKey(id) || !batchIds.Add(id)))
            {
                return ErrorKind.Conflict;
            }

            if (r.DedupId is { } newDedupId)
            {
                batchDedup[newDedupId] = i;
            }

            expected.Add((false, r.Id, null, deliverAt));
        }

        var stored = expected.Count(e => !e.Duplicate);
        if (settings.MaxDepth is { } maxDepth && _live.Count + stored > maxDepth)
        {
            return ErrorKind.DepthExceeded;
        }

        var results = Accepted<Published>().Results;
        Expect(results.Count == c.Messages.Count, () => "one result per message");
        if (!_exists)
        {
            _exists = true;
            _settings = QueueSettings.Default;
            _totals = default;
        }

        var newIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count; i++)
        {
            var (duplicate, id, sameAs, deliverAt) = expected[i];
            var result = results[i];
            Expect(result.Duplicate == duplicate, () => $"result {i}: duplicate should be {duplicate}");
            if (id is not null)
            {
                Expect(result.Id == id, () => $"result {i}: id should be {id}, is {result.Id}");
            }

            if (sameAs is { } j)
            {
                Expect(result.Id == results[j].Id, () => $"result {i} should repeat result {j}'s id");
            }

            if (duplicate)
            {
                continue;
            }

            Expect(!_live.ContainsKey(result.Id) && newIds.Add(result.Id), () => $"result {i}: id {result.Id} is not new");
            var r = c.Messages[i];
            if (r.Id is null)
            {
                // Generated ids are ULID-style: they sort by creation.
                Expect(string.CompareOrdinal(result.Id, _lastGeneratedId) > 0, () => $"generated id {result.Id} does not sort after {_lastGeneratedId}");
                _lastGeneratedId = result.Id;
            }

            var scheduled = deliverAt > Now;
            Expect(result.State == (scheduled ? MessageState.Scheduled : MessageState.Ready) && result.DeliverAt == deliverAt,
                () => $"result {i}: model {(scheduled ? "Scheduled" : "Ready")} deliverAt={deliverAt}, engine {result.State} deliverAt={result.DeliverAt}");
            var m = new Msg(result.Id, _nextSeq++, r.Priority ?? _settings.DefaultPriority, Now, deliverAt, r.Ttl ?? _settings.MessageTtl);
            m.Become(scheduled ? St.Scheduled : St.Ready, scheduled ? deliverAt : null);
            _live.Add(m.Id, m);
            _totals = _totals with { Published = _totals.Published + 1 };
            if (r.DedupId is { } dedupId)
            {
                _dedup[dedupId] = (m.Id, Now + _settings.DedupWindow);
            }
        }

        return null;
    }

    private ErrorKind? Receive(Receive c)
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        var visibility = c.VisibilityTimeout ?? _settings.VisibilityTimeout;
        if (c.Max is < 1 or > 1000 || visibility <= TimeSpan.Zero || visibility > MaxVisibility)
        {
            return ErrorKind.Invalid;
        }

        var taken = ReadyInOrder(c.Max);
        var delivered = Accepted<Delivered>().Messages;
        foreach (var m in taken)
        {
            m.ReceiveCount++;
            m.Become(St.Inflight, Now + visibility);
            _totals = _totals with { Delivered = _totals.Delivered + 1 };
        }

        CompareDelivered(taken, delivered);
        foreach (var (m, d) in taken.Zip(delivered))
        {
            m.Token = d.Lease?.Token;
            Expect(d.Lease?.ExpiresAt == Now + visibility, () => $"lease of {m.Id} should expire at now + {visibility.TotalSeconds}s");
        }

        return null;
    }

    private ErrorKind? Pop(Pop c)
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        if (c.Max is < 1 or > 1000)
        {
            return ErrorKind.Invalid;
        }

        var taken = ReadyInOrder(c.Max);
        var delivered = Accepted<Delivered>().Messages;
        foreach (var m in taken)
        {
            m.ReceiveCount++;
            _live.Remove(m.Id);
            _totals = _totals with { Delivered = _totals.Delivered + 1 };
        }

        CompareDelivered(taken, delivered);
        return null;
    }

    private List<Msg> ReadyInOrder(int max)
    {
        var taken = new List<Msg>();
        foreach (var m in _live.Values.Where(m => m.State == St.Ready).OrderBy(m => m.Priority).ThenBy(m => m.Seq).ToList())
        {
            if (taken.Count == max)
            {
                break;
            }

            if (m.IsExpired(Now))
            {
                Expire(m);
                continue;
            }

            taken.Add(m);
        }

        return taken;
    }

    private void CompareDelivered(List<Msg> taken, IReadOnlyList<StoredMessage> delivered)
    {
        Expect(taken.Select(m => m.Id).SequenceEqual(delivered.Select(m => m.Id)),
            () => $"should deliver [{string.Join(", ", taken.Select(m => $"{m.Id}(p={m.Priority},seq={m.Seq})"))}]");
        foreach (var (m, d) in taken.Zip(delivered))
        {
            Expect(d.ReceiveCount == m.ReceiveCount, () => $"{m.Id} should be delivered with receiveCount {m.ReceiveCount}, not {d.ReceiveCount}");
        }
    }

    private ErrorKind? LeaseError(string id, string token, out Msg? message)
    {
        message = null;
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        if (!_live.TryGetValue(id, out message))
        {
            return ErrorKind.NotFound;
        }

        return message.State == St.Inflight && message.Token == token && message.Until > Now ? null : ErrorKind.StaleLease;
    }

    private ErrorKind? Ack(Ack c)
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        if (c.Leases.Count is 0 or > 1000)
        {
            return ErrorKind.Invalid;
        }

        var results = Accepted<Acked>().Results;
        Expect(results.Count == c.Leases.Count, () => "one ack result per lease");
        var acked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < c.Leases.Count; i++)
        {
            var (id, token) = c.Leases[i];
            var error = LeaseError(id, token, out var m) ?? (acked.Contains(id) ? ErrorKind.StaleLease : null);
            Expect(results[i].Id == id && results[i].Error?.Kind == error,
                () => $"ack [{i}] of {id}: model {(error is null ? "ok" : error)}, engine {(results[i].Error is { } e ? e.Kind : "ok")}");
            if (error is null)
            {
                acked.Add(id);
                _totals = _totals with { Acked = _totals.Acked + 1 };
            }
        }

        // Each entry is checked against the state before the ack (a second entry for one message is a stale lease).
        foreach (var id in acked)
        {
            _live.Remove(id);
        }

        return null;
    }

    private ErrorKind? Nack(Nack c)
    {
        if (c.Delay is { } d && (d < TimeSpan.Zero || d > MaxVisibility))
        {
            return ErrorKind.Invalid;
        }

        if (LeaseError(c.Id, c.Token, out var m) is { } error)
        {
            return error;
        }

        Accepted<Done>();
        EndLease(m!, nacked: true, c.Delay, c.DeadLetter);
        return null;
    }

    private ErrorKind? Extend(Extend c)
    {
        var visibility = c.VisibilityTimeout ?? _settings.VisibilityTimeout;
        if (visibility <= TimeSpan.Zero || visibility > MaxVisibility)
        {
            return ErrorKind.Invalid;
        }

        if (LeaseError(c.Id, c.Token, out var m) is { } error)
        {
            return error;
        }

        var reply = Accepted<Extended>();
        Expect(reply.ExpiresAt == Now + visibility, () => "extend sets the expiry to now + visibility");
        m!.Become(St.Inflight, Now + visibility);
        return null;
    }

    private ErrorKind? EditableError(string id, out Msg? m)
    {
        m = null;
        if (!_exists || !_live.TryGetValue(id, out m))
        {
            return ErrorKind.NotFound;
        }

        var ifMatch = _ctx.Step.Op switch
        {
            EditOp e => e.IfMatch,
            CancelOp c => c.IfMatch,
            _ => IfMatchMode.None,
        };
        if (ifMatch == IfMatchMode.Wrong)
        {
            return ErrorKind.PreconditionFailed;
        }

        return m.State == St.Inflight ? ErrorKind.Conflict : null;
    }

    private ErrorKind? Edit(EditMessage c)
    {
        if (EditableError(c.Id, out var m) is { } error)
        {
            return error;
        }

        var patch = c.Patch;
        if (patch.Priority < 0 || (patch.DeliverAt is not null && patch.Delay is not null))
        {
            return ErrorKind.Invalid;
        }

        var reply = Accepted<Edited>().Message;
        m!.Priority = patch.Priority ?? m.Priority;
        if (patch.DeliverAt is not null || patch.Delay is not null)
        {
            var deliverAt = patch.DeliverAt ?? Now + patch.Delay!.Value;
            if (deliverAt > Now)
            {
                m.DeliverAt = deliverAt;
                m.Become(St.Scheduled, deliverAt);
            }
            else
            {
                // A past instant means now: retiming makes the message ready now, and its TTL counts from now.
                m.DeliverAt = Now;
                m.Become(St.Ready, null);
            }
        }

        Expect(reply.Priority == m.Priority && reply.State.ToString() == m.State.ToString() && reply.DeliverAt == m.DeliverAt,
            () => $"edited {m.Id}: model p={m.Priority} {m.State} deliverAt={m.DeliverAt}, engine p={reply.Priority} {reply.State} deliverAt={reply.DeliverAt}");
        return null;
    }

    private ErrorKind? Cancel(CancelMessage c)
    {
        if (EditableError(c.Id, out _) is { } error)
        {
            return error;
        }

        Accepted<Done>();
        _live.Remove(c.Id);
        return null;
    }

    private ErrorKind? PurgeAll()
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        Expect(Accepted<Removed>().Count == _live.Count, () => $"purge should remove {_live.Count}");
        _live.Clear();
        return null;
    }

    private ErrorKind? Delete()
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        Accepted<QueueDeletedReply>();
        _exists = false;
        _live.Clear();
        _dedup.Clear();
        _settings = QueueSettings.Default;
        _totals = default;
        return null;
    }

    private ErrorKind? Sweep()
    {
        if (!_exists)
        {
            return ErrorKind.NotFound;
        }

        var expired = _live.Values.Where(m => m.State is St.Ready or St.Delayed && m.IsExpired(Now)).ToList();
        expired.ForEach(Expire);
        Expect(Accepted<Removed>().Count == expired.Count, () => $"sweep should remove [{string.Join(", ", expired.Select(m => m.Id))}]");
        return null;
    }

    private ErrorKind? Configure(ConfigureQueue c)
    {
        var reply = Accepted<QueueConfiguredReply>();
        Expect(reply.Created == !_exists, () => $"created should be {!_exists}");
        if (!_exists)
        {
            _totals = default;
        }

        _exists = true;
        _settings = c.Settings;
        return null;
    }

    private sealed class Msg(string id, long seq, int priority, DateTimeOffset publishedAt, DateTimeOffset? deliverAt, TimeSpan? ttl)
    {
        public string Id { get; } = id;

        public long Seq { get; } = seq;

        public int Priority { get; set; } = priority;

        public DateTimeOffset PublishedAt { get; } = publishedAt;

        public DateTimeOffset? DeliverAt { get; set; } = deliverAt;

        public TimeSpan? Ttl { get; } = ttl;

        public St State { get; private set; }

        /// <summary>Scheduled: deliverAt; delayed: when ready again; in flight: lease expiry.</summary>
        public DateTimeOffset? Until { get; private set; }

        public string? Token { get; set; }

        public int ReceiveCount { get; set; }

        /// <summary>TTL counts from when the message becomes ready: its deliverAt, or its publish when immediate.</summary>
        public bool IsExpired(DateTimeOffset now) =>
            Ttl is { } ttl && (DeliverAt is { } at && at > PublishedAt ? at : PublishedAt) + ttl <= now;

        public void Become(St state, DateTimeOffset? until)
        {
            State = state;
            Until = until;
        }
    }
}
