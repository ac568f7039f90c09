namespace ActorMq.Engine.Deciders;

/// <summary>
/// Moving scheduled messages due far ahead out of the queue's memory into schedule buckets, and back before they are
/// due. Every step checks the message's version, so a message edited, cancelled or moved meanwhile is left alone.
/// </summary>
internal static class ScheduleDecider
{
    public static Plan StartParking(Planner p, StartParking command)
    {
        var state = p.State;
        var loads = new SortedDictionary<long, List<StoredMessage>>();
        var scheduled = state.Index(MessageState.Scheduled);
        var first = ScheduleBuckets.FirstParkable(p.Now, command.BucketWidth, command.LookAhead);
        if (command.Max > 0 && scheduled.Count > 0 && scheduled.Max.Key >= first)
        {
            var taken = 0;
            foreach (var slot in scheduled.GetViewBetween(new Slot(first, long.MinValue, ""), scheduled.Max))
            {
                var m = state.Messages[slot.Id];
                var bucket = ScheduleBuckets.StartOf(ScheduleBuckets.BucketOf(m.DeliverAt!.Value, command.BucketWidth), command.BucketWidth).UtcTicks;
                if (!loads.TryGetValue(bucket, out var load))
                {
                    loads.Add(bucket, load = []);
                    if (!state.Buckets.ContainsKey(bucket))
                    {
                        p.Add(new BucketOpened(bucket));
                    }
                }

                load.Add(m);
                if (++taken == command.Max)
                {
                    break;
                }
            }
        }

        var chosen = loads.Select(l => new BucketLoad(l.Key, l.Value)).ToList();
        return p.Done(_ => new ParkingStarted(chosen));
    }

    public static Plan ConfirmParked(Planner p, ConfirmParked command)
    {
        if (!p.State.Buckets.ContainsKey(command.Bucket))
        {
            return p.Done(static _ => Done.Instance);
        }

        var ids = new List<string>(command.Messages.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parked in command.Messages)
        {
            if (p.State.Messages.TryGetValue(parked.Id, out var m) && m.State == MessageState.Scheduled && m.Version == parked.Version && seen.Add(m.Id))
            {
                ids.Add(m.Id);
            }
        }

        if (ids.Count > 0)
        {
            p.Add(new MessagesParked(command.Bucket, ids));
        }

        return p.Done(static _ => Done.Instance);
    }

    public static Plan Unpark(Planner p, Unpark command)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var given in command.Messages)
        {
            if (p.State.TryGetParked(given.Id, out var entry) && entry.Bucket == command.Bucket && entry.Seq == given.Seq && entry.Version == given.Version && seen.Add(given.Id))
            {
                p.Add(new MessageUnparked(given.Id, given.Body, given.Headers));
            }
        }

        return p.Done(static _ => Done.Instance);
    }

    public static Plan CloseBucket(Planner p, CloseBucket command)
    {
        if (p.State.Buckets.TryGetValue(command.Bucket, out var parked) && parked == 0)
        {
            p.Add(new BucketClosed(command.Bucket));
        }

        return p.Done(static _ => Done.Instance);
    }
}
