namespace ActorMq.Client;

/// <summary>
/// Why a request failed: the RFC 9457 problem the server answered, or a description of a failure that had no answer.
/// </summary>
/// <param name="Status">The HTTP status; null when no answer came (the server could not be reached).</param>
/// <param name="Type">The problem type, such as <c>urn:actormq:problem:stale-lease</c>; null when there was none.</param>
/// <param name="Title">The problem's short title, such as <c>Stale lease</c>.</param>
/// <param name="Detail">What went wrong, written for a person to act on.</param>
/// <param name="Field">The input the problem is about, such as <c>priority</c> or <c>messages[3].body</c>.</param>
public sealed record ActorMqProblem(int? Status, string? Type, string? Title, string Detail, string? Field = null);
