using System.Runtime.CompilerServices;
using System.Text;

namespace ActorMq.Cli.Input;

/// <summary>
/// The lines of a UTF-8 text file, each with its line break (<c>\n</c>, or <c>\r\n</c>, kept as they are), the last
/// without one when the file does not end with one. Joined, the lines are the file, byte for byte (a byte order mark
/// included). Bytes that are not UTF-8 are refused.
/// </summary>
internal static class LineReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of <paramref name="path"/>.</summary>
    /// <exception cref="UsageException">The file is not UTF-8 text, or cannot be read.</exception>
    public static async IAsyncEnumerable<string> ReadAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, StrictUtf8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--lines: cannot read '{path}': {e.Message}");
        }

        using (reader)
        {
            var buffer = new char[1 << 16];
            var line = new StringBuilder();
            long number = 1;
            while (true)
            {
                int read;
                try
                {
                    read = await reader.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
                }
                catch (DecoderFallbackException)
                {
                    throw new UsageException($"--lines: '{path}' is not UTF-8 text (near line {number}); only text files can be published line by line.");
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
                for (var i = 0; i < read; i++)
                {
                    if (buffer[i] != '\n')
                    {
                        continue;
                    }

                    line.Append(buffer, start, i + 1 - start);
                    start = i + 1;
                    yield return line.ToString();
                    line.Clear();
                    number++;
                }

                line.Append(buffer, start, read - start);
            }

            if (line.Length > 0)
            {
                yield return line.ToString();
            }
        }
    }
}
