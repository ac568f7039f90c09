using ActorMq.Engine;

namespace ActorMq.Node.Http;

/// <summary>
/// Refusals of a request before anything is sent to a queue. Readers throw them; the API's endpoint filter turns them
/// into problem responses exactly like the queue's own <see cref="QueueError"/>s.
/// </summary>
internal static class RequestError
{
    /// <summary>A 400: input that is malformed or out of range; <paramref name="field"/> names it when there is one.</summary>
    public static QueueErrorException Invalid(string? field, string detail) => new(new QueueError(ErrorKind.Invalid, field, detail));

    /// <summary>A 412: an <c>If-Match</c> that can never match.</summary>
    public static QueueErrorException PreconditionFailed(string field, string detail) =>
        new(new QueueError(ErrorKind.PreconditionFailed, field, detail));

    /// <summary>A 413: a request body over the node's limit.</summary>
    public static QueueErrorException TooLarge(long? length, long limit) => new(new QueueError(
        ErrorKind.TooLarge,
        null,
        length is { } n
            ? $"The request body is {n} bytes; this node accepts at most {limit} bytes per request. Send fewer messages per batch, or smaller ones."
            : $"The request body is over this node's limit of {limit} bytes per request. Send fewer messages per batch, or smaller ones."));

    /// <summary>Refuses (400) a query string with a parameter not in <paramref name="parameters"/>, or one given twice.</summary>
    public static void CheckQuery(IQueryCollection query, IReadOnlyList<string> parameters)
    {
        foreach (var (name, values) in query)
        {
            if (!parameters.Contains(name))
            {
                throw Invalid(name, $"Unknown query parameter '{name}'; the parameters are: {string.Join(", ", parameters)}.");
            }

            if (values.Count > 1)
            {
                throw Invalid(name, $"Query parameter '{name}' is given {values.Count} times; give it once.");
            }
        }
    }
}
