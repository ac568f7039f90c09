using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Contracts.Serialization;
using Akka.Configuration;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// The node's whole HOCON, in precedence order: its topology and persistence (from options / environment), then the
/// operator's cluster.hocon, then the embedded reference.conf and the serializer bindings.
/// </summary>
public sealed class ActorMqConfig
{
    private ActorMqConfig(Config config)
    {
        Config = config;
        Queue = QueueActorSettings.From(config);
        Schedule = ScheduleSettings.From(config);
        ShardCount = config.GetInt("actormq.sharding.shard-count", 100);
        RequestTimeout = config.GetTimeSpan("actormq.gateway.request-timeout", TimeSpan.FromSeconds(30));
    }

    /// <summary>The combined configuration.</summary>
    public Config Config { get; }

    /// <summary>Queue entity tuning.</summary>
    public QueueActorSettings Queue { get; }

    /// <summary>Scheduler tuning.</summary>
    public ScheduleSettings Schedule { get; }

    /// <summary>Shards of the queue entity type.</summary>
    public int ShardCount { get; }

    /// <summary>How long the gateway waits for a queue's answer.</summary>
    public TimeSpan RequestTimeout { get; }

    /// <summary>The embedded reference.conf.</summary>
    public static Config Reference { get; } = LoadReference();

    /// <summary>Combines topology, persistence, operator overrides and defaults.</summary>
    public static ActorMqConfig Load(NodeOptions node, PersistenceOptions persistence)
    {
        var config = Topology(node).WithFallback(PersistenceHocon.Build(persistence));
        if (File.Exists(node.ConfigPath))
        {
            config = config.WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(node.ConfigPath)));
        }

        return new ActorMqConfig(config.WithFallback(Reference).WithFallback(ActorMqSerialization.Hocon));
    }

    /// <summary>For tests: defaults plus <paramref name="overrides"/>, no topology or persistence.</summary>
    public static ActorMqConfig FromDefaults(Config? overrides = null) =>
        new((overrides ?? Config.Empty).WithFallback(Reference).WithFallback(ActorMqSerialization.Hocon));

    private static Config Topology(NodeOptions node)
    {
        var roles = string.Join(", ", node.Roles.Select(r => $"\"{r}\""));
        var seeds = string.Join(", ", node.EffectiveSeeds.Select(s => $"\"{s}\""));
        return ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp {
              hostname = "{{node.AkkaHost}}"
              port = {{node.AkkaPort}}
            }
            akka.cluster.roles = [{{roles}}]
            akka.cluster.seed-nodes = [{{seeds}}]
            """);
    }

    private static Config LoadReference()
    {
        using var stream = typeof(ActorMqConfig).Assembly.GetManifestResourceStream("ActorMq.Cluster.reference.conf")
            ?? throw new InvalidOperationException("reference.conf is not embedded in ActorMq.Cluster");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
