using System.Globalization;

namespace ActorMq.Engine.Deciders;

/// <summary>Receive, pop, and what lease holders do: ack, nack, extend.</summary>
internal static class DeliveryDecider
{
    public static Plan Receive(Planner p, Receive command)
    {
        var visibility = command.VisibilityTimeout ?? p.Settings.VisibilityTimeout;
        if ((CheckDelivery(p.State, command.Max) ?? CheckVisibility(visibility)) is { } error)
        {
            return Plan.Fail(error);
        }

        var leased = new List<string>();
        foreach (var m in ReadyInOrder(p, command.Max))
        {
            p.Add(new MessageLeased(m.Id, p.TakeLeaseToken(), p.Now + visibility, p.Now));
            leased.Add(m.Id);
        }

        return p.Done(s => new Delivered(leased.ConvertAll(id => s.Find(id)!)));
    }

    public static Plan Pop(Planner p, Pop command)
    {
        if (CheckDelivery(p.State, command.Max) is { } error)
        {
            return Plan.Fail(error);
        }

        var popped = new List<StoredMessage>();
        foreach (var m in ReadyInOrder(p, command.Max))
        {
            p.Add(new MessagePopped(m.Id, p.Now));
            popped.Add(m with { ReceiveCount = m.ReceiveCount + 1, FirstReceivedAt = m.FirstReceivedAt ?? p.Now, Version = m.Version + 1 });
        }

        return p.Done(_ => new Delivered(popped));
    }

    public static Plan Ack(Planner p, Ack command)
    {
        if (!p.State.Exists)
        {
            return Plan.Fail(QueueError.QueueNotFound(p.State.Name));
        }

        if (command.Leases.Count is 0 or > Limits.MaxReceive)
        {
            return Plan.Fail(QueueError.Invalid("leases", $"an ack holds 1-{Limits.MaxReceive} leases; got {command.Leases.Count}."));
        }

        var acked = new HashSet<string>(StringComparer.Ordinal);
        var results = new AckResult[command.Leases.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var (id, token) = command.Leases[i];
            var error = CheckLease(p, id, token, out _);
            if (error is null && !acked.Add(id))
            {
                error = new QueueError(ErrorKind.StaleLease, "token", $"message '{id}' is acked earlier in this request.");
            }

            if (error is null)
            {
                p.Add(new MessageAcked(id));
            }

            results[i] = new AckResult(id, error);
        }

        return p.Done(_ => new Acked(results));
    }

    public static Plan Nack(Planner p, Nack command)
    {
        if (Validation.Duration(command.Delay, "delaySeconds", allowZero: true, QueueSettings.MaxVisibilityTimeout) is { } delayError)
        {
            return Plan.Fail(delayError);
        }

        if (CheckLease(p, command.Id, command.Token, out var m) is { } error)
        {
            return Plan.Fail(error);
        }

        p.EndLease(m!, nacked: true, command.Delay, command.DeadLetter);
        return p.Done(static _ => Done.Instance);
    }

    public static Plan Extend(Planner p, Extend command)
    {
        var visibility = command.VisibilityTimeout ?? p.Settings.VisibilityTimeout;
        if ((CheckVisibility(visibility) ?? CheckLease(p, command.Id, command.Token, out _)) is { } error)
        {
            return Plan.Fail(error);
        }

        var expiresAt = p.Now + visibility;
        p.Add(new LeaseExtended(command.Id, expiresAt));
        return p.Done(_ => new Extended(expiresAt));
    }

    /// <summary>Up to <paramref name="max"/> deliverable ready messages in order; expired ones met on the way are removed.</summary>
    private static IEnumerable<StoredMessage> ReadyInOrder(Planner p, int max)
    {
        var taken = 0;
        foreach (var slot in p.State.Index(MessageState.Ready))
        {
            if (taken == max)
            {
                yield break;
            }

            var m = p.State.Messages[slot.Id];
            if (m.IsExpired(p.Now))
            {
                p.Expire(m);
                continue;
            }

            taken++;
            yield return m;
        }
    }

    private static QueueError? CheckVisibility(TimeSpan visibility) =>
        Validation.Duration(visibility, "visibilityTimeoutSeconds", allowZero: false, QueueSettings.MaxVisibilityTimeout);

    private static QueueError? CheckDelivery(QueueState state, int max)
    {
        if (!state.Exists)
        {
            return QueueError.QueueNotFound(state.Name);
        }

        return max is < 1 or > Limits.MaxReceive
            ? QueueError.Invalid("max", $"'max' must be 1-{Limits.MaxReceive}; got {max}.")
            : null;
    }

    /// <summary>The message when <paramref name="token"/> is its current, unexpired lease; otherwise why not.</summary>
    private static QueueError? CheckLease(Planner p, string id, string token, out StoredMessage? message)
    {
        message = p.State.Exists ? p.State.Find(id) : null;
        if (!p.State.Exists)
        {
            return QueueError.QueueNotFound(p.State.Name);
        }

        if (message is null)
        {
            return QueueError.MessageNotFound(p.State.Name, id);
        }

        if (message.Lease is not { } lease || lease.Token != token || lease.ExpiresAt <= p.Now)
        {
            var why = message.Lease is { } current && current.Token == token
                ? $"that lease expired at {current.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}"
                : "the token is not the message's current lease (it expired and the message was released or received again)";
            return new QueueError(ErrorKind.StaleLease, "token", $"cannot use lease on message '{id}': {why}.");
        }

        return null;
    }
}
