namespace ActorMq.Integration.Tests.Support;

/// <summary>
/// The tests that run a cluster: one at a time (each starts three nodes on a 2-core machine, and the failover times
/// they measure must not depend on another test's load).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster guarantees";
}
