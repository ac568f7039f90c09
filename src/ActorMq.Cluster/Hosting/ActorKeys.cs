namespace ActorMq.Cluster.Hosting;

/// <summary>Registry key of the queue shard region (or its proxy).</summary>
public sealed class QueueRegion;

/// <summary>Registry key of the catalog singleton's proxy.</summary>
public sealed class QueueCatalog;

/// <summary>Registry key of the schedule bucket shard region (or its proxy).</summary>
public sealed class ScheduleRegion;

/// <summary>Registry key of the client-facing gateway actor (nodes with role gateway).</summary>
public sealed class ClientGateway;
