using System.Buffers.Text;
using ActorMq.Client;

namespace ActorMq.Bench.Peer;

/// <summary>
/// The message bodies: one JSON string of fixed layout, <see cref="Size"/> bytes of JSON text with its quotes (what a
/// queue's <c>maxMessageBytes</c> counts), carrying what the peer's binary bodies carry — sequence number, publish
/// timestamp (<see cref="System.Diagnostics.Stopwatch"/> ticks), priority and filler:
/// <c>"s0000000042 t0000012345678901234 p3 defghij…"</c>.
/// </summary>
internal static class BenchBody
{
    /// <summary>The size of the scenarios' bodies, as the peer's.</summary>
    public const int Size = 100;

    private const int SeqAt = 2;
    private const int SeqDigits = 10;
    private const int StampAt = 14;
    private const int StampDigits = 19;
    private const int PriorityAt = 35;
    private const int FillerAt = 37;

    /// <summary>A body of <paramref name="size"/> bytes (at least 40) for message <paramref name="seq"/>.</summary>
    public static MessageBody Create(long seq, int priority, long timestamp, int size = Size)
    {
        if (priority is < 0 or > 9 || seq < 0 || timestamp < 0 || size < FillerAt + 3)
        {
            throw new ArgumentOutOfRangeException(nameof(priority), "priority 0-9, seq and timestamp 0 or more, size 40 or more");
        }

        Span<byte> b = size <= 2048 ? stackalloc byte[size] : new byte[size];
        b[0] = (byte)'"';
        b[1] = (byte)'s';
        Digits(b.Slice(SeqAt, SeqDigits), seq);
        b[SeqAt + SeqDigits] = (byte)' ';
        b[StampAt - 1] = (byte)'t';
        Digits(b.Slice(StampAt, StampDigits), timestamp);
        b[StampAt + StampDigits] = (byte)' ';
        b[PriorityAt - 1] = (byte)'p';
        b[PriorityAt] = (byte)('0' + priority);
        b[PriorityAt + 1] = (byte)' ';
        for (var i = FillerAt; i < size - 1; i++)
        {
            b[i] = (byte)('a' + (i % 26));
        }

        b[size - 1] = (byte)'"';
        return MessageBody.Json(b);
    }

    /// <summary>Reads a body made by <see cref="Create"/>; false for anything else.</summary>
    public static bool TryRead(MessageBody body, out long seq, out int priority, out long timestamp)
    {
        var b = body.Bytes.Span;
        seq = timestamp = 0;
        priority = -1;
        if (b.Length < FillerAt + 3 || b[0] != '"' || b[1] != 's' || b[StampAt - 1] != 't' || b[PriorityAt - 1] != 'p')
        {
            return false;
        }

        priority = b[PriorityAt] - '0';
        return Utf8Parser.TryParse(b.Slice(SeqAt, SeqDigits), out seq, out var n1) && n1 == SeqDigits
            && Utf8Parser.TryParse(b.Slice(StampAt, StampDigits), out timestamp, out var n2) && n2 == StampDigits
            && priority is >= 0 and <= 9;
    }

    private static void Digits(Span<byte> into, long value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (byte)('0' + (value % 10));
            value /= 10;
        }

        if (value != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(value), $"does not fit in {into.Length} digits");
        }
    }
}
