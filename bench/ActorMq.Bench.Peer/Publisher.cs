using ActorMq.Client;

namespace ActorMq.Bench.Peer;

/// <summary>Publishes messages 0..n-1 in batches, a bounded number of batches in flight.</summary>
internal static class Publisher
{
    /// <summary>
    /// Publishes <paramref name="n"/> messages made by <paramref name="make"/> (from their sequence number, when their
    /// batch is about to go) in batches (<see cref="Publishing"/>: a stream's or the client's), <paramref name="batchSize"/> per
    /// batch, at most <paramref name="inFlight"/> batches unanswered. Returns the id the queue gave each message. Any
    /// failure — an exception, or an answer that is not one stored message per message — ends it.
    /// <paramref name="onBatchDone"/>, if given, is called with the first sequence number and size of each batch once
    /// it is answered.
    /// </summary>
    public static async Task<string[]> PublishAllAsync(
        BenchContext context, string queue, int n, Func<int, PublishMessage> make, int batchSize, int inFlight,
        CancellationToken cancellationToken, Action<int, int>? onBatchDone = null)
    {
        await using var publishing = await Publishing.OpenAsync(context, queue, cancellationToken);
        var ids = new string[n];
        var pending = new Queue<Task>(inFlight);
        for (var start = 0; start < n; start += batchSize)
        {
            if (pending.Count >= inFlight)
            {
                await pending.Dequeue();
            }

            var batch = new PublishMessage[Math.Min(batchSize, n - start)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = make(start + i);
            }

            pending.Enqueue(PublishBatchAsync(publishing, batch, start, ids, onBatchDone, cancellationToken));
        }

        while (pending.Count > 0)
        {
            await pending.Dequeue();
        }

        return ids;
    }

    private static async Task PublishBatchAsync(
        Publishing publishing, PublishMessage[] batch, int start, string[] ids, Action<int, int>? onDone, CancellationToken cancellationToken)
    {
        var results = await publishing.PublishBatchAsync(batch, cancellationToken);
        if (results.Count != batch.Length)
        {
            throw new InvalidOperationException($"a publish of {batch.Length} messages was answered with {results.Count} results");
        }

        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Duplicate)
            {
                throw new InvalidOperationException($"message {start + i} was taken for a duplicate ({results[i].Id})");
            }

            ids[start + i] = results[i].Id;
        }

        onDone?.Invoke(start, batch.Length);
    }
}
