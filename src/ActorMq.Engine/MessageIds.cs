using System.Text.RegularExpressions;

namespace ActorMq.Engine;

/// <summary>Message ids: the rule for client-supplied ones, and ULID-style generated ones that sort by creation time.</summary>
public static partial class MessageIds
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>Length of a generated id: 128 bits in 5-bit characters.</summary>
    private const int GeneratedLength = 26;

    /// <summary>The value of each ASCII character in <see cref="Crockford"/>; -1 for the others.</summary>
    private static readonly sbyte[] Digits = MakeDigits();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:~-]{0,127}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Checks a client-supplied id; null when it is valid.</summary>
    public static QueueError? Validate(string id, string field) =>
        Pattern().IsMatch(id)
            ? null
            : QueueError.Invalid(field, $"'{field}' value '{Shorten(id)}' is not a valid message id: 1-{Limits.MaxIdLength} characters of letters, digits, '.', '_', ':', '~' and '-', starting with a letter or digit.");

    /// <summary>
    /// A 26-character ULID-style id: 48 bits of Unix milliseconds, 32 bits of a hash of the queue name (so ids of
    /// different queues meeting in one dead-letter queue differ) and the low 48 bits of the queue's position key
    /// (so ids of one queue are unique and ordered). Deterministic: the engine never reads the clock or a random source.
    /// </summary>
    public static string Generate(string queue, DateTimeOffset now, long seq)
    {
        var millis = (ulong)Math.Max(0, now.ToUnixTimeMilliseconds()) & 0xFFFF_FFFF_FFFF;
        return Format(((UInt128)millis << 80) | ((UInt128)Fnv1a(queue) << 48) | (UInt128)((ulong)seq & 0xFFFF_FFFF_FFFF));
    }

    /// <summary>The 26-character id of the 128-bit <paramref name="value"/>, as <see cref="Generate"/> writes it.</summary>
    internal static string Format(UInt128 value)
    {
        Span<char> chars = stackalloc char[GeneratedLength];
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            chars[i] = Crockford[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    /// <summary>
    /// The 128 bits of <paramref name="id"/> when it has the form of a generated id (26 characters of the upper-case
    /// alphabet, the first at most '7'), so that <see cref="Format"/> gives back exactly <paramref name="id"/>.
    /// </summary>
    internal static bool TryParse(string id, out UInt128 value)
    {
        value = 0;
        if (id.Length != GeneratedLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            var digit = c < 128 ? Digits[c] : -1;
            if (digit < 0)
            {
                return false;
            }

            value = (value << 5) | (uint)digit;
        }

        return id[0] <= '7';
    }

    private static sbyte[] MakeDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Crockford.Length; i++)
        {
            digits[Crockford[i]] = (sbyte)i;
        }

        return digits;
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
