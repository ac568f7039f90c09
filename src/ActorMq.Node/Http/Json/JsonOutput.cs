using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ActorMq.Node.Http.Json;

/// <summary>How responses are written: compact UTF-8 JSON, timestamps in RFC 3339 UTC, durations in seconds.</summary>
internal static class JsonOutput
{
    // Responses are served as application/json, never embedded in HTML, so '<', '&' and non-ASCII text are written
    // as they are; quotes, backslashes and control characters are still escaped.
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false,
    };

    /// <summary>The UTF-8 JSON that <paramref name="write"/> writes.</summary>
    public static byte[] Render<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes an instant as an RFC 3339 UTC string with all seven fraction digits.</summary>
    public static void WriteTimestamp(this Utf8JsonWriter writer, string name, DateTimeOffset instant) =>
        writer.WriteString(name, Rfc3339.Format(instant));

    /// <summary>Writes an instant when there is one; nothing otherwise.</summary>
    public static void WriteTimestampIfAny(this Utf8JsonWriter writer, string name, DateTimeOffset? instant)
    {
        if (instant is { } value)
        {
            writer.WriteTimestamp(name, value);
        }
    }

    /// <summary>Writes a duration as seconds, exact to the tick (<c>30</c>, <c>0.5</c>, <c>0.0000001</c>).</summary>
    public static void WriteSeconds(this Utf8JsonWriter writer, string name, TimeSpan duration) =>
        writer.WriteNumber(name, Seconds(duration));

    /// <summary>Writes a duration as seconds, or <c>null</c> when there is none.</summary>
    public static void WriteSecondsOrNull(this Utf8JsonWriter writer, string name, TimeSpan? duration)
    {
        if (duration is { } value)
        {
            writer.WriteSeconds(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>A duration in seconds as a decimal, so it is written without binary rounding noise.</summary>
    public static decimal Seconds(TimeSpan duration) => decimal.Divide(duration.Ticks, TimeSpan.TicksPerSecond);
}
