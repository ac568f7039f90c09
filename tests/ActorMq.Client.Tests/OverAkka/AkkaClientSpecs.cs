using System.Net;
using System.Net.Sockets;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Serialization;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.Client.Serialization;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.PublishSubscribe.Serialization;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests.OverAkka;

/// <summary>What is the Akka client's own: options, its serializers, a contact point that is not running.</summary>
public sealed class AkkaClientSpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : ClientSpecs(shared, akka, output, ClientTransport.Akka)
{
    private static readonly string NoJson = $"{typeof(NoJsonSerializer).FullName}, {typeof(NoJsonSerializer).Assembly.GetName().Name}";

    [Theory]
    [InlineData(AkkaTransport.Direct)]
    [InlineData(AkkaTransport.ClusterClient)]
    public async Task A_contact_point_that_is_not_running_must_be_passed_over(AkkaTransport transport)
    {
        var down = AkkaClients.ContactPoint(FreePort());
        await using var client = AkkaClients.Create([down, AkkaClients.ContactPoint(Node.AkkaPort)], transport);
        var queue = NewQueue("failover-" + transport.ToString().ToLowerInvariant());

        await client.PublishAsync(queue, MessageBody.Text("hello"));

        Assert.Equal("hello", Assert.Single(await client.PopAsync(queue)).Body.AsText());
    }

    [Fact]
    public void Every_message_of_the_client_must_use_ActorMq_or_ClusterClient_serializers_never_JSON()
    {
        using var system = ActorSystem.Create("serializers", ActorMqAkkaClient.Config);

        Assert.IsType<ActorMqSerializer>(system.Serialization.FindSerializerFor(new QueueRequest("q", new Pop(1))));
        Assert.IsType<ActorMqSerializer>(system.Serialization.FindSerializerFor(QueueResponse.Ok(Done.Instance)));
        Assert.IsType<ActorMqSerializer>(system.Serialization.FindSerializerFor(Contracts.Queries.ListQueues.Instance));
        Assert.IsType<ClusterClientMessageSerializer>(system.Serialization.FindSerializerFor(new ClusterClient.Send("/user/x", "m")));
        Assert.IsType<DistributedPubSubMessageSerializer>(system.Serialization.FindSerializerFor(new Send("/user/x", "m")));
        var settings = ActorMq.Client.Transport.ClusterClientRoute.Settings(system, [Address.Parse(AkkaClients.ContactPoint(4053))]);
        Assert.False(settings.UseLegacySerialization);
        Assert.Equal("akka.tcp://actormq@127.0.0.1:4053/system/receptionist", Assert.Single(settings.InitialContacts).ToString());
        Assert.False(ClusterClientSettings.Create(system).UseLegacySerialization);
    }

    [Theory]
    [InlineData(AkkaTransport.Direct)]
    [InlineData(AkkaTransport.ClusterClient)]
    public async Task Nothing_the_client_sends_or_receives_may_go_as_JSON(AkkaTransport transport)
    {
        var system = ActorSystem.Create("no-json", Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.actor.serializers.json = "{{NoJson}}"
            # The JSON serializer's own id: anything arriving as JSON reaches it too.
            akka.actor.serialization-identifiers { "{{NoJson}}" = 1 }
            """).WithFallback(ActorMqAkkaClient.Config));
        try
        {
            await using var client = new ActorMqAkkaClient(system, new ActorMqAkkaClientOptions { ContactPoints = [AkkaClients.ContactPoint(Node.AkkaPort)], Transport = transport, RequestTimeout = TimeSpan.FromSeconds(10) });
            var queue = NewQueue("no-json");

            await client.CreateOrUpdateQueueAsync(queue, new QueueSettings { MaxDepth = 10, MessageTtl = TimeSpan.FromHours(1) });
            await client.PublishBatchAsync(queue, [new(MessageBody.Json("""{"a": [1, 2.50]}""")) { Headers = new Dictionary<string, string> { ["h"] = "v" } }, new(MessageBody.Binary([0, 255]))]);
            var received = await client.ReceiveAsync(queue, maxMessages: 2);
            Assert.Equal(2, (await client.AckBatchAsync(queue, received.Select(LeaseReference.Of).ToArray())).Count(r => r.Acked));
            Assert.Contains(await client.ListQueuesAsync(), q => q.Name == queue);
            await Assert.ThrowsAsync<QueueNotFoundException>(() => client.GetQueueAsync(NewQueue("missing")));
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public void Options_must_name_a_bad_contact_point()
    {
        var e = Assert.Throws<ArgumentException>(() => new ActorMqAkkaClient(new ActorMqAkkaClientOptions { ContactPoints = ["http://127.0.0.1:4053"] }));
        Assert.Contains("http://127.0.0.1:4053", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ActorMqAkkaClient(new ActorMqAkkaClientOptions()));
    }

    [Fact]
    public void An_actor_system_without_the_client_configuration_must_be_refused()
    {
        using var system = ActorSystem.Create("plain");

        Assert.Throws<ArgumentException>(() => new ActorMqAkkaClient(system, new ActorMqAkkaClientOptions { ContactPoints = [AkkaClients.ContactPoint(Node.AkkaPort)] }));
    }

    [Fact]
    public async Task A_client_in_an_actor_system_of_the_caller_must_leave_it_running()
    {
        var system = ActorSystem.Create("callers", Akka.Configuration.ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }").WithFallback(ActorMqAkkaClient.Config));
        try
        {
            await using (var client = new ActorMqAkkaClient(system, new ActorMqAkkaClientOptions { ContactPoints = [AkkaClients.ContactPoint(Node.AkkaPort)] }))
            {
                await client.ListQueuesAsync();
            }

            Assert.False(system.WhenTerminated.IsCompleted);
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
