namespace ActorMq.Engine.Deciders;

/// <summary>Editing and cancelling messages that are not in flight, with If-Match on their version.</summary>
internal static class EditDecider
{
    public static Plan Edit(Planner p, EditMessage command)
    {
        if (CheckEditable(p.State, command.Id, command.IfMatch, "edit") is { } error)
        {
            return Plan.Fail(error);
        }

        var m = p.State.Find(command.Id)!;
        if (m.IsParked)
        {
            // The node gives the message back from its bucket before it decides an edit; this is a node bug, not bad input.
            return Plan.Fail(new QueueError(ErrorKind.Unavailable, "id", $"message '{m.Id}' is held by its schedule bucket and must be fetched before an edit. Retry."));
        }

        var patch = command.Patch;
        var invalid = Validation.Priority(patch.Priority, "priority")
            ?? (patch.Body is null ? null : Validation.Body(patch.Body, p.Settings, "body"))
            ?? Validation.ContentType(patch.ContentType, "contentType")
            ?? MessageHeaders.Validate(patch.Headers, "headers");
        DateTimeOffset? deliverAt = null;
        if ((invalid ?? Validation.DeliveryTime(patch.DeliverAt, patch.Delay, p.Now, "", m.DeliverAt, out deliverAt)) is { } error2)
        {
            return Plan.Fail(error2);
        }

        var retimed = patch.DeliverAt is not null || patch.Delay is not null;
        var state = retimed ? (deliverAt > p.Now ? MessageState.Scheduled : MessageState.Ready) : m.State;
        if (retimed && state == MessageState.Ready)
        {
            // A past instant means now. Retiming restarts the TTL from the new delivery instant, whichever state the
            // message was in: its TTL counts from its deliverAt (see StoredMessage.ReadyFrom).
            deliverAt = p.Now;
        }
        p.Add(new MessageEdited(
            m.Id,
            patch.Priority ?? m.Priority,
            patch.Body ?? m.Body,
            patch.ContentType ?? m.ContentType,
            patch.Headers is null ? m.Headers : MessageHeaders.From(patch.Headers),
            deliverAt,
            state));
        return p.Done(s => new Edited(s.Find(command.Id)!));
    }

    public static Plan Cancel(Planner p, CancelMessage command)
    {
        if (CheckEditable(p.State, command.Id, command.IfMatch, "delete") is { } error)
        {
            return Plan.Fail(error);
        }

        p.Add(new MessageCancelled(command.Id));
        return p.Done(static _ => Done.Instance);
    }

    private static QueueError? CheckEditable(QueueState state, string id, long? ifMatch, string verb)
    {
        var message = state.Find(id);
        if (!state.Exists)
        {
            return QueueError.QueueNotFound(state.Name);
        }

        if (message is null)
        {
            return QueueError.MessageNotFound(state.Name, id);
        }

        if (ifMatch is { } expected && expected != message.Version)
        {
            return new QueueError(ErrorKind.PreconditionFailed, "If-Match", $"message '{id}' is at version {message.Version}, not {expected}; read it again and retry.");
        }

        return message.State == MessageState.Inflight
            ? new QueueError(ErrorKind.Conflict, "id", $"cannot {verb} message '{id}' while it is in flight; its lease holder must ack or nack it first.")
            : null;
    }
}
