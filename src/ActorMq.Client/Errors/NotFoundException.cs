namespace ActorMq.Client;

/// <summary>
/// 404: no such queue or message (or route). <see cref="QueueNotFoundException"/> and <see
/// cref="MessageNotFoundException"/> say which.
/// </summary>
public class NotFoundException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public NotFoundException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
