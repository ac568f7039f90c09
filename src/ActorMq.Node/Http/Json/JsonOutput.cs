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

    /// <summary>The largest render buffer a thread keeps for the next render (a browse page can be far larger).</summary>
    private const int KeptBufferBytes = 64 * 1024;

    /// <summary>
    /// This thread's render buffer and writer, reused by the next render: a new 256-byte buffer per render grew to
    /// 4,352 bytes on its first string (the writer makes room for the worst case of escaping), ~2.3 KB allocated per
    /// message delivered. Null while a render on this thread uses it.
    /// </summary>
    [ThreadStatic]
    private static Renderer? _renderer;

    /// <summary>The UTF-8 JSON that <paramref name="write"/> writes.</summary>
    public static byte[] Render<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var renderer = _renderer ?? new Renderer();
        _renderer = null;
        try
        {
            renderer.Writer.Reset(renderer.Output);
            write(renderer.Writer, state);
            renderer.Writer.Flush();
            return renderer.Output.WrittenSpan.ToArray();
        }
        finally
        {
            renderer.Output.ResetWrittenCount();
            if (renderer.Output.Capacity <= KeptBufferBytes)
            {
                _renderer = renderer;
            }
        }
    }

    /// <summary>Writes an instant as an RFC 3339 UTC string with all seven fraction digits.</summary>
    public static void WriteTimestamp(this Utf8JsonWriter writer, string name, DateTimeOffset instant)
    {
        Span<byte> utf8 = stackalloc byte[Rfc3339.MaxLength];
        writer.WriteString(name, utf8[..Rfc3339.Format(instant, utf8)]);
    }

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

    /// <summary>A buffer and a writer over it, kept by a thread between renders.</summary>
    private sealed class Renderer
    {
        public ArrayBufferWriter<byte> Output { get; } = new(4096);

        public Utf8JsonWriter Writer { get; }

        public Renderer() => Writer = new Utf8JsonWriter(Output, Options);
    }
}
