using Akka.Actor;

namespace ActorMq.Client.Transport;

/// <summary>Requests to a gateway actor known by reference, such as one in the same actor system (ActorMq.TestKit).</summary>
internal sealed class ActorRefRoute(IActorRef gateway) : IGatewayRoute
{
    public string Description { get; } = gateway.Path.ToString();

    public Task<object> AskAsync(object message, TimeSpan timeout, CancellationToken cancellationToken) =>
        gateway.Ask<object>(message, timeout, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
