namespace ActorMq.Client;

/// <summary>
/// 409: the message is in a state that does not allow the operation (such as editing an in-flight message), or a
/// message id is taken. <see cref="StaleLeaseException"/> is the 409 of a lease that is not current.
/// </summary>
public class ConflictException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ConflictException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
