using System.Globalization;
using ActorMq.Client;

namespace ReaderWriter;

/// <summary>
/// Reads a file as lines and publishes them in order, in batches: each line with its own line ending (LF, CRLF, or
/// none at the very end) as a binary body, so that any bytes copy exactly; a line longer than a chunk goes as several
/// messages. Every message carries its sequence number; a last, empty message says how many came before it.
/// </summary>
internal sealed class LineProducer(IActorMqClient client, string queue, int batchSize)
{
    /// <summary>Header of every message: its place in the file, from 0.</summary>
    public const string SeqHeader = "seq";

    /// <summary>Header of the last message: how many line messages there are.</summary>
    public const string EndHeader = "end";

    /// <summary>Most bytes of one message (the queue allows more; this keeps batches small).</summary>
    public const int ChunkBytes = 64 * 1024;

    /// <summary>Publishes the file's lines, then the end message; returns how many line messages were sent.</summary>
    public async Task<long> RunAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var reader = new LineReader(file, ChunkBytes);
        var batch = new List<PublishMessage>(batchSize);
        long seq = 0;
        while (await reader.NextAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            batch.Add(Message(line, seq++));
            if (batch.Count == batchSize)
            {
                await client.PublishBatchAsync(queue, batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
            }
        }

        batch.Add(new PublishMessage(MessageBody.Binary([]))
        {
            Headers = new Dictionary<string, string> { [EndHeader] = seq.ToString(CultureInfo.InvariantCulture) },
        });
        await client.PublishBatchAsync(queue, batch, cancellationToken).ConfigureAwait(false);
        return seq;
    }

    private static PublishMessage Message(ReadOnlyMemory<byte> line, long seq) => new(MessageBody.Binary(line.Span))
    {
        // A client id: a publish retried after a lost answer stores the line once.
        Id = "line-" + seq.ToString(CultureInfo.InvariantCulture),
        ContentType = "text/plain",
        Headers = new Dictionary<string, string> { [SeqHeader] = seq.ToString(CultureInfo.InvariantCulture) },
    };
}
