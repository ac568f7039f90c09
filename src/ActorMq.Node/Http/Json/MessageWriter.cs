using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>Which view of a message a response shows.</summary>
internal enum MessageView
{
    /// <summary>Received: with its lease (token and expiry).</summary>
    Delivered,

    /// <summary>Popped: removed at once, so without a lease.</summary>
    Popped,

    /// <summary>
    /// Browsed, fetched or edited: adds <c>state</c>, <c>version</c>, and when they apply <c>delayedUntil</c> and the
    /// TTL's <c>expiresAt</c>; an in-flight message shows its lease's expiry but never its token, which belongs to the
    /// consumer holding it.
    /// </summary>
    Browsed,
}

/// <summary>
/// Writes messages: <c>{"id", "body" | "bodyBase64", "priority", "headers", "contentType"?, "publishedAt",
/// "deliverAt"?, "receiveCount", "firstReceivedAt"?, "lease"?}</c>, the body written back as the exact bytes it was
/// published with.
/// </summary>
internal static class MessageWriter
{
    /// <summary><c>{"messages": [ … ]}</c>: the answer of a receive or a pop.</summary>
    public static byte[] Delivered(IReadOnlyList<StoredMessage> messages, MessageView view) =>
        JsonOutput.Render((messages, view), static (w, s) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
            foreach (var m in s.messages)
            {
                Write(w, m, s.view);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary><c>{"messages": [ … ], "next"?}</c>: a browse page.</summary>
    public static byte[] Page(BrowsePage page) =>
        JsonOutput.Render(page, static (w, p) =>
        {
            w.WriteStartObject();
            w.WriteStartArray("messages");
            foreach (var m in p.Messages)
            {
                Write(w, m, MessageView.Browsed);
            }

            w.WriteEndArray();
            if (p.Next is not null)
            {
                w.WriteString("next", p.Next);
            }

            w.WriteEndObject();
        });

    /// <summary>One message in its browsed view: the answer of GET and PATCH on a message.</summary>
    public static byte[] One(StoredMessage message) =>
        JsonOutput.Render(message, static (w, m) => Write(w, m, MessageView.Browsed));

    /// <summary>The strong ETag of a message: its version, quoted (<c>"7"</c>).</summary>
    public static string ETag(StoredMessage message) => $"\"{message.Version}\"";

    /// <summary>The lowercase name of a state, as the API writes and reads it.</summary>
    public static string StateName(MessageState state) => state switch
    {
        MessageState.Ready => "ready",
        MessageState.Scheduled => "scheduled",
        MessageState.Delayed => "delayed",
        MessageState.Inflight => "inflight",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "unknown message state"),
    };

    /// <summary>Writes one message object.</summary>
    public static void Write(Utf8JsonWriter w, StoredMessage m, MessageView view)
    {
        var browsed = view == MessageView.Browsed;
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        if (browsed)
        {
            w.WriteString("state", StateName(m.State));
            w.WriteNumber("version", m.Version);
        }

        WriteBody(w, m.Body);
        w.WriteNumber("priority", m.Priority);
        w.WriteStartObject("headers");
        foreach (var (name, value) in m.Headers)
        {
            w.WriteString(name, value);
        }

        w.WriteEndObject();
        if (m.ContentType is not null)
        {
            w.WriteString("contentType", m.ContentType);
        }

        w.WriteTimestamp("publishedAt", m.PublishedAt);
        w.WriteTimestampIfAny("deliverAt", m.DeliverAt);
        if (browsed)
        {
            w.WriteTimestampIfAny("delayedUntil", m.State == MessageState.Delayed ? m.DelayedUntil : null);
            w.WriteTimestampIfAny("expiresAt", m.ExpiresAt);
        }

        w.WriteNumber("receiveCount", m.ReceiveCount);
        w.WriteTimestampIfAny("firstReceivedAt", m.FirstReceivedAt);
        if (view != MessageView.Popped && m.Lease is { } lease)
        {
            w.WriteStartObject("lease");
            if (!browsed)
            {
                w.WriteString("token", lease.Token);
            }

            w.WriteTimestamp("expiresAt", lease.ExpiresAt);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w, MessageBody body)
    {
        if (body.IsBinary)
        {
            w.WriteBase64String("bodyBase64", body.Bytes.Span);
            return;
        }

        // Written back exactly as it was published; it was checked to be one JSON value when it was read.
        w.WritePropertyName("body");
        w.WriteRawValue(body.Bytes.Span, skipInputValidation: true);
    }
}
