using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// RFC 3339 timestamps: parsed only with an explicit offset (<c>Z</c> or <c>±hh:mm</c>), any number of fraction
/// digits (kept to .NET's 100 ns ticks); written in UTC with <c>Z</c> and all seven fraction digits.
/// </summary>
internal static partial class Rfc3339
{
    private const string Layout = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    [GeneratedRegex(
        @"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(?:\.(?<f>\d{1,64}))?(?:(?<z>[Zz])|(?<sign>[+-])(?<oh>\d{2}):(?<om>\d{2}))$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();

    /// <summary>The length of <see cref="Format(DateTimeOffset)"/>'s text.</summary>
    public const int MaxLength = 28;

    /// <summary>The instant in UTC, e.g. <c>2025-01-02T03:04:05.1234567Z</c>.</summary>
    public static string Format(DateTimeOffset instant)
    {
        Span<byte> utf8 = stackalloc byte[MaxLength];
        return System.Text.Encoding.UTF8.GetString(utf8[..Format(instant, utf8)]);
    }

    /// <summary><see cref="Format(DateTimeOffset)"/> as UTF-8 into <paramref name="utf8"/> (<see cref="MaxLength"/> bytes); returns its length.</summary>
    public static int Format(DateTimeOffset instant, Span<byte> utf8) =>
        instant.UtcDateTime.TryFormat(utf8, out var written, Layout, CultureInfo.InvariantCulture)
            ? written
            : throw new ArgumentException($"an RFC 3339 timestamp takes {MaxLength} bytes", nameof(utf8));

    /// <summary>
    /// Parses an RFC 3339 date-time with an offset. False for anything else: no offset, a date alone, a space for
    /// <c>T</c>, a leap second, or a field out of range.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

        var offset = TimeSpan.Zero;
        if (!match.Groups["z"].Success)
        {
            var hours = Part("oh");
            var minutes = Part("om");
            if (hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0);
            if (match.Groups["sign"].ValueSpan[0] == '-')
            {
                offset = -offset;
            }
        }

        var fraction = match.Groups["f"];
        long ticks = 0;
        if (fraction.Success)
        {
            // 100 ns ticks: the first seven digits; further digits are below the clock's resolution and dropped.
            var digits = fraction.ValueSpan.Length > 7 ? fraction.ValueSpan[..7] : fraction.ValueSpan;
            ticks = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
            for (var i = digits.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        try
        {
            instant = new DateTimeOffset(Part("y"), Part("mo"), Part("d"), Part("h"), Part("mi"), Part("s"), offset).AddTicks(ticks);
            return true;
        }
        catch (ArgumentException)
        {
            // Month 13, February 30, second 60, hour 24, or an instant before year 1 / after 9999 once offset.
            return false;
        }
    }
}
