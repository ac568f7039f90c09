namespace ActorMq.Contracts;

/// <summary>
/// Where clients of the Akka transport find a gateway node's client-facing actor: the actor's path, and the
/// ClusterClient receptionist's. Shared by the node (which starts both) and the client (which addresses them).
/// </summary>
public static class ClientGatewayPaths
{
    /// <summary>The client-facing gateway actor's name under <c>/user</c>.</summary>
    public const string GatewayName = "actormq-client-gateway";

    /// <summary>The path a client sends to: <c>/user/actormq-client-gateway</c>.</summary>
    public const string Gateway = "/user/" + GatewayName;

    /// <summary>The ClusterClient receptionist's name under <c>/system</c> (akka.cluster.client.receptionist.name).</summary>
    public const string ReceptionistName = "receptionist";

    /// <summary>The receptionist's path: <c>/system/receptionist</c>.</summary>
    public const string Receptionist = "/system/" + ReceptionistName;
}
