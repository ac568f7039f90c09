using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ActorMq.Cli.Output;

/// <summary>
/// JSON shapes written as YAML with YamlDotNet's emitter: objects as block mappings, arrays as block sequences, strings
/// quoted whenever a YAML reader could take them for something else (a number, a boolean, null, a date).
/// </summary>
internal static class YamlText
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "~", "true", "false", "yes", "no", "y", "n", "on", "off", ".inf", "-.inf", "+.inf", ".nan",
    };

    /// <summary>Writes one object as a YAML document (no <c>---</c> marker).</summary>
    public static void WriteDocument(TextWriter writer, JsonObject data) => Write(writer, emitter => Node(emitter, data));

    /// <summary>Writes items as a block sequence at the left margin (the value of a key written before it).</summary>
    public static void WriteSequence(TextWriter writer, IEnumerable<JsonObject> items) => Write(writer, emitter =>
    {
        emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
        foreach (var item in items)
        {
            Node(emitter, item);
        }

        emitter.Emit(new SequenceEnd());
    });

    private static void Write(TextWriter writer, Action<IEmitter> body)
    {
        var emitter = new Emitter(writer, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart(null, null, isImplicit: true));
        body(emitter);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
    }

    // Walked as a JsonElement, written from the nodes: a message body keeps its repeated keys, if it has any.
    private static void Node(IEmitter emitter, JsonNode? node) =>
        Element(emitter, JsonSerializer.SerializeToElement(node, YamlJson.Default.JsonNode));

    private static void Element(IEmitter emitter, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Flow style for an empty one: `{}`.
                var empty = !element.EnumerateObject().Any();
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var property in element.EnumerateObject())
                {
                    String(emitter, property.Name);
                    Element(emitter, property.Value);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                var none = element.GetArrayLength() == 0;
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, none ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in element.EnumerateArray())
                {
                    Element(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                String(emitter, element.GetString()!);
                break;
            default:
                // Numbers as spelled, true, false, null.
                Plain(emitter, element.GetRawText());
                break;
        }
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static void String(IEmitter emitter, string text)
    {
        var style = NeedsQuotes(text) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    /// <summary>
    /// True for text a plain scalar would not keep as a string: empty, edged with spaces, holding control characters,
    /// a word YAML reads as null or a boolean, or starting like a number or date.
    /// </summary>
    private static bool NeedsQuotes(string text) =>
        text.Length == 0
        || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])
        || text.Any(char.IsControl)
        || Words.Contains(text)
        || char.IsAsciiDigit(text[0]) || text[0] is '+' or '-' or '.';
}

/// <summary>Source-generated metadata to turn nodes into elements.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(JsonNode))]
internal sealed partial class YamlJson : System.Text.Json.Serialization.JsonSerializerContext;
