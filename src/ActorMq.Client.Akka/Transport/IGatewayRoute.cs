namespace ActorMq.Client.Transport;

/// <summary>How a request reaches a gateway actor and its answer comes back: one Ask, bounded by a timeout and a token.</summary>
internal interface IGatewayRoute : IAsyncDisposable
{
    /// <summary>Where requests go, for error messages (<c>akka.tcp://actormq@127.0.0.1:4053</c>, …).</summary>
    string Description { get; }

    /// <summary>
    /// Sends <paramref name="message"/> to a gateway and returns its answer. Throws <see cref="TimeoutException"/>
    /// (or Akka's <c>AskTimeoutException</c>) when no gateway answered in time.
    /// </summary>
    Task<object> AskAsync(object message, TimeSpan timeout, CancellationToken cancellationToken);
}
