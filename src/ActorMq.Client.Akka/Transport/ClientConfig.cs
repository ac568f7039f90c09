using System.Globalization;
using ActorMq.Contracts.Serialization;
using Akka.Cluster.Tools.Client;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Configuration;

namespace ActorMq.Client.Transport;

/// <summary>
/// The HOCON of the actor system the client starts: remoting on the client's own endpoint, frames as large as the
/// nodes', the ClusterClient's and the pub-sub mediator's serializers (what the ClusterClient sends its receptionist)
/// and ActorMq's own serializer for every ActorMq message, so nothing of the client's traffic goes through the JSON
/// fallback.
/// </summary>
internal static class ClientConfig
{
    /// <summary>What an actor system needs, whoever starts it, to carry the client's traffic.</summary>
    public static Config Required { get; } = ConfigurationFactory.ParseString("""
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp {
          # As large as the nodes' (a publish batch of 1000 messages of up to 256 KiB each).
          maximum-frame-size = 64MiB
          send-buffer-size = 64MiB
          receive-buffer-size = 64MiB
        }
        # ClusterClient messages with their own (protobuf) serializer, the payload with ActorMq's.
        akka.cluster.client.use-legacy-serialization = off
        """)
        .WithFallback(ActorMqSerialization.Hocon)
        .WithFallback(ClusterClientReceptionist.DefaultConfig())
        // The ClusterClient hands a Send to the receptionist as the pub-sub mediator's Send: its serializer too.
        .WithFallback(DistributedPubSub.DefaultConfig());

    /// <summary>The whole configuration of a client-owned actor system.</summary>
    public static Config For(ActorMqAkkaClientOptions options)
    {
        var pause = options.FailureDetectionPause.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        var interval = Math.Max(0.2, options.FailureDetectionPause.TotalSeconds / 6).ToString("0.###", CultureInfo.InvariantCulture);
        return ConfigurationFactory.ParseString($$"""
            akka.loglevel = WARNING
            akka.stdout-loglevel = WARNING
            akka.remote.dot-netty.tcp {
              hostname = "{{options.Hostname}}"
              port = {{options.Port.ToString(CultureInfo.InvariantCulture)}}
            }
            # A gateway that stops or becomes unreachable is noticed after this pause; the client then uses another.
            akka.remote.watch-failure-detector {
              heartbeat-interval = {{interval}}s
              acceptable-heartbeat-pause = {{pause}}s
            }
            akka.cluster.client {
              heartbeat-interval = {{interval}}s
              acceptable-heartbeat-pause = {{pause}}s
              establishing-get-contacts-interval = 1s
            }
            # Failing over between gateways is normal; it needs no warning per connection attempt.
            akka.remote.log-remote-lifecycle-events = off
            akka.coordinated-shutdown.exit-clr = off
            """).WithFallback(Required);
    }
}
