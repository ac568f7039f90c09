using System.Globalization;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Node.Http;

/// <summary>
/// The query string of <c>GET /v1/queues/{q}/stream</c>: <c>max</c> (messages per frame, 1-1000, default 100) and
/// <c>visibilityTimeoutSeconds</c> (each lease's, default the queue's). Unknown and repeated parameters are refused.
/// </summary>
internal static class StreamQuery
{
    /// <summary>Messages per frame when the request names no <c>max</c>.</summary>
    public const int DefaultMax = 100;

    private static readonly string[] Parameters = ["max", "visibilityTimeoutSeconds"];

    /// <summary>The receive each of the stream's frames makes.</summary>
    /// <exception cref="QueueErrorException">A parameter is unknown, repeated or malformed (400).</exception>
    public static Receive Parse(IQueryCollection query)
    {
        RequestError.CheckQuery(query, Parameters);

        var max = DefaultMax;
        if (query.TryGetValue("max", out var maxText)
            && (!int.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out max) || max is < 1 or > Limits.MaxReceive))
        {
            throw RequestError.Invalid("max", $"'max' must be a whole number from 1 to {Limits.MaxReceive}; got '{maxText}'.");
        }

        TimeSpan? visibility = null;
        if (query.TryGetValue("visibilityTimeoutSeconds", out var visibilityText))
        {
            if (!double.TryParse(visibilityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
                || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                throw RequestError.Invalid("visibilityTimeoutSeconds", $"'visibilityTimeoutSeconds' must be a number of seconds; got '{visibilityText}'.");
            }

            visibility = JsonFields.Duration(seconds);
        }

        return new Receive(max, visibility);
    }
}
