using System.Text.Json;
using ActorMq.Contracts;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;

namespace ActorMq.Node.Http;

/// <summary>
/// An RFC 9457 problem: <paramref name="Type"/> (a stable URN per kind of problem), a short <paramref name="Title"/>,
/// the HTTP <paramref name="Status"/>, a <paramref name="Detail"/> a person can act on, and the extension member
/// <paramref name="Field"/> naming the offending input when there is one.
/// </summary>
internal sealed record Problem(int Status, string Type, string Title, string Detail, string? Field = null);

/// <summary>Errors as <c>application/problem+json</c>, and the HTTP status of each <see cref="ErrorKind"/>.</summary>
internal static class Problems
{
    /// <summary>Media type of problem answers.</summary>
    public const string ContentType = "application/problem+json";

    private const string TypePrefix = ErrorProblems.TypePrefix;

    /// <summary>The status a queue error answers (<see cref="ErrorProblems.StatusOf"/>).</summary>
    public static int StatusOf(ErrorKind kind) => ErrorProblems.StatusOf(kind);

    /// <summary>The problem of a refused request.</summary>
    public static Problem From(QueueError error)
    {
        var (status, type, title) = ErrorProblems.Of(error.Kind);
        return new Problem(status, type, title, ErrorProblems.Sentence(error.Detail), error.Field);
    }

    /// <summary>503: the node has not joined the cluster yet (or has left it).</summary>
    public static Problem NotReady() => new(
        StatusCodes.Status503ServiceUnavailable,
        TypePrefix + "unavailable",
        "Service unavailable",
        "This node is not ready: it has not joined the cluster yet or is leaving it. Retry shortly, or send the request to another node.");

    /// <summary>503: the cluster did not answer within <paramref name="timeout"/>.</summary>
    public static Problem Timeout(TimeSpan timeout) => new(
        StatusCodes.Status503ServiceUnavailable,
        TypePrefix + "unavailable",
        "Service unavailable",
        $"The cluster did not answer within {timeout.TotalSeconds} seconds: a queue may be recovering or moving between nodes, or the cluster is overloaded. Retry the request; an unanswered publish may or may not have been stored, so retry it with a dedupId or a client id.");

    /// <summary>404: nothing is mapped at <paramref name="path"/>.</summary>
    public static Problem NoRoute(string method, string path) => new(
        StatusCodes.Status404NotFound,
        TypePrefix + "not-found",
        "Not found",
        $"There is no API route {method} {path}. The routes are listed in /openapi/v1.json.");

    /// <summary>405: <paramref name="path"/> exists, but not for <paramref name="method"/>.</summary>
    public static Problem MethodNotAllowed(string method, string path, IEnumerable<string> allowed) => new(
        StatusCodes.Status405MethodNotAllowed,
        TypePrefix + "method-not-allowed",
        "Method not allowed",
        $"{path} does not take {method}; it takes {string.Join(", ", allowed)}.");

    /// <summary>500: something failed that is not the client's doing.</summary>
    public static Problem Internal() => new(
        StatusCodes.Status500InternalServerError,
        TypePrefix + "internal",
        "Internal error",
        "The node failed to handle the request; the error is in its log. Retry the request; if it keeps failing, report it with the log.");

    /// <summary>The problem as an HTTP result.</summary>
    public static ApiResult Result(Problem problem) => ApiResult.Bytes(problem.Status, Render(problem), ContentType);

    /// <summary>The problem of a refused request as an HTTP result.</summary>
    public static ApiResult Result(QueueError error) => Result(From(error));

    /// <summary><c>{"type", "title", "status", "detail", "field"?}</c>.</summary>
    public static byte[] Render(Problem problem) => JsonOutput.Render(problem, Write);

    /// <summary>Writes the problem's JSON object (<see cref="Render"/>).</summary>
    public static void Write(Utf8JsonWriter w, Problem problem)
    {
        w.WriteStartObject();
        w.WriteString("type", problem.Type);
        w.WriteString("title", problem.Title);
        w.WriteNumber("status", problem.Status);
        w.WriteString("detail", problem.Detail);
        if (problem.Field is not null)
        {
            w.WriteString("field", problem.Field);
        }

        w.WriteEndObject();
    }
}
