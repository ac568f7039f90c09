using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ActorMq.Client;

/// <summary>
/// The body of a message: either one JSON value, kept as its exact UTF-8 text (sent as <c>body</c>, returned
/// byte for byte as published), or binary (sent as <c>bodyBase64</c>, returned as the same bytes). Immutable, with
/// value equality.
/// </summary>
/// <remarks>
/// Text goes as a JSON string (<see cref="Text"/>) and comes back from <see cref="AsText"/> character for
/// character, every <c>\n</c> included. Use <see cref="Binary"/> for bytes that are not text.
/// </remarks>
public sealed class MessageBody : IEquatable<MessageBody>
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly byte[] _bytes;

    private MessageBody(byte[] bytes, bool isBinary)
    {
        _bytes = bytes;
        IsBinary = isBinary;
    }

    /// <summary>True for a binary body (<c>bodyBase64</c> on the wire); false for a JSON body.</summary>
    public bool IsBinary { get; }

    /// <summary>True for a JSON body (<c>body</c> on the wire); false for a binary one.</summary>
    public bool IsJson => !IsBinary;

    /// <summary>The bytes: the UTF-8 JSON text of a JSON body, or the bytes of a binary one.</summary>
    public ReadOnlyMemory<byte> Bytes => _bytes;

    /// <summary>The length of <see cref="Bytes"/>: what a queue's <c>maxMessageBytes</c> bounds.</summary>
    public int Length => _bytes.Length;

    /// <summary>
    /// A JSON body from its text, kept exactly as given (whitespace around the value is dropped, as the server
    /// drops it).
    /// </summary>
    /// <param name="json">One JSON value, such as <c>{"orderId": 42}</c>, <c>"text"</c>, <c>1.50</c> or <c>null</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not exactly one JSON value.</exception>
    public static MessageBody Json(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Json(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>A JSON body from its UTF-8 text; the bytes are copied.</summary>
    /// <param name="utf8Json">One JSON value as UTF-8.</param>
    /// <exception cref="ArgumentException"><paramref name="utf8Json"/> is not exactly one JSON value.</exception>
    public static MessageBody Json(ReadOnlySpan<byte> utf8Json)
    {
        var trimmed = Trim(utf8Json);
        Validate(trimmed);
        return new MessageBody(trimmed.ToArray(), isBinary: false);
    }

    /// <summary>A JSON body holding <paramref name="element"/>, as its raw text.</summary>
    /// <param name="element">Any JSON value.</param>
    public static MessageBody Json(JsonElement element) => Json(element.GetRawText());

    /// <summary>A JSON body holding <paramref name="value"/> serialized with source-generated metadata.</summary>
    /// <param name="value">The value to serialize.</param>
    /// <param name="typeInfo">Its metadata, such as <c>MyJsonContext.Default.Order</c>.</param>
    /// <typeparam name="T">The type of the value.</typeparam>
    public static MessageBody Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new MessageBody(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), isBinary: false);
    }

    /// <summary>A JSON body holding <paramref name="value"/> serialized with <paramref name="options"/>.</summary>
    /// <param name="value">The value to serialize.</param>
    /// <param name="options">Serializer options; null for <see cref="JsonSerializerOptions.Web"/> (camelCase).</param>
    /// <typeparam name="T">The type of the value.</typeparam>
    public static MessageBody Serialize<T>(T value, JsonSerializerOptions? options = null) =>
        new(JsonSerializer.SerializeToUtf8Bytes(value, options ?? JsonSerializerOptions.Web), isBinary: false);

    /// <summary>
    /// A JSON body holding <paramref name="text"/> as a JSON string: <see cref="AsText"/> returns it unchanged.
    /// </summary>
    /// <param name="text">Any text.</param>
    public static MessageBody Text(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = new ArrayBufferWriter<byte>(text.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(text);
        }

        return new MessageBody(buffer.WrittenSpan.ToArray(), isBinary: false);
    }

    /// <summary>A binary body; the bytes are copied.</summary>
    /// <param name="bytes">Any bytes, none included.</param>
    public static MessageBody Binary(ReadOnlySpan<byte> bytes) => new(bytes.ToArray(), isBinary: true);

    /// <summary>
    /// The text of a JSON body that is a JSON string, exactly as it was given to <see cref="Text"/> (or as the
    /// string's escapes spell it).
    /// </summary>
    /// <exception cref="InvalidOperationException">The body is binary, or JSON that is not a string.</exception>
    public string AsText()
    {
        if (IsBinary)
        {
            throw new InvalidOperationException($"the body is binary ({_bytes.Length} bytes), not text; read it with Bytes");
        }

        var reader = new Utf8JsonReader(_bytes);
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new InvalidOperationException($"the body is the JSON {Describe(reader.TokenType)}, not a string; read it with AsJson() or Deserialize<T>()");
    }

    /// <summary>The JSON text of a JSON body, exactly as published.</summary>
    /// <exception cref="InvalidOperationException">The body is binary.</exception>
    public string AsJson() => IsBinary
        ? throw new InvalidOperationException($"the body is binary ({_bytes.Length} bytes), not JSON; read it with Bytes")
        : Encoding.UTF8.GetString(_bytes);

    /// <summary>The JSON body as a <see cref="JsonElement"/>.</summary>
    /// <exception cref="InvalidOperationException">The body is binary.</exception>
    public JsonElement AsJsonElement()
    {
        if (IsBinary)
        {
            throw new InvalidOperationException($"the body is binary ({_bytes.Length} bytes), not JSON; read it with Bytes");
        }

        using var document = JsonDocument.Parse(_bytes);
        return document.RootElement.Clone();
    }

    /// <summary>The JSON body deserialized with source-generated metadata.</summary>
    /// <param name="typeInfo">The metadata of <typeparamref name="T"/>.</param>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <exception cref="InvalidOperationException">The body is binary.</exception>
    public T? Deserialize<T>(JsonTypeInfo<T> typeInfo) => IsBinary
        ? throw new InvalidOperationException($"the body is binary ({_bytes.Length} bytes), not JSON; read it with Bytes")
        : JsonSerializer.Deserialize(_bytes, typeInfo);

    /// <summary>The JSON body deserialized with <paramref name="options"/>.</summary>
    /// <param name="options">Serializer options; null for <see cref="JsonSerializerOptions.Web"/> (camelCase).</param>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <exception cref="InvalidOperationException">The body is binary.</exception>
    public T? Deserialize<T>(JsonSerializerOptions? options = null) => IsBinary
        ? throw new InvalidOperationException($"the body is binary ({_bytes.Length} bytes), not JSON; read it with Bytes")
        : JsonSerializer.Deserialize<T>(_bytes, options ?? JsonSerializerOptions.Web);

    /// <summary>The JSON text, or <c>binary, N bytes</c>.</summary>
    public override string ToString() => IsBinary ? $"binary, {_bytes.Length} bytes" : Encoding.UTF8.GetString(_bytes);

    /// <summary>True when both are JSON or both binary, with the same bytes.</summary>
    public bool Equals(MessageBody? other) =>
        other is not null && IsBinary == other.IsBinary && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessageBody);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(IsBinary);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>A body read from the wire: JSON text the server sent (already one value) or decoded binary.</summary>
    internal static MessageBody FromWire(byte[] bytes, bool isBinary) => new(bytes, isBinary);

    private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> json)
    {
        static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';
        var start = 0;
        var end = json.Length;
        while (start < end && IsSpace(json[start]))
        {
            start++;
        }

        while (end > start && IsSpace(json[end - 1]))
        {
            end--;
        }

        return json[start..end];
    }

    private static void Validate(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
            if (!reader.Read())
            {
                throw new ArgumentException("a JSON body must be one JSON value, such as {\"orderId\": 42}; got nothing", nameof(json));
            }

            reader.Skip();
            if (reader.Read())
            {
                throw new ArgumentException("a JSON body must be exactly one JSON value, such as {\"orderId\": 42}", nameof(json));
            }
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"a JSON body must be one valid JSON value: {e.Message}", nameof(json), e);
        }
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "value",
    };
}
