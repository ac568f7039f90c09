using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Serialization;
using Akka.Actor;
using Akka.Configuration;

namespace ActorMq.Contracts.Tests;

/// <summary>An actor system configured with <see cref="ActorMqSerialization.Hocon"/>, and its ActorMq serializer.</summary>
public sealed class SerializerFixture : IDisposable
{
    public SerializerFixture()
    {
        System = ActorSystem.Create("contracts-serialization", Quiet.WithFallback(ActorMqSerialization.Hocon));
        Serializer = (ActorMqSerializer)System.Serialization.FindSerializerForType(typeof(QueueRequest));
    }

    /// <summary>Akka logs warnings and errors only, so test output shows the tests' own lines.</summary>
    public static Config Quiet { get; } = ConfigurationFactory.ParseString("akka { loglevel = WARNING, stdout-loglevel = WARNING }");

    public ActorSystem System { get; }

    public ActorMqSerializer Serializer { get; }

    public object RoundTrip(object message) => Serializer.FromBinary(Serializer.ToBinary(message), Serializer.Manifest(message));

    public void Dispose() => System.Terminate().Wait(TimeSpan.FromSeconds(10));
}
