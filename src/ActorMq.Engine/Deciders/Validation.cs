namespace ActorMq.Engine.Deciders;

/// <summary>Checks of request fields shared by the deciders; each error names the field.</summary>
internal static class Validation
{
    public static QueueError? Duration(TimeSpan? value, string field, bool allowZero, TimeSpan max)
    {
        if (value is not { } v)
        {
            return null;
        }

        var tooSmall = allowZero ? v < TimeSpan.Zero : v <= TimeSpan.Zero;
        return tooSmall || v > max
            ? QueueError.Invalid(field, $"'{field}' must be {(allowZero ? "0 or more" : "more than 0")} and at most {max.TotalSeconds} seconds.")
            : null;
    }

    public static QueueError? Priority(int? priority, string field) =>
        priority is < 0 ? QueueError.Invalid(field, $"'{field}' must be 0 or more (lower is more urgent); got {priority}.") : null;

    public static QueueError? Body(MessageBody? body, QueueSettings settings, string field)
    {
        if (body is null)
        {
            return QueueError.Invalid(field, $"'{field}' is required: give 'body' (any JSON value) or 'bodyBase64'.");
        }

        return body.Length > settings.MaxMessageBytes
            ? new QueueError(ErrorKind.TooLarge, field, $"'{field}' is {body.Length} bytes; the queue's maxMessageBytes is {settings.MaxMessageBytes}.")
            : null;
    }

    public static QueueError? ContentType(string? contentType, string field) =>
        contentType is { Length: 0 or > Limits.MaxContentTypeLength }
            ? QueueError.Invalid(field, $"'{field}' must be 1-{Limits.MaxContentTypeLength} characters.")
            : null;

    public static QueueError? DedupId(string? dedupId, string field)
    {
        if (dedupId is null)
        {
            return null;
        }

        return dedupId.Length is 0 or > Limits.MaxDedupIdLength || dedupId.Any(char.IsControl)
            ? QueueError.Invalid(field, $"'{field}' must be 1-{Limits.MaxDedupIdLength} characters with no control characters.")
            : null;
    }

    /// <summary>
    /// The delivery instant named by <paramref name="deliverAt"/> or <paramref name="delay"/> (at most one), or
    /// <paramref name="unchanged"/> when neither is given.
    /// </summary>
    public static QueueError? DeliveryTime(
        DateTimeOffset? deliverAt, TimeSpan? delay, DateTimeOffset now, string prefix, DateTimeOffset? unchanged, out DateTimeOffset? result)
    {
        result = unchanged;
        if (deliverAt is not null && delay is not null)
        {
            return QueueError.Invalid(prefix + "deliverAt", $"give '{prefix}deliverAt' or '{prefix}delaySeconds', not both.");
        }

        if (Duration(delay, prefix + "delaySeconds", allowZero: true, Limits.MaxScheduleAhead) is { } delayError)
        {
            return delayError;
        }

        if (deliverAt is { } at && at - now > Limits.MaxScheduleAhead)
        {
            return QueueError.Invalid(prefix + "deliverAt", $"'{prefix}deliverAt' is more than {Limits.MaxScheduleAhead.TotalDays} days ahead.");
        }

        if (deliverAt is not null || delay is not null)
        {
            result = deliverAt ?? now + delay!.Value;
        }

        return null;
    }
}
