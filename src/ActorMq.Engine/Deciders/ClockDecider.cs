namespace ActorMq.Engine.Deciders;

/// <summary>Changes that time alone makes: leases end, scheduled and delayed messages become ready, TTLs run out.</summary>
internal static class ClockDecider
{
    /// <summary>Everything due at or before now: expired leases end first, then due messages become ready.</summary>
    public static Plan Tick(Planner p)
    {
        var state = p.State;
        var now = p.Now.UtcTicks;
        foreach (var slot in state.Index(MessageState.Inflight))
        {
            if (slot.Key > now)
            {
                break;
            }

            p.EndLease(state.Messages[slot.Id], nacked: false, nackDelay: null, nackToDeadLetter: false);
        }

        foreach (var index in (ReadOnlySpan<MessageState>)[MessageState.Scheduled, MessageState.Delayed])
        {
            foreach (var slot in state.Index(index))
            {
                if (slot.Key > now)
                {
                    break;
                }

                p.Add(new MessageReady(slot.Id));
            }
        }

        return p.Done(static _ => Done.Instance);
    }

    /// <summary>Removes, or dead-letters, every ready or delayed message whose time to live has run out.</summary>
    public static Plan SweepExpired(Planner p)
    {
        if (!p.State.Exists)
        {
            return Plan.Fail(QueueError.QueueNotFound(p.State.Name));
        }

        var swept = 0;
        foreach (var index in (ReadOnlySpan<MessageState>)[MessageState.Ready, MessageState.Delayed])
        {
            foreach (var slot in p.State.Index(index))
            {
                var m = p.State.Messages[slot.Id];
                if (m.IsExpired(p.Now))
                {
                    p.Expire(m);
                    swept++;
                }
            }
        }

        return p.Done(_ => new Removed(swept));
    }
}
