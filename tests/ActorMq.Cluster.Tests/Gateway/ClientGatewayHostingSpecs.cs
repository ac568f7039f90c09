using ActorMq.Cluster.Hosting;
using Akka.Actor;
using Akka.Cluster.Tools.Client.Serialization;
using Akka.Cluster.Tools.PublishSubscribe.Serialization;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ActorMq.Cluster.Tests.Gateway;

/// <summary>
/// What <see cref="ActorMqHostingExtensions.WithActorMqClientGateway"/> adds to a node's configuration: reference.conf's
/// receptionist settings stay in force over Akka.Cluster.Tools' defaults, and every node knows the serializers of the
/// receptionist's and the pub-sub mediator's messages. (A node without role gateway, so no cluster has to form.)
/// </summary>
public sealed class ClientGatewayHostingSpecs
{
    [Fact]
    public async Task Reference_conf_receptionist_settings_must_win_over_the_defaults_and_the_serializers_be_known()
    {
        var config = ActorMqConfig.FromDefaults(Akka.Configuration.ConfigurationFactory.ParseString("""
            akka.actor.provider = local
            akka.persistence.journal.plugin = "akka.persistence.journal.inmem"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            """));
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosting-spec", akka => akka
                .WithActorMqConfiguration(config)
                .WithActorMqClientGateway(new NodeOptions { Roles = [NodeOptions.QueueRole] }, config, autoCreateQueues: true)))
            .Build();
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var receptionist = system.Settings.Config.GetConfig("akka.cluster.client.receptionist");

            Assert.Equal(TimeSpan.FromSeconds(60), receptionist.GetTimeSpan("response-tunnel-receive-timeout"));
            Assert.Equal(NodeOptions.GatewayRole, receptionist.GetString("role"));
            Assert.Equal(NodeOptions.GatewayRole, system.Settings.Config.GetString("akka.cluster.pub-sub.role"));
            Assert.IsType<ClusterClientMessageSerializer>(system.Serialization.FindSerializerForType(typeof(Akka.Cluster.Tools.Client.ClusterClient.Send)));
            Assert.IsType<DistributedPubSubMessageSerializer>(system.Serialization.FindSerializerForType(typeof(Akka.Cluster.Tools.PublishSubscribe.Send)));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
