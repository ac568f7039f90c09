using System.Globalization;
using ActorMq.Client;

namespace ReaderWriter;

/// <summary>
/// Receives the lines and writes them in their order until the end message has come and every line before it is
/// written; acks each batch once it is written. A line delivered twice (a lease that ran out) is written once; one
/// that arrives early waits for those before it.
/// </summary>
internal sealed class LineConsumer(IActorMqClient client, string queue, int batchSize)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>Writes the copy; returns how many line messages were written.</summary>
    public async Task<long> RunAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var early = new SortedDictionary<long, byte[]>();
        long next = 0;
        long? end = null;
        while (end is null || next < end)
        {
            var received = await client.ReceiveAsync(queue, batchSize, Lease, Wait, cancellationToken).ConfigureAwait(false);
            foreach (var message in received)
            {
                if (message.Headers.TryGetValue(LineProducer.EndHeader, out var count))
                {
                    end = long.Parse(count, CultureInfo.InvariantCulture);
                }
                else
                {
                    var seq = long.Parse(message.Headers[LineProducer.SeqHeader], CultureInfo.InvariantCulture);
                    if (seq >= next)
                    {
                        early[seq] = message.Body.Bytes.ToArray();
                    }
                }
            }

            while (early.Remove(next, out var line))
            {
                await file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                next++;
            }

            if (received.Count > 0)
            {
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                await client.AckBatchAsync(queue, received.Select(LeaseReference.Of).ToArray(), cancellationToken).ConfigureAwait(false);
            }
        }

        return next;
    }
}
