namespace ActorMq.Engine;

/// <summary>What kind of failure a command met; the HTTP layer maps each to one status code.</summary>
public enum ErrorKind
{
    /// <summary>Input is malformed or out of range (400).</summary>
    Invalid,

    /// <summary>No such queue or message (404).</summary>
    NotFound,

    /// <summary>A lease token that is not the message's current, unexpired lease (409).</summary>
    StaleLease,

    /// <summary>The message is in a state that does not allow the operation, or an id is taken (409).</summary>
    Conflict,

    /// <summary>An If-Match version does not match the message's version (412).</summary>
    PreconditionFailed,

    /// <summary>A body is larger than the queue's maxMessageBytes (413).</summary>
    TooLarge,

    /// <summary>Accepting the messages would take the queue over its maxDepth (429).</summary>
    DepthExceeded,

    /// <summary>The node could not complete the request, e.g. its store failed (503). Never decided by the engine.</summary>
    Unavailable,
}

/// <summary>A refused command: nothing was changed. <paramref name="Field"/> names the offending input, if any.</summary>
public sealed record QueueError(ErrorKind Kind, string? Field, string Detail)
{
    internal static QueueError Invalid(string field, string detail) => new(ErrorKind.Invalid, field, detail);

    /// <summary>No live message with this id.</summary>
    public static QueueError MessageNotFound(string queue, string id) =>
        new(ErrorKind.NotFound, "id", $"Queue '{queue}' has no live message with id '{id}'.");

    /// <summary>No such queue.</summary>
    public static QueueError QueueNotFound(string queue) =>
        new(ErrorKind.NotFound, "queue", $"Queue '{queue}' does not exist.");

    /// <summary>Thrown form, for callers that prefer exceptions (e.g. replaying a journal that must be valid).</summary>
    public Exception ToException() => new QueueErrorException(this);
}

/// <summary>An exception carrying a <see cref="QueueError"/>.</summary>
public sealed class QueueErrorException(QueueError error) : Exception(error.Detail)
{
    /// <summary>The error.</summary>
    public QueueError Error { get; } = error;
}
