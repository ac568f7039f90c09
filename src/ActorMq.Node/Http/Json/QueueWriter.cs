using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// Writes queues: <c>{"name", "settings": {…}, "counts": {"ready", "scheduled", "delayed", "inflight"}, "totals":
/// {"published", "delivered", "acked", "deadLettered", "expired"}}</c>. Settings are written flat with every member,
/// <c>null</c> for "none", so that they can be sent back to <c>PUT</c> as they are.
/// </summary>
internal static class QueueWriter
{
    /// <summary>One queue: the answer of GET and PUT on a queue.</summary>
    public static byte[] One(QueueInfo queue) => JsonOutput.Render(queue, Write);

    /// <summary><c>{"queues": [ … ]}</c>.</summary>
    public static byte[] List(IReadOnlyList<QueueInfo> queues) =>
        JsonOutput.Render(queues, static (w, list) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("queues");
            foreach (var queue in list)
            {
                Write(w, queue);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>Writes one queue object.</summary>
    public static void Write(Utf8JsonWriter w, QueueInfo queue)
    {
        w.WriteStartObject();
        w.WriteString("name", queue.Name);
        w.WritePropertyName("settings");
        WriteSettings(w, queue.Name, queue.Settings);

        var counts = queue.Counts;
        w.WriteStartObject("counts");
        w.WriteNumber("ready", counts.Ready);
        w.WriteNumber("scheduled", counts.Scheduled);
        w.WriteNumber("delayed", counts.Delayed);
        w.WriteNumber("inflight", counts.Inflight);
        w.WriteEndObject();

        var totals = queue.Totals;
        w.WriteStartObject("totals");
        w.WriteNumber("published", totals.Published);
        w.WriteNumber("delivered", totals.Delivered);
        w.WriteNumber("acked", totals.Acked);
        w.WriteNumber("deadLettered", totals.DeadLettered);
        w.WriteNumber("expired", totals.Expired);
        w.WriteEndObject();

        w.WriteEndObject();
    }

    /// <summary>
    /// Writes the flat settings object of queue <paramref name="queue"/>; <c>deadLetterQueue</c> is the one in effect
    /// (<c>&lt;queue&gt;.dlq</c> by default, <c>null</c> for a queue that is itself a dead-letter queue).
    /// </summary>
    public static void WriteSettings(Utf8JsonWriter w, string queue, QueueSettings s)
    {
        w.WriteStartObject();
        w.WriteSeconds("visibilityTimeoutSeconds", s.VisibilityTimeout);
        w.WriteNumber("maxReceives", s.MaxReceives);
        if (s.EffectiveDeadLetterQueue(queue) is { } deadLetterQueue)
        {
            w.WriteString("deadLetterQueue", deadLetterQueue);
        }
        else
        {
            w.WriteNull("deadLetterQueue");
        }

        w.WriteSeconds("retryDelaySeconds", s.RetryDelay);
        w.WriteSecondsOrNull("messageTtlSeconds", s.MessageTtl);
        w.WriteBoolean("deadLetterExpired", s.DeadLetterExpired);
        w.WriteNumber("defaultPriority", s.DefaultPriority);
        w.WriteSeconds("dedupWindowSeconds", s.DedupWindow);
        w.WriteNumber("maxMessageBytes", s.MaxMessageBytes);
        if (s.MaxDepth is { } maxDepth)
        {
            w.WriteNumber("maxDepth", maxDepth);
        }
        else
        {
            w.WriteNull("maxDepth");
        }

        w.WriteEndObject();
    }
}
