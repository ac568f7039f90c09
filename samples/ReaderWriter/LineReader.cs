namespace ReaderWriter;

/// <summary>
/// Splits a stream into lines that keep their terminator (<c>\n</c>, so <c>\r\n</c> too), the last one possibly without;
/// a line longer than <paramref name="maxBytes"/> comes in pieces of at most that size. Concatenated, the pieces are
/// the stream, byte for byte.
/// </summary>
internal sealed class LineReader(Stream stream, int maxBytes)
{
    private readonly byte[] _buffer = new byte[Math.Max(maxBytes, 1 << 16)];
    private int _start;
    private int _end;
    private bool _eof;

    /// <summary>The next line (or piece), or null at the end of the stream.</summary>
    public async Task<ReadOnlyMemory<byte>?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available[..Math.Min(available.Length, maxBytes)].IndexOf((byte)'\n');
            if (newline >= 0)
            {
                return Take(newline + 1);
            }

            if (available.Length >= maxBytes || (_eof && available.Length > 0))
            {
                return Take(Math.Min(available.Length, maxBytes));
            }

            if (_eof)
            {
                return null;
            }

            if (_start > 0)
            {
                available.CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            _eof = read == 0;
            _end += read;
        }
    }

    private ReadOnlyMemory<byte> Take(int count)
    {
        var line = _buffer.AsMemory(_start, count).ToArray();
        _start += count;
        return line;
    }
}
