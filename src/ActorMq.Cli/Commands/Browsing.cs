using System.Runtime.CompilerServices;
using ActorMq.Client;

namespace ActorMq.Cli.Commands;

/// <summary>Browsing across pages: what <c>peek</c> and <c>schedule list</c> share.</summary>
internal static class Browsing
{
    /// <summary>Up to <paramref name="count"/> messages in <paramref name="state"/>, in delivery order, page after page.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<BrowsedMessage>> PagesAsync(
        IActorMqClient client, string queue, MessageState state, long count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        long seen = 0;
        while (seen < count)
        {
            var limit = (int)Math.Min(count - seen, 1000);
            var page = await client.BrowseAsync(queue, state, limit, after, cancellationToken).ConfigureAwait(false);
            var messages = page.Messages.Count > limit ? page.Messages.Take(limit).ToArray() : page.Messages;
            seen += messages.Count;
            yield return messages;
            if (page.Next is null || messages.Count == 0)
            {
                yield break;
            }

            after = page.Next;
        }
    }
}
