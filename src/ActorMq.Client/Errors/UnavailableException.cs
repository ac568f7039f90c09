namespace ActorMq.Client;

/// <summary>
/// 503, or no answer at all: the node is not ready, the cluster did not answer in time, or the server could not be
/// reached. Safe to retry; retry a publish with a dedup id or a client id so that it is stored once.
/// </summary>
public sealed class UnavailableException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public UnavailableException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
