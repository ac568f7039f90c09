using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// Reads what <see cref="PayloadWriter"/> wrote, from a span. Every read checks its bounds and every tag, presence
/// byte and count is validated, so a truncated or corrupt payload fails with a <see cref="SerializationException"/>
/// naming what was being read, never with an index error or a huge allocation.
/// </summary>
internal ref struct PayloadReader
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly byte[]? _array;
    private readonly int _arrayOffset;
    private int _position;

    /// <summary>A reader of a payload in the current format.</summary>
    public PayloadReader(ReadOnlySpan<byte> bytes)
        : this(bytes, ActorMqSerializer.FormatVersion)
    {
    }

    /// <summary>A reader of a payload written in format <paramref name="version"/>.</summary>
    public PayloadReader(ReadOnlySpan<byte> bytes, byte version)
    {
        _bytes = bytes;
        _position = 0;
        Version = version;
    }

    /// <summary>
    /// A reader of <paramref name="array"/> from <paramref name="offset"/> on, written in format
    /// <paramref name="version"/>; it can hand out slices as memory (<see cref="ReadBytesAsMemory"/>).
    /// </summary>
    public PayloadReader(byte[] array, int offset, byte version)
        : this(array.AsSpan(offset), version)
    {
        _array = array;
        _arrayOffset = offset;
    }

    /// <summary>The format version the payload was written in: fields added later are read only from later versions.</summary>
    public byte Version { get; }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _bytes.Length - _position;

    public byte ReadByte()
    {
        if (_position >= _bytes.Length)
        {
            throw Truncated(1);
        }

        return _bytes[_position++];
    }

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Corrupt($"a boolean byte is {b}; expected 0 or 1"),
    };

    /// <summary>The presence byte of a nullable value.</summary>
    public bool ReadPresence() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var b => throw Corrupt($"a presence byte is {b}; expected 0 (absent) or 1 (present)"),
    };

    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                if (shift == 63 && b > 1)
                {
                    break;
                }

                return result;
            }
        }

        throw Corrupt("a varint is longer than 64 bits");
    }

    /// <summary>
    /// A count of elements or bytes. It cannot exceed the bytes left (every element takes at least one), which bounds
    /// what a corrupt payload can make the reader allocate.
    /// </summary>
    public int ReadCount()
    {
        var count = ReadVarUInt64();
        if (count > (ulong)Remaining)
        {
            throw Corrupt($"a count of {count} exceeds the {Remaining} bytes left");
        }

        return (int)count;
    }

    public int ReadInt32()
    {
        var raw = ReadVarUInt64();
        if (raw > uint.MaxValue)
        {
            throw Corrupt($"a 32-bit integer has the out-of-range varint {raw}");
        }

        var value = (uint)raw;
        return (int)(value >> 1) ^ -(int)(value & 1);
    }

    public long ReadInt64()
    {
        var value = ReadVarUInt64();
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    public int? ReadNullableInt32() => ReadPresence() ? ReadInt32() : null;

    public long? ReadNullableInt64() => ReadPresence() ? ReadInt64() : null;

    public DateTimeOffset ReadDateTimeOffset()
    {
        if (Remaining < 8)
        {
            throw Truncated(8);
        }

        var ticks = BinaryPrimitives.ReadInt64LittleEndian(_bytes.Slice(_position, 8));
        _position += 8;
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw Corrupt($"an instant has {ticks} UTC ticks, outside the range of DateTimeOffset");
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }

    public DateTimeOffset? ReadNullableDateTimeOffset() => ReadPresence() ? ReadDateTimeOffset() : null;

    public TimeSpan ReadTimeSpan() => TimeSpan.FromTicks(ReadInt64());

    public TimeSpan? ReadNullableTimeSpan() => ReadPresence() ? ReadTimeSpan() : null;

    public string ReadString()
    {
        var length = ReadCount();
        if (length == 0)
        {
            return string.Empty;
        }

        var value = Encoding.UTF8.GetString(_bytes.Slice(_position, length));
        _position += length;
        return value;
    }

    public string? ReadNullableString() => ReadPresence() ? ReadString() : null;

    /// <summary>Length-prefixed raw bytes, as a slice of the payload (copy them to keep them).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadCount();
        var bytes = _bytes.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>
    /// Length-prefixed raw bytes, as a slice of the payload's array that may outlive this reader (to be read by another
    /// thread); only for a reader made from an array.
    /// </summary>
    public ReadOnlyMemory<byte> ReadBytesAsMemory()
    {
        if (_array is null)
        {
            throw new InvalidOperationException("This payload reader reads a span, not an array: it cannot hand out memory.");
        }

        var length = ReadBytes().Length;
        return new ReadOnlyMemory<byte>(_array, _arrayOffset + _position - length, length);
    }

    /// <summary>Fails unless every byte was read: a payload longer than its type's format is corrupt.</summary>
    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw Corrupt($"{Remaining} bytes are left after the last field");
        }
    }

    public readonly SerializationException Corrupt(string why) =>
        new($"ActorMq payload is corrupt at byte {_position} of {_bytes.Length}: {why}.");

    private readonly SerializationException Truncated(int wanted) =>
        new($"ActorMq payload is truncated: {wanted} more bytes needed at byte {_position} of {_bytes.Length}.");
}
