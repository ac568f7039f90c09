namespace ActorMq.Cluster.Hosting;

/// <summary>Where a node sits in the cluster: its address, roles and seeds (DESIGN.md section 3).</summary>
public sealed class NodeOptions
{
    /// <summary>The actor system's name, part of every node address. Default <c>actormq</c>.</summary>
    public const string SystemName = "actormq";

    /// <summary>Role of nodes that serve the HTTP API and the client receptionist.</summary>
    public const string GatewayRole = "gateway";

    /// <summary>Role of nodes that host queue and schedule entities.</summary>
    public const string QueueRole = "queue";

    /// <summary>Cluster roles of this node. Default <c>gateway,queue</c>.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [GatewayRole, QueueRole];

    /// <summary>Remoting host name. Default <c>127.0.0.1</c>.</summary>
    public string AkkaHost { get; set; } = "127.0.0.1";

    /// <summary>Remoting port. Default 4053.</summary>
    public int AkkaPort { get; set; } = 4053;

    /// <summary>Seed nodes (<c>akka.tcp://actormq@host:port</c>). Default: this node alone.</summary>
    public IReadOnlyList<string> Seeds { get; set; } = [];

    /// <summary>Operator HOCON overrides, loaded on top of reference.conf when the file exists. Default <c>cluster.hocon</c>.</summary>
    public string ConfigPath { get; set; } = "cluster.hocon";

    /// <summary>This node's own address.</summary>
    public string SelfAddress => $"akka.tcp://{SystemName}@{AkkaHost}:{AkkaPort}";

    /// <summary>The seeds in use: the ones given, or this node.</summary>
    public IReadOnlyList<string> EffectiveSeeds => Seeds.Count > 0 ? Seeds : [SelfAddress];

    /// <summary>True when this node has <paramref name="role"/>.</summary>
    public bool HasRole(string role) => Roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}
