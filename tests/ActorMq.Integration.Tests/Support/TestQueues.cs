using ActorMq.Client;

namespace ActorMq.Integration.Tests.Support;

/// <summary>The queues of one test, created with the settings the guarantee tests use.</summary>
public static class TestQueues
{
    /// <summary>
    /// Leases of 5 s (a dropped or lost lease comes back quickly), unlimited receives (nothing is dead-lettered), and a
    /// dedup window of 10 min (longer than any test, so a publish sent again is stored once).
    /// </summary>
    public static readonly QueueSettings Settings = new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(5),
        MaxReceives = 0,
        DedupWindow = TimeSpan.FromMinutes(10),
    };

    /// <summary>
    /// Creates <paramref name="count"/> queues <c>&lt;prefix&gt;-1</c>… through <paramref name="client"/>, all at once,
    /// sending a creation again while it is unavailable (a new shard may take a moment to get a home), for at most 60 s.
    /// </summary>
    public static async Task<IReadOnlyList<string>> CreateAsync(IActorMqClient client, string prefix, int count)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        var names = Enumerable.Range(1, count).Select(i => $"{prefix}-{i}").ToArray();
        await Task.WhenAll(names.Select(async name =>
        {
            while (true)
            {
                try
                {
                    await client.CreateOrUpdateQueueAsync(name, Settings);
                    return;
                }
                catch (UnavailableException) when (DateTimeOffset.UtcNow < deadline)
                {
                    await Task.Delay(200);
                }
            }
        }));
        return names;
    }
}
