using ActorMq.Client;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>What the queues hold, read through whichever gateway answers (outside the history).</summary>
public static class QueueContents
{
    private static readonly MessageState[] States = [MessageState.Ready, MessageState.Scheduled, MessageState.Delayed, MessageState.Inflight];

    /// <summary>The counts of <paramref name="queue"/>, or null when no gateway answered.</summary>
    public static async Task<QueueCounts?> CountsAsync(GatewayClients gateways, string queue)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        for (var slot = 0; slot < gateways.Count; slot++)
        {
            try
            {
                return (await gateways.Client(slot).GetQueueAsync(queue)).Counts;
            }
            catch (ActorMqException)
            {
                // Try the next gateway.
            }
        }

        return null;
    }

    /// <summary>Every live message of <paramref name="queues"/>, in every state; throws when a queue cannot be read.</summary>
    public static async Task<IReadOnlyCollection<MessageKey>> ReadAsync(GatewayClients gateways, IReadOnlyList<string> queues)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        ArgumentNullException.ThrowIfNull(queues);
        var keys = new HashSet<MessageKey>();
        foreach (var queue in queues)
        {
            foreach (var state in States)
            {
                string? after = null;
                for (var page = 0; page < 1000; page++)
                {
                    var read = await BrowseAsync(gateways, queue, state, after);
                    keys.UnionWith(read.Messages.Select(m => new MessageKey(queue, m.Id)));
                    if (read.Next is null)
                    {
                        break;
                    }

                    after = read.Next;
                }
            }
        }

        return keys;
    }

    private static async Task<BrowsePage> BrowseAsync(GatewayClients gateways, string queue, MessageState state, string? after)
    {
        ActorMqException? last = null;
        for (var attempt = 0; attempt < 3 * gateways.Count; attempt++)
        {
            try
            {
                return await gateways.Client(attempt).BrowseAsync(queue, state, 1000, after);
            }
            catch (ActorMqException e) when (e.Status is null or >= 500)
            {
                last = e;
            }
        }

        throw new InvalidOperationException($"could not browse the {state} messages of {queue} through any gateway", last);
    }
}
