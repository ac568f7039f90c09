using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorMq.Client.Http;

/// <summary>Source-generated JSON metadata of the wire shapes: camelCase, null members left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(WirePublish))]
[JsonSerializable(typeof(WirePublishBatch))]
[JsonSerializable(typeof(WirePatch))]
[JsonSerializable(typeof(WireSettings))]
[JsonSerializable(typeof(WireReceive))]
[JsonSerializable(typeof(WirePop))]
[JsonSerializable(typeof(WireAck))]
[JsonSerializable(typeof(WireNack))]
[JsonSerializable(typeof(WireExtend))]
[JsonSerializable(typeof(WireAckBatch))]
[JsonSerializable(typeof(WireRedrive))]
[JsonSerializable(typeof(WireMessage))]
[JsonSerializable(typeof(WireMessages))]
[JsonSerializable(typeof(WirePublished))]
[JsonSerializable(typeof(WirePublishedBatch))]
[JsonSerializable(typeof(WireQueue))]
[JsonSerializable(typeof(WireQueues))]
[JsonSerializable(typeof(WireAckResults))]
[JsonSerializable(typeof(WireCount))]
[JsonSerializable(typeof(WireExtended))]
[JsonSerializable(typeof(WireProblem))]
internal sealed partial class WireJson : JsonSerializerContext;
