using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ActorMq.Client.Http;

/// <summary>
/// One JSON value as its exact UTF-8 text: how a message's <c>body</c> crosses the wire without being re-serialized
/// (strings keep their escapes, numbers their spelling). A JSON <c>null</c> reads as the text <c>null</c>, so an
/// absent body (a binary message) and a null one differ.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
internal sealed class RawJson(byte[] utf8)
{
    /// <summary>The value's UTF-8 JSON text.</summary>
    public byte[] Utf8 { get; } = utf8;
}

/// <summary>Writes a <see cref="RawJson"/> as it is and reads one as the raw text of the value.</summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    /// <summary>Called for <c>null</c> too, which is a body like any other.</summary>
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(JsonMarshal.GetRawUtf8Value(document.RootElement).ToArray());
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RawJson? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        // Checked to be exactly one JSON value when the MessageBody was made.
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
    }
}
