namespace ActorMq.Client;

/// <summary>
/// 404: the queue has no live message with that id: it was acked, popped, cancelled, expired or dead-lettered, or never
/// existed.
/// </summary>
public sealed class MessageNotFoundException : NotFoundException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public MessageNotFoundException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
