namespace ActorMq.Engine.Deciders;

/// <summary>Publishing: validation, dedup, id rules and maxDepth, all or nothing.</summary>
internal static class PublishDecider
{
    public static Plan Publish(Planner p, Publish command)
    {
        var state = p.State;
        var messages = command.Messages;
        if (messages.Count is 0 or > Limits.MaxPublishBatch)
        {
            return Plan.Fail(QueueError.Invalid("messages", $"a publish holds 1-{Limits.MaxPublishBatch} messages; got {messages.Count}."));
        }

        var settings = state.Settings;
        if (!state.Exists)
        {
            if (!command.AutoCreate)
            {
                return Plan.Fail(QueueError.QueueNotFound(state.Name));
            }

            if (QueueName.Validate(state.Name) is { } nameError)
            {
                return Plan.Fail(nameError);
            }

            settings = QueueSettings.Default;
            p.Add(new QueueConfigured(settings, Created: true, p.Now));
        }

        var results = new PublishResult[messages.Count];
        var batchDedup = new Dictionary<string, PublishResult>(StringComparer.Ordinal);
        var batchIds = new HashSet<string>(StringComparer.Ordinal);
        var stored = new List<MessagePublished>(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            var request = messages[i];
            var prefix = command.IsBatch || messages.Count > 1 ? $"messages[{i}]." : "";
            if (Validate(request, settings, p.Now, prefix, out var deliverAt) is { } error)
            {
                return Plan.Fail(error);
            }

            if (request.DedupId is { } dedupId && FindDuplicate(state, batchDedup, dedupId, p.Now) is { } first)
            {
                results[i] = first with { Duplicate = true };
                continue;
            }

            var seq = p.TakeSeq();
            var id = request.Id ?? MessageIds.Generate(state.Name, p.Now, seq);
            if (state.Contains(id) || !batchIds.Add(id))
            {
                return Plan.Fail(new QueueError(ErrorKind.Conflict, prefix + "id", $"a live message in queue '{state.Name}' already has id '{id}'."));
            }

            var scheduled = deliverAt > p.Now;
            results[i] = new PublishResult(id, scheduled ? MessageState.Scheduled : MessageState.Ready, deliverAt, Duplicate: false);
            if (request.DedupId is { } newDedupId)
            {
                batchDedup[newDedupId] = results[i];
            }

            stored.Add(new MessagePublished(
                id, seq, request.Body, request.ContentType, MessageHeaders.From(request.Headers),
                request.Priority ?? settings.DefaultPriority, p.Now, deliverAt, request.Ttl ?? settings.MessageTtl,
                request.DedupId, TransferId: null));
        }

        if (settings.MaxDepth is { } maxDepth && state.LiveCount + stored.Count > maxDepth)
        {
            return Plan.Fail(new QueueError(
                ErrorKind.DepthExceeded,
                "messages",
                $"queue '{state.Name}' holds {state.LiveCount} messages; accepting {stored.Count} more would exceed its maxDepth of {maxDepth}. Nothing was stored."));
        }

        p.Events.AddRange(stored);
        return p.Done(_ => new Published(results));
    }

    private static PublishResult? FindDuplicate(QueueState state, Dictionary<string, PublishResult> batch, string dedupId, DateTimeOffset now)
    {
        if (batch.TryGetValue(dedupId, out var inBatch))
        {
            return inBatch;
        }

        return state.Dedup.TryGetValue(dedupId, out var entry) && entry.ExpiresAt > now
            ? new PublishResult(entry.MessageId, entry.State, entry.DeliverAt, Duplicate: true)
            : null;
    }

    private static QueueError? Validate(PublishRequest r, QueueSettings settings, DateTimeOffset now, string prefix, out DateTimeOffset? deliverAt)
    {
        deliverAt = null;
        return (r.Id is null ? null : MessageIds.Validate(r.Id, prefix + "id"))
            ?? Validation.Body(r.Body, settings, prefix + "body")
            ?? Validation.Priority(r.Priority, prefix + "priority")
            ?? Validation.Duration(r.Ttl, prefix + "ttlSeconds", allowZero: false, Limits.MaxScheduleAhead)
            ?? Validation.DedupId(r.DedupId, prefix + "dedupId")
            ?? Validation.ContentType(r.ContentType, prefix + "contentType")
            ?? MessageHeaders.Validate(r.Headers, prefix + "headers")
            ?? Validation.DeliveryTime(r.DeliverAt, r.Delay, now, prefix, unchanged: null, out deliverAt);
    }
}
