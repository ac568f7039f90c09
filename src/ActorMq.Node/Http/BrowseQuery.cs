using System.Globalization;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;

namespace ActorMq.Node.Http;

/// <summary>
/// The query string of <c>GET /v1/queues/{q}/messages</c>: <c>state</c> (ready, scheduled, delayed or inflight;
/// default ready), <c>limit</c> (1-1000, default 100) and <c>after</c> (the <c>next</c> cursor of the previous page).
/// Unknown and repeated parameters are refused, as unknown JSON fields are.
/// </summary>
internal static class BrowseQuery
{
    /// <summary>Page size when the request names none.</summary>
    public const int DefaultLimit = 100;

    private static readonly string[] Parameters = ["state", "limit", "after"];

    private static readonly MessageState[] States = [MessageState.Ready, MessageState.Scheduled, MessageState.Delayed, MessageState.Inflight];

    /// <summary>The browse query of queue <paramref name="queue"/>.</summary>
    /// <exception cref="QueueErrorException">A parameter is unknown, repeated or out of range (400).</exception>
    public static BrowseMessages Parse(string queue, IQueryCollection query)
    {
        RequestError.CheckQuery(query, Parameters);

        var state = MessageState.Ready;
        if (query.TryGetValue("state", out var stateText))
        {
            var name = stateText.ToString();
            state = States.FirstOrDefault(s => MessageWriter.StateName(s) == name, (MessageState)(-1));
            if (state == (MessageState)(-1))
            {
                throw RequestError.Invalid("state", $"'state' must be one of ready, scheduled, delayed, inflight; got '{name}'.");
            }
        }

        var limit = DefaultLimit;
        if (query.TryGetValue("limit", out var limitText)
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
                || limit is < 1 or > QueueQueries.MaxBrowseLimit))
        {
            throw RequestError.Invalid("limit", $"'limit' must be a whole number from 1 to {QueueQueries.MaxBrowseLimit}; got '{limitText}'.");
        }

        var after = query.TryGetValue("after", out var afterText) ? afterText.ToString() : null;
        if (after is { Length: 0 })
        {
            throw RequestError.Invalid("after", "'after' is empty; pass the 'next' value of the previous page, or leave 'after' out for the first page.");
        }

        return new BrowseMessages(queue, state, limit, after);
    }
}
