namespace ActorMq.Client;

/// <summary>
/// 412: the <c>If-Match</c> version does not match the message's current version: someone changed it since it was read.
/// </summary>
public sealed class PreconditionFailedException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PreconditionFailedException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
