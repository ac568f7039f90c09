namespace ActorMq.Client;

/// <summary>
/// 413: a body is over the queue's <c>maxMessageBytes</c>, or the request is over the node's request size limit.
/// </summary>
public sealed class PayloadTooLargeException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public PayloadTooLargeException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
