namespace ActorMq.Engine.Deciders;

/// <summary>Messages moving between queues: dead letters and redrives, delivered at least once and stored once.</summary>
internal static class TransferDecider
{
    public static Plan Accept(Planner p, AcceptTransfers command)
    {
        var state = p.State;
        var settings = state.Settings;
        if (!state.Exists && command.Messages.Count > 0)
        {
            settings = command.Messages[0].Reason == TransferReason.Redrive ? QueueSettings.Default : QueueSettings.ForDeadLetterQueue();
            p.Add(new QueueConfigured(settings, Created: true, p.Now));
        }

        var seenTransfers = new HashSet<string>(StringComparer.Ordinal);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var accepted = 0;
        foreach (var t in command.Messages)
        {
            var key = DedupEntry.TransferKeyPrefix + t.TransferId;
            var known = state.Dedup.TryGetValue(key, out var entry) && entry.ExpiresAt > p.Now;
            if (known || !seenTransfers.Add(key))
            {
                continue;
            }

            var seq = p.TakeSeq();
            var id = FreeId(state, usedIds, t.Id, seq);
            usedIds.Add(id);
            p.Add(new MessagePublished(
                id, seq, t.Body, t.ContentType, t.Headers, t.Priority, p.Now, DeliverAt: null, settings.MessageTtl, DedupId: null, t.TransferId));
            accepted++;
        }

        var duplicates = command.Messages.Count - accepted;
        return p.Done(_ => new TransfersAccepted(accepted, duplicates));
    }

    /// <summary>
    /// <paramref name="id"/> when no live message (nor an earlier one of this batch) has it; otherwise the first free
    /// <c>id~n</c> from n = <paramref name="seq"/>, shortened to stay within the id length limit. Never loses a transfer.
    /// </summary>
    private static string FreeId(QueueState state, HashSet<string> used, string id, long seq)
    {
        for (var candidate = id; ; seq++)
        {
            if (!state.Contains(candidate) && !used.Contains(candidate))
            {
                return candidate;
            }

            var suffix = $"~{seq}";
            candidate = (id.Length + suffix.Length <= Limits.MaxIdLength ? id : id[..(Limits.MaxIdLength - suffix.Length)]) + suffix;
        }
    }

    public static Plan Confirm(Planner p, ConfirmTransfers command)
    {
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transferId in command.TransferIds)
        {
            if (p.State.FindTransfer(transferId) is not null && confirmed.Add(transferId))
            {
                p.Add(new TransferConfirmed(transferId));
            }
        }

        return p.Done(static _ => Done.Instance);
    }

    public static Plan Redrive(Planner p, Redrive command)
    {
        var state = p.State;
        if (!state.Exists)
        {
            return Plan.Fail(QueueError.QueueNotFound(state.Name));
        }

        if (command.To is not null && (QueueName.Validate(command.To, "to") ?? SameQueue(state, command.To)) is { } toError)
        {
            return Plan.Fail(toError);
        }

        if (command.Max is < 1)
        {
            return Plan.Fail(QueueError.Invalid("max", $"'max' must be 1 or more; got {command.Max}."));
        }

        var transferIds = new List<string>();
        foreach (var slot in state.Index(MessageState.Ready))
        {
            if (transferIds.Count == command.Max)
            {
                break;
            }

            var m = state.Messages[slot.Id];
            var target = command.To ?? m.Headers.GetValueOrDefault(DeadLetterHeaders.Source);
            if (target is null || target == state.Name || QueueName.Validate(target) is not null)
            {
                continue;
            }

            var transferId = p.TakeTransferId();
            p.Add(new MessageRedriven(m.Id, target, transferId));
            transferIds.Add(transferId);
        }

        return p.Done(s => new RedriveStarted(transferIds.ConvertAll(id => s.FindTransfer(id)!)));
    }

    private static QueueError? SameQueue(QueueState state, string to) =>
        to == state.Name ? QueueError.Invalid("to", $"'to' names the queue being redriven ('{to}'); name another queue.") : null;
}
