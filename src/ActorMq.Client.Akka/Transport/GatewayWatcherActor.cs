using Akka.Actor;

namespace ActorMq.Client.Transport;

/// <summary>
/// Watches the gateway a <see cref="DirectRoute"/> uses and tells it when the gateway is gone (stopped, or its node
/// unreachable to remote death watch), so that the next request looks for another.
/// </summary>
internal sealed class GatewayWatcherActor : ReceiveActor
{
    public GatewayWatcherActor(Action<IActorRef> gone)
    {
        Receive<Watch>(w => Context.Watch(w.Gateway));
        Receive<Terminated>(t => gone(t.ActorRef));
    }

    public static Props Props(Action<IActorRef> gone) => Akka.Actor.Props.Create(() => new GatewayWatcherActor(gone));

    /// <summary>Watch this gateway.</summary>
    public sealed record Watch(IActorRef Gateway);
}
