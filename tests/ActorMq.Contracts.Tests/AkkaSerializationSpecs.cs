using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Serialization;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Configuration;
using Xunit.Abstractions;
using AkkaSerialization = Akka.Serialization.Serialization;

namespace ActorMq.Contracts.Tests;

/// <summary>The serializer as an actor system configured with <see cref="ActorMqSerialization.Hocon"/> uses it.</summary>
public sealed class AkkaSerializationSpecs(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(SerializerFixture.Quiet.WithFallback(ActorMqSerialization.Hocon), "akka-serialization", output)
{
    public static TheoryData<string> SampleNames => [.. Samples.All.Keys];

    [Theory]
    [MemberData(nameof(SampleNames))]
    public void Akka_must_pick_the_ActorMq_serializer_and_round_trip_through_its_manifest_and_id(string sample)
    {
        var message = Samples.All[sample];

        var serializer = Sys.Serialization.FindSerializerFor(message);
        var manifest = AkkaSerialization.ManifestFor(serializer, message);
        var bytes = serializer.ToBinary(message);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);

        Assert.IsType<ActorMqSerializer>(serializer);
        Assert.Equal(ActorMqSerializer.SerializerIdentifier, serializer.Identifier);
        Assert.Equal(ActorMqSerializer.FormatVersion, bytes[0]);
        Deep.Equal(message, back);
    }

    [Fact]
    public void The_serializer_must_be_registered_by_name_and_identifier()
    {
        var message = new GetQueue("orders");
        var bytes = Sys.Serialization.FindSerializerFor(message).ToBinary(message);

        var back = Sys.Serialization.Deserialize(bytes, 7301, "GQ");

        Assert.Equal(message, back);
        Assert.Equal("actormq", ActorMqSerialization.SerializerName);
        Assert.Equal(
            "ActorMq.Contracts.Serialization.ActorMqSerializer, ActorMq.Contracts",
            Sys.Settings.Config.GetString("akka.actor.serializers.actormq"));
        Assert.Equal(
            7301,
            Sys.Settings.Config.GetInt("akka.actor.serialization-identifiers.\"ActorMq.Contracts.Serialization.ActorMqSerializer, ActorMq.Contracts\""));
    }

    [Fact]
    public void Nothing_outside_the_bound_types_must_fall_to_the_ActorMq_serializer()
    {
        Assert.IsNotType<ActorMqSerializer>(Sys.Serialization.FindSerializerForType(typeof(object)));
        Assert.IsNotType<ActorMqSerializer>(Sys.Serialization.FindSerializerForType(typeof(string)));
        Assert.DoesNotContain("System.Object", ActorMqSerialization.HoconText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_between_actors_must_pass_through_the_serializer_when_serialize_messages_is_on()
    {
        var config = ConfigurationFactory.ParseString("akka.actor.serialize-messages = on").WithFallback(SerializerFixture.Quiet).WithFallback(ActorMqSerialization.Hocon);
        var system = ActorSystem.Create("serialize-messages", config);
        var echo = system.ActorOf(Props.Create(() => new EchoActor()));
        var request = new QueueRequest("orders", new Publish([Samples.FullRequest, Samples.MinimalRequest], AutoCreate: true));

        var back = await echo.Ask<QueueRequest>(request, TimeSpan.FromSeconds(5));

        Assert.NotSame(request, back);
        Deep.Equal(request, back);
        await system.Terminate();
    }

    private sealed class EchoActor : ReceiveActor
    {
        public EchoActor() => Receive<IActorMqMessage>(m => Sender.Tell(m));
    }
}
