namespace ActorMq.Client;

/// <summary>404: the queue does not exist.</summary>
public sealed class QueueNotFoundException : NotFoundException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public QueueNotFoundException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
