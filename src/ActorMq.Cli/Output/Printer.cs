using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorMq.Cli.Output;

/// <summary>
/// Writes the results of a command to standard output in the chosen <see cref="OutputFormat"/>: every command prints
/// through here, so text tables, JSON and YAML look the same across commands. Nothing reaches the stream until
/// <see cref="Flush"/> (or the end of a list batch).
/// </summary>
internal sealed class Printer
{
    /// <summary>JSON as the CLI writes it: indented, non-ASCII characters as themselves.</summary>
    public static readonly JsonWriterOptions JsonOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _stream;
    private readonly TextWriter _text;

    /// <summary>A printer of <paramref name="format"/> onto <paramref name="stream"/>, through <paramref name="text"/> (a UTF-8 writer on it).</summary>
    public Printer(OutputFormat format, Stream stream, TextWriter text)
    {
        Format = format;
        _stream = stream;
        _text = text;
    }

    /// <summary>The format.</summary>
    public OutputFormat Format { get; }

    /// <summary>A result that text shows as one line: <paramref name="line"/>, or <paramref name="data"/> in JSON or YAML.</summary>
    public void Summary(string line, JsonObject data)
    {
        if (Format == OutputFormat.Text)
        {
            _text.Write(line);
            _text.Write('\n');
        }
        else
        {
            Document(data);
        }

        Flush();
    }

    /// <summary>One object: text shows it as aligned <c>key  value</c> lines (nested keys joined with dots).</summary>
    public void Fields(JsonObject data)
    {
        if (Format == OutputFormat.Text)
        {
            var pairs = new List<(string Key, string Value)>();
            Flatten("", data, pairs);
            var width = pairs.Count == 0 ? 0 : pairs.Max(p => p.Key.Length);
            foreach (var (key, value) in pairs)
            {
                _text.Write(key.PadRight(width + 2));
                _text.Write(value);
                _text.Write('\n');
            }
        }
        else
        {
            Document(data);
        }

        Flush();
    }

    /// <summary>
    /// Starts a list written in batches, so that a long one is printed as it arrives: text is a table, JSON
    /// <c>{"&lt;property&gt;": [ … ]}</c>, YAML <c>&lt;property&gt;:</c> with a sequence. End it with
    /// <see cref="ListWriter{T}.End"/>.
    /// </summary>
    public ListWriter<T> List<T>(string property, IReadOnlyList<Column<T>> columns, Func<T, JsonObject> data, string empty) =>
        new(this, property, columns, data, empty);

    /// <summary>Text as it is, adding nothing (<c>consume --text</c>).</summary>
    public void Raw(string text) => _text.Write(text);

    /// <summary>Bytes as they are, adding nothing (a binary body with <c>consume --text</c>).</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        _text.Flush();
        _stream.Write(bytes);
    }

    /// <summary>Writes everything so far to the stream.</summary>
    public void Flush()
    {
        _text.Flush();
        _stream.Flush();
    }

    /// <summary>Text written through the printer's UTF-8 writer.</summary>
    internal TextWriter Text => _text;

    /// <summary>UTF-8 bytes straight to the stream, after what the text writer holds.</summary>
    internal void Utf8(ReadOnlySpan<byte> bytes)
    {
        _text.Flush();
        _stream.Write(bytes);
    }

    /// <summary>A table cell: control characters (a line break inside a JSON body, say) shown as spaces.</summary>
    internal static string Cell(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return builder.ToString();
    }

    private void Document(JsonObject data)
    {
        if (Format == OutputFormat.Json)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
            {
                data.WriteTo(writer);
            }

            Utf8(buffer.WrittenSpan);
            _text.Write('\n');
        }
        else
        {
            YamlText.WriteDocument(_text, data);
        }
    }

    private static void Flatten(string prefix, JsonNode? node, List<(string, string)> pairs)
    {
        if (node is JsonObject obj && prefix != "body")
        {
            foreach (var (key, value) in obj)
            {
                Flatten(prefix.Length == 0 ? key : $"{prefix}.{key}", value, pairs);
            }

            if (obj.Count == 0 && prefix.Length > 0)
            {
                pairs.Add((prefix, "-"));
            }

            return;
        }

        // A body is shown as JSON, so that the string "42" and the number 42 differ.
        pairs.Add((prefix, Cell(prefix == "body" ? node?.ToJsonString(CompactJson) ?? "null" : Scalar(node))));
    }

    /// <summary>A value as text shows it: strings as they are, anything else as JSON.</summary>
    internal static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(CompactJson),
    };
}
