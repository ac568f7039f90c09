namespace ActorMq.Client;

/// <summary>429: storing the messages would take the queue over its <c>maxDepth</c>; nothing was stored.</summary>
public sealed class QueueFullException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public QueueFullException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
