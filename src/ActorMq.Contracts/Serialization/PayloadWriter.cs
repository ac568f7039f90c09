using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// Writes the primitives of the wire format into a growable buffer rented from <see cref="ArrayPool{T}.Shared"/>:
/// zigzag varints for signed integers, unsigned varints for counts and lengths, 8-byte little-endian UTC ticks for
/// instants, UTF-8 length-prefixed strings, and a presence byte before every nullable value. Dispose to return the
/// buffer; <see cref="ToArray"/> copies out exactly the bytes written.
/// </summary>
internal sealed class PayloadWriter : IDisposable
{
    private const int InitialCapacity = 256;

    // A string of at most this many UTF-16 chars encodes to at most 126 UTF-8 bytes (GetMaxByteCount), so its
    // length prefix is one byte and it can be encoded in one pass without counting first.
    private const int ShortStringChars = 41;

    private byte[] _buffer;
    private int _position;

    public PayloadWriter(int capacity = InitialCapacity) =>
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, InitialCapacity));

    /// <summary>Bytes written so far.</summary>
    public int Length => _position;

    public byte[] ToArray() => _buffer.AsSpan(0, _position).ToArray();

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _position);

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear() => _position = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        _buffer[_position++] = value;
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    /// <summary>The presence byte of a nullable value; returns <paramref name="present"/> for chaining.</summary>
    public bool WritePresence(bool present)
    {
        WriteByte(present ? (byte)1 : (byte)0);
        return present;
    }

    public void WriteVarUInt64(ulong value)
    {
        Ensure(10);
        var buffer = _buffer;
        var position = _position;
        while (value >= 0x80)
        {
            buffer[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        buffer[position++] = (byte)value;
        _position = position;
    }

    /// <summary>A count or length: never negative.</summary>
    public void WriteCount(int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a count cannot be negative");
        }

        WriteVarUInt64((uint)count);
    }

    public void WriteInt32(int value) => WriteVarUInt64((uint)((value << 1) ^ (value >> 31)));

    public void WriteInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    public void WriteNullableInt32(int? value)
    {
        if (WritePresence(value.HasValue))
        {
            WriteInt32(value!.Value);
        }
    }

    public void WriteNullableInt64(long? value)
    {
        if (WritePresence(value.HasValue))
        {
            WriteInt64(value!.Value);
        }
    }

    /// <summary>An instant as its UTC ticks, fixed 8 bytes (its offset is not kept: instants compare equal).</summary>
    public void WriteDateTimeOffset(DateTimeOffset value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_position), value.UtcTicks);
        _position += 8;
    }

    public void WriteNullableDateTimeOffset(DateTimeOffset? value)
    {
        if (WritePresence(value.HasValue))
        {
            WriteDateTimeOffset(value!.Value);
        }
    }

    /// <summary>A duration as its ticks, zigzag varint (negative durations round-trip too).</summary>
    public void WriteTimeSpan(TimeSpan value) => WriteInt64(value.Ticks);

    public void WriteNullableTimeSpan(TimeSpan? value)
    {
        if (WritePresence(value.HasValue))
        {
            WriteTimeSpan(value!.Value);
        }
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length <= ShortStringChars)
        {
            Ensure(1 + Encoding.UTF8.GetMaxByteCount(value.Length));
            var written = Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position + 1));
            _buffer[_position] = (byte)written;
            _position += 1 + written;
            return;
        }

        var count = Encoding.UTF8.GetByteCount(value);
        WriteCount(count);
        Ensure(count);
        _position += Encoding.UTF8.GetBytes(value, _buffer.AsSpan(_position));
    }

    public void WriteNullableString(string? value)
    {
        if (WritePresence(value is not null))
        {
            WriteString(value!);
        }
    }

    /// <summary>Length-prefixed raw bytes.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCount(bytes.Length);
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_position));
        _position += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_buffer.Length - _position >= more)
        {
            return;
        }

        Grow(more);
    }

    private void Grow(int more)
    {
        var needed = (long)_position + more;
        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException($"a payload cannot exceed {Array.MaxLength} bytes");
        }

        var size = (int)Math.Min(Array.MaxLength, Math.Max(needed, (long)_buffer.Length * 2));
        var bigger = ArrayPool<byte>.Shared.Rent(size);
        _buffer.AsSpan(0, _position).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
