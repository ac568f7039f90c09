using System.Globalization;

namespace ActorMq.Engine;

/// <summary>
/// Scratch space of one decision: the events so far and the counters they consume (position keys, lease tokens,
/// transfer ids), so a decision that makes several events numbers them as applying them will. Never changes the state.
/// </summary>
internal sealed class Planner(QueueState state, DateTimeOffset now, ulong entropy)
{
    private long _seqsTaken;
    private long _leasesTaken;
    private long _transfersTaken;

    public QueueState State { get; } = state;

    public DateTimeOffset Now { get; } = now;

    public QueueSettings Settings => State.Settings;

    public List<IQueueEvent> Events { get; } = [];

    public void Add(IQueueEvent e) => Events.Add(e);

    public long TakeSeq() => State.NextSeq + _seqsTaken++;

    /// <summary>
    /// A lease token: the queue's creation instant and a lease counter, so a token from a deleted queue's earlier life
    /// never matches a lease of the queue created again under the same name, and 64 bits mixed from the caller's
    /// entropy, so a token cannot be guessed from another. Deterministic for a given entropy (the event keeps it).
    /// </summary>
    public string TakeLeaseToken()
    {
        var seq = State.NextLeaseSeq + _leasesTaken++;
        return string.Create(CultureInfo.InvariantCulture, $"{State.CreatedAt.UtcTicks:x}-{seq:x}-{Mix(entropy, (ulong)seq):x16}");
    }

    /// <summary>SplitMix64 of the entropy and the lease number: every lease of a decision gets different bits.</summary>
    private static ulong Mix(ulong entropy, ulong seq)
    {
        var z = entropy + (seq * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public string TakeTransferId() =>
        string.Create(CultureInfo.InvariantCulture, $"{State.Name}@{State.CreatedAt.UtcTicks}:{State.NextTransferSeq + _transfersTaken++}");

    public Plan Done(Func<QueueState, QueueReply> reply) => Plan.Of(Events, reply);

    /// <summary>
    /// Ends the lease of <paramref name="m"/> (it expired, or was nacked): dead-letter it, expire it, delay it, or make
    /// it ready again, by the rules of DESIGN.md section 1.
    /// </summary>
    public void EndLease(StoredMessage m, bool nacked, TimeSpan? nackDelay, bool nackToDeadLetter)
    {
        if (nackToDeadLetter)
        {
            DeadLetter(m, TransferReason.Nack);
        }
        else if (m.IsExpired(Now))
        {
            Expire(m);
        }
        else if (Settings.MaxReceives > 0 && m.ReceiveCount >= Settings.MaxReceives)
        {
            DeadLetter(m, TransferReason.MaxReceives);
        }
        else
        {
            DateTimeOffset? until = nacked
                ? (nackDelay > TimeSpan.Zero ? Now + nackDelay.Value : null)
                : (Settings.RetryDelay > TimeSpan.Zero ? m.Lease!.Value.ExpiresAt + Settings.RetryDelay : null);
            Add(new LeaseReleased(m.Id, until > Now ? until : null));
        }
    }

    /// <summary>Removes an expired message: dead-lettered when the queue says so, dropped otherwise.</summary>
    public void Expire(StoredMessage m)
    {
        if (Settings.DeadLetterExpired)
        {
            DeadLetter(m, TransferReason.Expired);
        }
        else
        {
            Add(new MessageExpired(m.Id, Now));
        }
    }

    public void DeadLetter(StoredMessage m, TransferReason reason)
    {
        var target = Settings.EffectiveDeadLetterQueue(State.Name);
        Add(new MessageDeadLettered(m.Id, reason, Now, target, target is null ? null : TakeTransferId()));
    }
}
