using Akka.Configuration;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// Registers <see cref="ActorMqSerializer"/> with an actor system: as <c>actormq</c>, with its identifier, bound to
/// <see cref="IActorMqMessage"/>, the engine's events (<see cref="Engine.IQueueEvent"/>, <see cref="Engine.IScheduleEvent"/>) and snapshots
/// (<see cref="Engine.QueueSnapshot"/>). Nothing is bound to <see cref="object"/>: a type outside these keeps Akka's
/// default, and a project message that forgot the marker shows up in the round-trip tests, not in production.
/// </summary>
public static class ActorMqSerialization
{
    /// <summary>The serializer's name in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "actormq";

    /// <summary>The registration as HOCON text.</summary>
    public static string HoconText { get; } = $$"""
        akka.actor {
          serializers {
            {{SerializerName}} = "ActorMq.Contracts.Serialization.ActorMqSerializer, ActorMq.Contracts"
          }
          serialization-bindings {
            "ActorMq.Contracts.IActorMqMessage, ActorMq.Contracts" = {{SerializerName}}
            "ActorMq.Engine.IQueueEvent, ActorMq.Engine" = {{SerializerName}}
            "ActorMq.Engine.IScheduleEvent, ActorMq.Engine" = {{SerializerName}}
            "ActorMq.Engine.QueueSnapshot, ActorMq.Engine" = {{SerializerName}}
          }
          serialization-identifiers {
            "ActorMq.Contracts.Serialization.ActorMqSerializer, ActorMq.Contracts" = {{ActorMqSerializer.SerializerIdentifier}}
          }
        }
        """;

    /// <summary>The registration, to put in front of an actor system's configuration.</summary>
    public static Config Hocon { get; } = ConfigurationFactory.ParseString(HoconText);
}
