using ActorMq.Engine;

namespace ActorMq.Contracts;

/// <summary>
/// How a refusal is presented to clients, in one table for the HTTP API and the Akka client: the HTTP status, the RFC 9457
/// problem type and title of each <see cref="ErrorKind"/>, and the detail as a sentence.
/// </summary>
public static class ErrorProblems
{
    /// <summary>Prefix of every problem type.</summary>
    public const string TypePrefix = "urn:actormq:problem:";

    /// <summary>
    /// The status of an error kind: Invalid 400, NotFound 404, StaleLease 409, Conflict 409, PreconditionFailed 412,
    /// TooLarge 413, DepthExceeded 429, Unavailable 503.
    /// </summary>
    public static int StatusOf(ErrorKind kind) => Of(kind).Status;

    /// <summary>The status, problem type (with <see cref="TypePrefix"/>) and title of an error kind.</summary>
    public static (int Status, string Type, string Title) Of(ErrorKind kind) => kind switch
    {
        ErrorKind.Invalid => (400, TypePrefix + "invalid", "Invalid request"),
        ErrorKind.NotFound => (404, TypePrefix + "not-found", "Not found"),
        ErrorKind.StaleLease => (409, TypePrefix + "stale-lease", "Stale lease"),
        ErrorKind.Conflict => (409, TypePrefix + "conflict", "Conflict"),
        ErrorKind.PreconditionFailed => (412, TypePrefix + "precondition-failed", "Precondition failed"),
        ErrorKind.TooLarge => (413, TypePrefix + "too-large", "Too large"),
        ErrorKind.DepthExceeded => (429, TypePrefix + "queue-full", "Queue full"),
        ErrorKind.Unavailable => (503, TypePrefix + "unavailable", "Service unavailable"),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown error kind"),
    };

    /// <summary>The engine's details are clauses ("'max' must be 1-1000; got 0."); a problem's detail reads as a sentence.</summary>
    public static string Sentence(string detail) =>
        detail.Length > 0 && char.IsLower(detail[0]) ? char.ToUpperInvariant(detail[0]) + detail[1..] : detail;
}
