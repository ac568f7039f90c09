using ActorMq.Cluster.Hosting;
using Akka.Actor;
using Akka.Hosting;

namespace ActorMq.Cluster.Gateway;

/// <summary>Whether this node is a member that is up, with its queue region (or proxy) started.</summary>
public sealed class ClusterReadiness(ActorSystem system, ActorRegistry registry)
{
    /// <summary>True once the node is Up in the cluster and its queue region is registered.</summary>
    public bool IsReady =>
        registry.TryGet<QueueRegion>(out _) && Akka.Cluster.Cluster.Get(system).SelfMember.Status == Akka.Cluster.MemberStatus.Up;
}
