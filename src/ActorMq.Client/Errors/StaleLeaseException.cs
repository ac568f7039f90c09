namespace ActorMq.Client;

/// <summary>
/// 409: the lease token is not the message's current, unexpired lease (it expired, or another consumer holds a newer
/// one). Nothing was changed; the message will be delivered again.
/// </summary>
public sealed class StaleLeaseException : ConflictException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public StaleLeaseException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
