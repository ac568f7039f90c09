using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ActorMq.LoadGen;

/// <summary>A received message: its id, lease token, and the node's <c>firstReceivedAt</c> when it wrote one.</summary>
internal readonly record struct Received(string Id, string Token, DateTimeOffset? FirstReceivedAt);

/// <summary>Request bodies (built before the clock starts) and the parts of the answers the scenarios check.</summary>
internal static class Json
{
    /// <summary><c>{"max":100,"waitSeconds":1}</c>.</summary>
    public static readonly byte[] Receive100Wait1 = "{\"max\":100,\"waitSeconds\":1}"u8.ToArray();

    /// <summary><c>{}</c>: a queue with default settings.</summary>
    public static readonly byte[] EmptyObject = "{}"u8.ToArray();

    /// <summary>
    /// A publish of messages <paramref name="first"/>..first+count-1: one message object when
    /// <paramref name="batch"/> is false (count must be 1), else <c>{"messages":[…]}</c>. Each body is
    /// <c>{"seq":n,"pad":"xxx…"}</c>; <paramref name="id"/> and <paramref name="deliverAt"/> add those fields when given.
    /// </summary>
    public static byte[] Publish(
        int first, int count, bool batch, string pad, Func<int, string>? id = null, Func<int, DateTimeOffset>? deliverAt = null)
    {
        var buffer = new ArrayBufferWriter<byte>(count * (pad.Length + 80) + 32);
        using (var w = new Utf8JsonWriter(buffer))
        {
            if (batch)
            {
                w.WriteStartObject();
                w.WriteStartArray("messages");
            }

            for (var seq = first; seq < first + count; seq++)
            {
                w.WriteStartObject();
                if (id is not null)
                {
                    w.WriteString("id", id(seq));
                }

                w.WriteStartObject("body");
                w.WriteNumber("seq", seq);
                w.WriteString("pad", pad);
                w.WriteEndObject();
                if (deliverAt is not null)
                {
                    w.WriteString("deliverAt", Timestamp(deliverAt(seq)));
                }

                w.WriteEndObject();
            }

            if (batch)
            {
                w.WriteEndArray();
                w.WriteEndObject();
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"leases":[{"id","token"},…]}</c>.</summary>
    public static byte[] Ack(IReadOnlyList<Received> messages)
    {
        var buffer = new ArrayBufferWriter<byte>(messages.Count * 96 + 16);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteStartArray("leases");
            foreach (var m in messages)
            {
                w.WriteStartObject();
                w.WriteString("id", m.Id);
                w.WriteString("token", m.Token);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 UTC with milliseconds, so what the node keeps is exactly what the client planned.</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The ids of a publish answer, in request order (one object, or a batch's <c>messages</c>).</summary>
    public static string[] PublishedIds(byte[] body, bool batch)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (!batch)
        {
            return [root.GetProperty("id").GetString()!];
        }

        var list = root.GetProperty("messages");
        var ids = new string[list.GetArrayLength()];
        var i = 0;
        foreach (var m in list.EnumerateArray())
        {
            ids[i++] = m.GetProperty("id").GetString()!;
        }

        return ids;
    }

    /// <summary>The messages of a receive answer: id, lease token and <c>firstReceivedAt</c>.</summary>
    public static List<Received> ReceivedMessages(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var list = document.RootElement.GetProperty("messages");
        var result = new List<Received>(list.GetArrayLength());
        foreach (var m in list.EnumerateArray())
        {
            DateTimeOffset? first = m.TryGetProperty("firstReceivedAt", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetDateTimeOffset()
                : null;
            result.Add(new Received(m.GetProperty("id").GetString()!, m.GetProperty("lease").GetProperty("token").GetString()!, first));
        }

        return result;
    }

    /// <summary>The ids an ack answer says were acked, and how many entries failed (with the first failure).</summary>
    public static (List<string> Acked, int Failed, string? FirstFailure) AckResults(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var acked = new List<string>();
        var failed = 0;
        string? firstFailure = null;
        foreach (var r in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (r.GetProperty("acked").GetBoolean())
            {
                acked.Add(r.GetProperty("id").GetString()!);
            }
            else
            {
                failed++;
                firstFailure ??= r.GetRawText();
            }
        }

        return (acked, failed, firstFailure);
    }

    /// <summary>The sum of a queue's live counts (ready + scheduled + delayed + inflight).</summary>
    public static long LiveCount(byte[] queueBody)
    {
        using var document = JsonDocument.Parse(queueBody);
        long sum = 0;
        foreach (var c in document.RootElement.GetProperty("counts").EnumerateObject())
        {
            sum += c.Value.GetInt64();
        }

        return sum;
    }
}
