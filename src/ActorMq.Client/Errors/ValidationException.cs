namespace ActorMq.Client;

/// <summary>
/// 400: the request is malformed or a value is out of range; <see cref="ActorMqException.Field"/> names the input when
/// there is one. Nothing was changed.
/// </summary>
public sealed class ValidationException : ActorMqException
{
    /// <summary>A failure described by <paramref name="problem"/>.</summary>
    /// <param name="problem">What the server answered.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ValidationException(ActorMqProblem problem, Exception? innerException = null)
        : base(problem, innerException)
    {
    }
}
