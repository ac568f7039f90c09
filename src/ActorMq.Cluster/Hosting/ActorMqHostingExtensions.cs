using ActorMq.Cluster.Catalog;
using ActorMq.Cluster.Gateway;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using Akka;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ActorMq.Cluster.Hosting;

/// <summary>Akka.Hosting extensions that make an actor system an ActorMq node. Each returns the builder.</summary>
public static class ActorMqHostingExtensions
{
    /// <summary>Adds the node's HOCON: topology, persistence, operator overrides, reference.conf, serializer bindings.</summary>
    public static AkkaConfigurationBuilder WithActorMqConfiguration(this AkkaConfigurationBuilder builder, ActorMqConfig config) =>
        builder.AddHocon(config.Config, HoconAddMode.Prepend);

    /// <summary>Adds what the persistence HOCON cannot say: on SQLite, SQLite's own busy handler on every connection.</summary>
    public static AkkaConfigurationBuilder WithActorMqPersistence(this AkkaConfigurationBuilder builder, PersistenceOptions persistence) =>
        PersistenceHocon.Setup(persistence) is { } setup ? builder.AddSetup(setup) : builder;

    /// <summary>
    /// Starts the queue and schedule bucket shard regions on nodes with role <c>queue</c> (proxies elsewhere) and the
    /// catalog singleton. Queues are remembered entities (their timers survive restarts); buckets are not: their queue
    /// wakes them when they are due, and until then they cost no memory.
    /// </summary>
    public static AkkaConfigurationBuilder WithActorMqQueues(this AkkaConfigurationBuilder builder, NodeOptions node, ActorMqConfig config)
    {
        var extractor = new QueueMessageExtractor(config.ShardCount);
        var scheduleExtractor = new ScheduleMessageExtractor(config.ShardCount);
        // The proxy starts before the node has joined, and Akka then warns at once that it has not found the singleton
        // "after 30 seconds"; a catalog that really cannot be reached shows as failing queue listings instead.
        // The proxy looks for the catalog every 100 ms until it has found it (Akka's default is every second). A queue made
        // just after a node starts tells the catalog through the proxy, which holds the message until then, and the queue
        // does not stop before the catalog has answered (CatalogLink): found sooner, a node stopped in that window is not
        // held up for the answer.
        var singleton = new ClusterSingletonOptions
        {
            Role = NodeOptions.QueueRole,
            LogSingletonIdentificationFailure = false,
            SingletonIdentificationInterval = TimeSpan.FromMilliseconds(100),
        };
        if (node.HasRole(NodeOptions.QueueRole))
        {
            builder
                .WithSingleton<QueueCatalog>("catalog", CatalogActor.Props(), singleton, createProxyToo: true)
                .WithShardRegion<QueueRegion>(
                    "queue",
                    (_, registry, _) => name => QueueActor.Props(
                        name, config.Queue, registry.Get<QueueRegion>(), registry.Get<QueueCatalog>(), registry.Get<ScheduleRegion>(), config.Schedule),
                    extractor,
                    new ShardOptions
                    {
                        Role = NodeOptions.QueueRole,
                        RememberEntities = true,
                        RememberEntitiesStore = RememberEntitiesStore.Eventsourced,
                        StateStoreMode = StateStoreMode.DData,
                        HandOffStopMessage = QueueActor.StopQueue.Instance,
                    })
                .WithShardRegion<ScheduleRegion>(
                    "schedule",
                    (_, registry, _) => id => ScheduleActor.Props(id, config.Schedule, registry.Get<QueueRegion>()),
                    scheduleExtractor,
                    new ShardOptions
                    {
                        Role = NodeOptions.QueueRole,
                        RememberEntities = false,
                        StateStoreMode = StateStoreMode.DData,
                        HandOffStopMessage = ScheduleActor.StopBucket.Instance,
                    });
        }
        else
        {
            builder
                .WithSingletonProxy<QueueCatalog>("catalog", singleton)
                .WithShardRegionProxy<QueueRegion>("queue", NodeOptions.QueueRole, extractor)
                .WithShardRegionProxy<ScheduleRegion>("schedule", NodeOptions.QueueRole, scheduleExtractor);
        }

        return builder;
    }

    /// <summary>
    /// On nodes with role <c>gateway</c>: starts the <see cref="ClientGatewayActor"/> (<c>/user/actormq-client-gateway</c>)
    /// and registers it with the ClusterClient receptionist (<c>/system/receptionist</c>, settings under
    /// <c>akka.cluster.client.receptionist</c> in reference.conf), so the client's Akka transport reaches the queues
    /// through this node. Call it after <see cref="WithActorMqQueues"/>. Other nodes only learn the serializers of the
    /// receptionist's messages.
    /// </summary>
    /// <param name="builder">The node's Akka builder.</param>
    /// <param name="node">The node's roles.</param>
    /// <param name="config">The node's configuration (request timeout).</param>
    /// <param name="autoCreateQueues">Whether a publish to a missing queue creates it (the node option).</param>
    public static AkkaConfigurationBuilder WithActorMqClientGateway(
        this AkkaConfigurationBuilder builder, NodeOptions node, ActorMqConfig config, bool autoCreateQueues)
    {
        // Akka.Cluster.Tools' defaults for the receptionist and the pub-sub mediator, with their serializers, as the
        // lowest fallback: every node knows the serializers; reference.conf's receptionist settings win.
        builder.AddHocon(ClusterClientReceptionist.DefaultConfig().WithFallback(DistributedPubSub.DefaultConfig()), HoconAddMode.Append);
        if (!node.HasRole(NodeOptions.GatewayRole))
        {
            return builder;
        }

        var settings = new ClientGatewaySettings(autoCreateQueues, config.RequestTimeout);
        return builder
            .WithActors((system, registry) =>
            {
                var gateway = system.ActorOf(
                    ClientGatewayActor.Props(registry.Get<QueueRegion>(), registry.Get<QueueCatalog>(), settings), ClientGatewayActor.Name);
                registry.Register<ClientGateway>(gateway);
                var receptionist = ClusterClientReceptionist.Get(system);
                receptionist.RegisterService(gateway);

                // On leaving, clients are turned away first: the gateway stops before the node leaves the cluster, so
                // clients watching it fail over to another gateway at once instead of timing out on this one.
                CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceUnbind, "actormq-client-gateway-stop", async () =>
                {
                    receptionist.UnregisterService(gateway);
                    await gateway.GracefulStop(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                    return Done.Instance;
                });
            });
    }

    /// <summary>Registers <see cref="IQueueGateway"/> over the queue region and the catalog.</summary>
    public static IServiceCollection AddActorMqGateway(this IServiceCollection services, ActorMqConfig config) =>
        services.AddSingleton<IQueueGateway>(sp =>
        {
            var system = sp.GetRequiredService<ActorSystem>();
            return new ActorMqGateway(
                sp.GetRequiredService<IRequiredActor<QueueRegion>>(),
                sp.GetRequiredService<IRequiredActor<QueueCatalog>>(),
                new ClusterReadiness(system, sp.GetRequiredService<ActorRegistry>()),
                config.RequestTimeout,
                system);
        });
}
