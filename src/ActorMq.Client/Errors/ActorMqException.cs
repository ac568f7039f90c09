namespace ActorMq.Client;

/// <summary>
/// A request to ActorMq failed. The subclasses name the usual reasons; catch this one for all of them. Nothing was
/// changed by a refused request (a 4xx answer).
/// </summary>
public class ActorMqException : Exception
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered, or what went wrong without an answer.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ActorMqException(ActorMqProblem problem, Exception? innerException = null)
        : base(Describe(problem), innerException)
    {
        Problem = problem;
    }

    /// <summary>What the server answered (or what went wrong without an answer).</summary>
    public ActorMqProblem Problem { get; }

    /// <summary>The HTTP status; null when no answer came.</summary>
    public int? Status => Problem.Status;

    /// <summary>What went wrong, written for a person to act on.</summary>
    public string Detail => Problem.Detail;

    /// <summary>The input the problem is about, if the server named one.</summary>
    public string? Field => Problem.Field;

    /// <summary>The problem type URN, such as <c>urn:actormq:problem:invalid</c>, if any.</summary>
    public string? ProblemType => Problem.Type;

    private static string Describe(ActorMqProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var status = problem.Status is { } code ? $"{code} " : "";
        var title = problem.Title is { Length: > 0 } t ? $"{t}: " : "";
        return $"{status}{title}{problem.Detail}";
    }
}
