using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorMq.Client.Tests.OverAkka;

/// <summary>Stands in for Akka's JSON serializer in a client's actor system: anything that would fall back to JSON fails.</summary>
public sealed class NoJsonSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>Akka creates the "json" serializer with its settings section.</summary>
    public NoJsonSerializer(ExtendedActorSystem system, Config config)
        : this(system)
    {
        _ = config;
    }

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new InvalidOperationException($"{obj.GetType().FullName} was about to be serialized as JSON");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new InvalidOperationException($"a {type?.FullName ?? "message"} arrived serialized as JSON");
}
