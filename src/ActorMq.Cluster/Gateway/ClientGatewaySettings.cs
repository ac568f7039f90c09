namespace ActorMq.Cluster.Gateway;

/// <summary>What the client-facing gateway actor needs to know of its node.</summary>
/// <param name="AutoCreateQueues">Whether a publish to a missing queue creates it (the node option; default true).</param>
/// <param name="RequestTimeout">How long a queue listing waits for the catalog and the queues (actormq.gateway.request-timeout).</param>
public sealed record ClientGatewaySettings(bool AutoCreateQueues, TimeSpan RequestTimeout);
