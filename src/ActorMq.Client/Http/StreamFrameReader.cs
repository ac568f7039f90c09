using System.Text.Json;

namespace ActorMq.Client.Http;

/// <summary>
/// Reads a stream's frames (<see cref="WireStreamFrame"/>) in one pass over the frame's bytes. The serializer would parse
/// every message body into a document of its own to keep it as raw JSON, and box the values of its nested records; here a
/// body is sliced out of the frame as it is, and member names are compared without becoming strings. Deliveries and
/// publish answers are read member by member; the rarer ones (an ack's answer, a problem) go through the serializer.
/// Members the node may add later are skipped, as the serializer does.
/// </summary>
internal static class StreamFrameReader
{
    /// <summary>The longest member name this reader looks for, with room to spare.</summary>
    private const int MaxName = 32;

    /// <summary>Reads one frame.</summary>
    /// <exception cref="JsonException">The frame is not JSON, or a member has the wrong type.</exception>
    /// <exception cref="InvalidOperationException">A member has the wrong type (thrown by the reader's getters).</exception>
    public static WireStreamFrame Read(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame);
        Expect(ref reader, JsonTokenType.StartObject, "a stream frame");
        Span<char> name = stackalloc char[MaxName];
        long? reference = null;
        List<WireMessage>? messages = null;
        WireStreamPublished? published = null;
        WireAckResults? acked = null;
        JsonElement? problem = null;
        while (NextMember(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case "ref":
                    reference = reader.TokenType == JsonTokenType.Null ? null : reader.GetInt64();
                    break;
                case "messages":
                    messages = Messages(ref reader, frame, name);
                    break;
                case "published":
                    published = Published(ref reader, name);
                    break;
                case "acked":
                    acked = JsonSerializer.Deserialize(ref reader, WireJson.Default.WireAckResults);
                    break;
                case "problem":
                    problem = JsonElement.ParseValue(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WireStreamFrame { Ref = reference, Messages = messages, Published = published, Acked = acked, Problem = problem };
    }

    private static List<WireMessage>? Messages(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, scoped Span<char> name)
    {
        if (!NotNull(ref reader, JsonTokenType.StartArray, "'messages'"))
        {
            return null;
        }

        var messages = new List<WireMessage>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            messages.Add(Message(ref reader, frame, name));
        }

        return messages;
    }

    /// <summary>One message of a delivery, as <see cref="WireMessage"/> (the members a delivery carries).</summary>
    private static WireMessage Message(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame, scoped Span<char> name)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a message", read: false);
        string? id = null, contentType = null;
        RawJson? body = null;
        byte[]? bodyBase64 = null;
        int priority = 0, receiveCount = 0;
        Dictionary<string, string>? headers = null;
        DateTimeOffset publishedAt = default;
        DateTimeOffset? deliverAt = null, firstReceivedAt = null;
        WireLease? lease = null;
        while (NextMember(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case "id":
                    id = reader.GetString();
                    break;
                case "body":
                    body = reader.TokenType == JsonTokenType.Null ? null : new RawJson(RawValue(ref reader, frame));
                    break;
                case "bodyBase64":
                    bodyBase64 = reader.TokenType == JsonTokenType.Null ? null : reader.GetBytesFromBase64();
                    break;
                case "priority":
                    priority = reader.GetInt32();
                    break;
                case "headers":
                    headers = Headers(ref reader);
                    break;
                case "contentType":
                    contentType = reader.GetString();
                    break;
                case "publishedAt":
                    publishedAt = reader.GetDateTimeOffset();
                    break;
                case "deliverAt":
                    deliverAt = Timestamp(ref reader);
                    break;
                case "receiveCount":
                    receiveCount = reader.GetInt32();
                    break;
                case "firstReceivedAt":
                    firstReceivedAt = Timestamp(ref reader);
                    break;
                case "lease":
                    lease = Lease(ref reader, name);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WireMessage
        {
            Id = id,
            Body = body,
            BodyBase64 = bodyBase64,
            Priority = priority,
            Headers = headers,
            ContentType = contentType,
            PublishedAt = publishedAt,
            DeliverAt = deliverAt,
            ReceiveCount = receiveCount,
            FirstReceivedAt = firstReceivedAt,
            Lease = lease,
        };
    }

    /// <summary>The headers, or null when there are none (the message then shares one empty set).</summary>
    private static Dictionary<string, string>? Headers(ref Utf8JsonReader reader)
    {
        if (!NotNull(ref reader, JsonTokenType.StartObject, "'headers'"))
        {
            return null;
        }

        Dictionary<string, string>? headers = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            (headers ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] =
                (reader.Read() ? reader.GetString() : null) ?? throw new JsonException($"header '{name}' has no value");
        }

        return headers;
    }

    private static WireLease? Lease(ref Utf8JsonReader reader, scoped Span<char> name)
    {
        if (!NotNull(ref reader, JsonTokenType.StartObject, "'lease'"))
        {
            return null;
        }

        string? token = null;
        DateTimeOffset expiresAt = default;
        while (NextMember(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case "token":
                    token = reader.GetString();
                    break;
                case "expiresAt":
                    expiresAt = reader.GetDateTimeOffset();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WireLease { Token = token, ExpiresAt = expiresAt };
    }

    /// <summary>A publish's answer: its result, or a batch's in <c>messages</c>.</summary>
    private static WireStreamPublished? Published(ref Utf8JsonReader reader, scoped Span<char> name)
    {
        if (!NotNull(ref reader, JsonTokenType.StartObject, "'published'"))
        {
            return null;
        }

        string? id = null, state = null;
        DateTimeOffset? deliverAt = null;
        var duplicate = false;
        List<WireStreamPublished>? messages = null;
        while (NextMember(ref reader, name, out var length))
        {
            switch (name[..length])
            {
                case "id":
                    id = reader.GetString();
                    break;
                case "state":
                    state = reader.GetString();
                    break;
                case "deliverAt":
                    deliverAt = Timestamp(ref reader);
                    break;
                case "duplicate":
                    duplicate = reader.GetBoolean();
                    break;
                case "messages":
                    Expect(ref reader, JsonTokenType.StartArray, "'published.messages'", read: false);
                    messages = [];
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        messages.Add(Published(ref reader, name) ?? throw new JsonException("a null in 'published.messages'"));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new WireStreamPublished { Id = id, State = state, DeliverAt = deliverAt, Duplicate = duplicate, Messages = messages };
    }

    private static DateTimeOffset? Timestamp(ref Utf8JsonReader reader) =>
        reader.TokenType == JsonTokenType.Null ? null : reader.GetDateTimeOffset();

    /// <summary>The value at the reader, as the bytes it has in the frame; the reader is left on its last token.</summary>
    private static byte[] RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        var start = (int)reader.TokenStartIndex;
        reader.Skip();
        return frame[start..(int)reader.BytesConsumed].ToArray();
    }

    /// <summary>
    /// Moves to the next member of the object being read and onto its value; false at the object's end. Its name is
    /// copied into <paramref name="name"/>, its first <paramref name="length"/> chars (none when it is longer than any this
    /// reader knows), so that a frame's member names cost no strings.
    /// </summary>
    private static bool NextMember(ref Utf8JsonReader reader, scoped Span<char> name, out int length)
    {
        length = 0;
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            return false;
        }

        if (reader.ValueSpan.Length <= name.Length)
        {
            length = reader.CopyString(name);
        }

        return reader.Read() ? true : throw new JsonException("a member has no value");
    }

    /// <summary>
    /// False when the value at the reader is <c>null</c>; true when it starts a value of <paramref name="type"/> (an
    /// object or an array); throws otherwise.
    /// </summary>
    private static bool NotNull(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        Expect(ref reader, type, what, read: false);
        return true;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what, bool read = true)
    {
        if ((read && !reader.Read()) || reader.TokenType != type)
        {
            throw new JsonException($"{what} is not a JSON {(type == JsonTokenType.StartArray ? "array" : "object")}");
        }
    }
}
