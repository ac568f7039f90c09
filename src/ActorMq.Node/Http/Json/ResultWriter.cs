using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>Writes the small answers: publish results, ack results, counts, and a lease's new expiry.</summary>
internal static class ResultWriter
{
    /// <summary>
    /// One publish result, <c>{"id", "state", "deliverAt"?, "duplicate"}</c>, or a batch's
    /// <c>{"messages": [ … ]}</c> in request order.
    /// </summary>
    public static byte[] Published(IReadOnlyList<PublishResult> results, bool batch) =>
        JsonOutput.Render((results, batch), static (w, s) => WritePublished(w, s.results, s.batch));

    /// <summary>Writes <see cref="Published"/>'s JSON.</summary>
    public static void WritePublished(Utf8JsonWriter w, IReadOnlyList<PublishResult> results, bool batch)
    {
        if (batch)
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
        }

        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteString("state", MessageWriter.StateName(r.State));
            w.WriteTimestampIfAny("deliverAt", r.DeliverAt);
            w.WriteBoolean("duplicate", r.Duplicate);
            w.WriteEndObject();
        }

        if (batch)
        {
            w.WriteEndArray();
            w.WriteEndObject();
        }
    }

    /// <summary>
    /// <c>{"results": [{"id", "acked": true} | {"id", "acked": false, "status", "detail"}]}</c>, in request order;
    /// <c>status</c> is the HTTP status the entry alone would have answered (409 for a stale lease, 404 for a message
    /// that is gone).
    /// </summary>
    public static byte[] Acked(IReadOnlyList<AckResult> results) => JsonOutput.Render(results, WriteAcked);

    /// <summary>Writes <see cref="Acked"/>'s JSON.</summary>
    public static void WriteAcked(Utf8JsonWriter w, IReadOnlyList<AckResult> results)
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var r in results)
        {
            w.WriteStartObject();
            w.WriteString("id", r.Id);
            w.WriteBoolean("acked", r.Error is null);
            if (r.Error is { } error)
            {
                w.WriteNumber("status", Problems.StatusOf(error.Kind));
                w.WriteString("detail", error.Detail);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary><c>{"&lt;name&gt;": n}</c>: purge (<c>purged</c>), redrive (<c>moved</c>), sweep (<c>expired</c>).</summary>
    public static byte[] Count(string name, long count) =>
        JsonOutput.Render((name, count), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteNumber(s.name, s.count);
            w.WriteEndObject();
        });

    /// <summary><c>{"expiresAt"}</c>: the new expiry of an extended lease.</summary>
    public static byte[] Extended(DateTimeOffset expiresAt) =>
        JsonOutput.Render(expiresAt, static (w, at) =>
        {
            w.WriteStartObject();
            w.WriteTimestamp("expiresAt", at);
            w.WriteEndObject();
        });
}
