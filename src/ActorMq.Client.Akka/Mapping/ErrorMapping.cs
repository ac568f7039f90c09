using ActorMq.Contracts;
using ActorMq.Engine;

namespace ActorMq.Client.Mapping;

/// <summary>
/// A queue's refusal as the exception the HTTP client throws for the same refusal: the same status, problem type,
/// title, detail (as a sentence) and field, and the same exception class (404 by field <c>queue</c> or <c>id</c>, 409
/// stale lease or conflict).
/// </summary>
internal static class ErrorMapping
{
    /// <summary>The HTTP status the API answers for an error kind.</summary>
    public static int StatusOf(ErrorKind kind) => ErrorProblems.StatusOf(kind);

    /// <summary>The exception of a refusal.</summary>
    public static ActorMqException ToException(QueueError error)
    {
        var (status, type, title) = ErrorProblems.Of(error.Kind);
        var problem = new ActorMqProblem(status, type, title, ErrorProblems.Sentence(error.Detail), error.Field);
        return error.Kind switch
        {
            ErrorKind.Invalid => new ValidationException(problem),
            ErrorKind.NotFound when error.Field == "queue" => new QueueNotFoundException(problem),
            ErrorKind.NotFound when error.Field == "id" => new MessageNotFoundException(problem),
            ErrorKind.NotFound => new NotFoundException(problem),
            ErrorKind.StaleLease => new StaleLeaseException(problem),
            ErrorKind.Conflict => new ConflictException(problem),
            ErrorKind.PreconditionFailed => new PreconditionFailedException(problem),
            ErrorKind.TooLarge => new PayloadTooLargeException(problem),
            ErrorKind.DepthExceeded => new QueueFullException(problem),
            ErrorKind.Unavailable => new UnavailableException(problem),
            _ => new ActorMqException(problem),
        };
    }

    /// <summary>A 400 raised before anything is sent, as the HTTP API raises it.</summary>
    public static ValidationException Invalid(string? field, string detail) =>
        (ValidationException)ToException(new QueueError(ErrorKind.Invalid, field, detail));

    /// <summary>A request that got no answer in time, or whose gateway could not be found.</summary>
    public static UnavailableException NoAnswer(string where, TimeSpan timeout, Exception cause) => new(
        new ActorMqProblem(null, null, "No answer", $"The ActorMq gateway ({where}) did not answer within {timeout.TotalSeconds:0.#} s: {cause.Message}"),
        cause);

    /// <summary>An answer this client cannot read: a node of another version.</summary>
    public static ActorMqException Unexpected(string what) =>
        new(new ActorMqProblem(null, null, "Unexpected answer", $"The server's answer could not be read: {what}."));
}
