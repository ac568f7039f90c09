using System.Globalization;
using ActorMq.Engine;

namespace ActorMq.Cli.Input;

/// <summary>
/// Reads the values of options and arguments, each error a sentence naming the option: seconds, whole numbers,
/// instants, queue names, message ids, headers, server addresses. The ranges are the server's (DESIGN.md section 1),
/// so a value the server would refuse is refused before anything is sent.
/// </summary>
internal static class Values
{
    /// <summary>The longest visibility timeout, retry delay and nack delay: 12 h.</summary>
    public static readonly TimeSpan MaxLease = QueueSettings.MaxVisibilityTimeout;

    /// <summary>The furthest a message may be scheduled ahead, and the longest time to live: 10 years.</summary>
    public static readonly TimeSpan MaxAhead = Limits.MaxScheduleAhead;

    /// <summary>Seconds (fractions allowed) from 0 (or more than 0) to <paramref name="max"/>; null with <paramref name="error"/> set when not.</summary>
    public static TimeSpan? Seconds(string name, string text, bool allowZero, TimeSpan max, out string? error)
    {
        error = null;
        var range = $"{(allowZero ? "from 0" : "more than 0 and")} {(allowZero ? "to" : "at most")} {Plain((decimal)max.TotalSeconds)}";
        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            error = $"{name} must be a number of seconds ({range}); got '{text}'.";
            return null;
        }

        if ((allowZero ? seconds < 0 : seconds <= 0) || seconds > (decimal)max.TotalSeconds)
        {
            error = $"{name} must be a number of seconds {range}; got {text}.";
            return null;
        }

        return TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));
    }

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static long? Whole(string name, string text, long min, long max, out string? error)
    {
        error = null;
        var range = max == long.MaxValue || max == int.MaxValue ? $"of {min} or more" : $"from {min} to {max}";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            error = $"{name} must be a whole number {range}; got '{text}'.";
            return null;
        }

        return value;
    }

    /// <summary>
    /// An instant such as <c>2027-06-01T09:00:00Z</c> (RFC 3339; without an offset it is UTC), at most 10 years from
    /// <paramref name="now"/>; one in the past means now.
    /// </summary>
    public static DateTimeOffset? Instant(string name, string text, DateTimeOffset now, out string? error)
    {
        error = null;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
        {
            error = $"{name} must be a time such as 2027-06-01T09:00:00Z (RFC 3339; UTC when no offset is given); got '{text}'.";
            return null;
        }

        if (instant - now > MaxAhead)
        {
            error = $"{name} is more than {MaxAhead.TotalDays} days ahead; got '{text}'.";
            return null;
        }

        return instant;
    }

    /// <summary>A queue name (<c>^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$</c>, or such a name with <c>.dlq</c>); null when valid.</summary>
    public static string? QueueNameError(string name, string? value) => QueueName.Validate(value, name)?.Detail;

    /// <summary>A client message id (1-128 of <c>[A-Za-z0-9._:~-]</c>, starting with a letter or digit); null when valid.</summary>
    public static string? MessageIdError(string name, string value) => MessageIds.Validate(value, name)?.Detail;

    /// <summary>A dedup id: 1-128 characters, none a control character; null when valid.</summary>
    public static string? DedupIdError(string name, string value) =>
        value.Length is 0 or > Limits.MaxDedupIdLength || value.Any(char.IsControl)
            ? $"{name} must be 1-{Limits.MaxDedupIdLength} characters with no control characters."
            : null;

    /// <summary>Headers from <c>K=V</c> texts: names non-empty and given once, within the server's count and size limits.</summary>
    public static IReadOnlyDictionary<string, string>? Headers(string name, IEnumerable<string> texts, out string? error)
    {
        error = null;
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"{name} must be NAME=VALUE with a name before '='; got '{text}'.";
                return null;
            }

            var key = text[..equals];
            if (!headers.TryAdd(key, text[(equals + 1)..]))
            {
                error = $"{name} names header '{key}' more than once.";
                return null;
            }
        }

        error = MessageHeaders.Validate(headers, name)?.Detail;
        return error is null ? headers : null;
    }

    /// <summary>An absolute http or https address; null with <paramref name="error"/> set when not.</summary>
    public static Uri? Server(string name, string text, out string? error)
    {
        error = null;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        error = $"{name} must be an absolute http or https address such as http://127.0.0.1:5080; got '{text}'.";
        return null;
    }

    private static string Plain(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
