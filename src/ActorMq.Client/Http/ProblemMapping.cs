using System.Text;
using System.Text.Json;

namespace ActorMq.Client.Http;

/// <summary>
/// Turns a failed HTTP answer into the <see cref="ActorMqException"/> that names it: by status, then by the problem's
/// <c>type</c> (409 <c>stale-lease</c> vs <c>conflict</c>) and <c>field</c> (404 <c>queue</c> vs <c>id</c>).
/// </summary>
internal static class ProblemMapping
{
    private const string TypePrefix = "urn:actormq:problem:";
    private const int MaxTextDetail = 500;

    /// <summary>The exception of an answer with a status outside 2xx.</summary>
    public static ActorMqException FromResponse(int status, string? mediaType, byte[] body)
    {
        var problem = Read(status, mediaType, body);
        return status switch
        {
            400 => new ValidationException(problem),
            404 when problem.Field == "queue" => new QueueNotFoundException(problem),
            404 when problem.Field == "id" => new MessageNotFoundException(problem),
            404 => new NotFoundException(problem),
            409 when problem.Type == TypePrefix + "stale-lease" => new StaleLeaseException(problem),
            409 => new ConflictException(problem),
            412 => new PreconditionFailedException(problem),
            413 => new PayloadTooLargeException(problem),
            429 => new QueueFullException(problem),
            502 or 503 or 504 => new UnavailableException(problem),
            _ => new ActorMqException(problem),
        };
    }

    /// <summary>A request that got no answer: the server could not be reached, or did not answer in time.</summary>
    public static UnavailableException NoAnswer(Uri uri, Exception cause) => new(
        new ActorMqProblem(null, null, "No answer", $"{uri.GetLeftPart(UriPartial.Authority)} did not answer: {cause.Message}"),
        cause);

    private static ActorMqProblem Read(int status, string? mediaType, byte[] body)
    {
        if (mediaType is "application/problem+json" or "application/json" && body.Length > 0)
        {
            try
            {
                var wire = JsonSerializer.Deserialize(body, WireJson.Default.WireProblem);
                if (wire?.Detail is { } detail)
                {
                    return new ActorMqProblem(wire.Status ?? status, wire.Type, wire.Title, detail, wire.Field);
                }
            }
            catch (JsonException)
            {
                // Not a problem after all; described from its text below.
            }
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxTextDetail)).Trim();
        return new ActorMqProblem(
            status,
            null,
            null,
            text.Length == 0 ? $"The server answered HTTP {status} without a problem description." : $"The server answered HTTP {status}: {text}");
    }
}
