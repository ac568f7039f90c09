using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace ActorMq.Cli.Input;

/// <summary>
/// The lines of a UTF-8 text file, each with its line break (<c>\n</c>, or <c>\r\n</c>, kept as they are), the last
/// without one when the file does not end with one. Joined, the lines are the file, byte for byte (a byte order mark
/// included). A line that is not UTF-8 is refused, naming it.
/// </summary>
internal static class LineReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">A line is not UTF-8, or the file cannot be read.</exception>
    public static async IAsyncEnumerable<string> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, useAsync: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--lines: cannot read '{path}': {e.Message}");
        }

        await using (file.ConfigureAwait(false))
        {
            // '\n' never occurs inside a multi-byte UTF-8 sequence, so lines are split as bytes, then decoded one by one.
            var buffer = new byte[1 << 16];
            var line = new ArrayBufferWriter<byte>(256);
            long number = 0;
            while (true)
            {
                int read;
                try
                {
                    read = await file.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    throw new UsageException($"--lines: cannot read '{path}': {e.Message}");
                }

                if (read == 0)
                {
                    break;
                }

                var start = 0;
                while (start < read)
                {
                    var end = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                    if (end < 0)
                    {
                        line.Write(buffer.AsSpan(start, read - start));
                        break;
                    }

                    line.Write(buffer.AsSpan(start, end + 1 - start));
                    start = end + 1;
                    yield return Decode(line, path, ++number);
                    line.ResetWrittenCount();
                }
            }

            if (line.WrittenCount > 0)
            {
                yield return Decode(line, path, ++number);
            }
        }
    }

    private static string Decode(ArrayBufferWriter<byte> line, string path, long number)
    {
        try
        {
            return StrictUtf8.GetString(line.WrittenSpan);
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException($"--lines: line {number} of '{path}' is not UTF-8 text; only UTF-8 text files can be published line by line.");
        }
    }
}
