namespace ActorMq.Client;

/// <summary>How <see cref="ActorMqAkkaClient"/> reaches the gateway actor of a gateway node.</summary>
public enum AkkaTransport
{
    /// <summary>
    /// The default: the client resolves the gateway actor (<c>/user/actormq-client-gateway</c>) of the first contact
    /// point that answers and asks it directly; answers come straight back. When that gateway stops or does not answer,
    /// the next request resolves another contact point. The fastest round trip (README, "Akka transport").
    /// </summary>
    Direct,

    /// <summary>
    /// Through Akka's ClusterClient and the receptionists of the gateway nodes (<c>/system/receptionist</c>): the
    /// receptionist forwards each request and tunnels its answer back. Learns further gateways from the receptionist
    /// and reconnects by heartbeat; one more hop each way than <see cref="Direct"/>.
    /// </summary>
    ClusterClient,
}
