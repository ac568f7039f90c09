using System.Globalization;
using ActorMq.Engine;
using Microsoft.Extensions.Primitives;

namespace ActorMq.Node.Http;

/// <summary>
/// The <c>If-Match</c> request header (RFC 9110 section 13.1.1) of PATCH and DELETE on a message. A message's ETag is
/// its version, strong and quoted (<c>"7"</c>).
/// </summary>
internal static class IfMatchHeader
{
    /// <summary>The header's name, as error details name the field.</summary>
    public const string Name = "If-Match";

    /// <summary>
    /// The version the request is conditional on, or null for no condition (no header, or <c>*</c>, which any
    /// live message matches).
    /// </summary>
    /// <exception cref="QueueErrorException">
    /// 400 when the header is malformed or lists several tags; 412 when it is a well-formed tag that no version of a
    /// message can match (a weak tag, since If-Match compares strongly, or an opaque tag that is not a version).
    /// </exception>
    public static long? Parse(StringValues values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var text = string.Join(",", values.Select(v => v ?? "")).Trim(' ', '\t');
        if (text == "*")
        {
            return null;
        }

        var tags = new List<(bool Weak, string Opaque)>();
        var rest = text.AsSpan();
        while (true)
        {
            rest = rest.TrimStart(" \t");
            var weak = rest.StartsWith("W/", StringComparison.Ordinal);
            if (weak)
            {
                rest = rest[2..];
            }

            if (rest.Length == 0 || rest[0] != '"')
            {
                throw Malformed(text);
            }

            var close = rest[1..].IndexOf('"');
            if (close < 0)
            {
                throw Malformed(text);
            }

            var opaque = rest.Slice(1, close);
            foreach (var c in opaque)
            {
                // etagc = %x21 / %x23-7E / obs-text
                if (c < 0x21 || c == 0x7F)
                {
                    throw Malformed(text);
                }
            }

            tags.Add((weak, opaque.ToString()));
            rest = rest[(close + 2)..].TrimStart(" \t");
            if (rest.Length == 0)
            {
                break;
            }

            if (rest[0] != ',')
            {
                throw Malformed(text);
            }

            rest = rest[1..];
        }

        if (tags.Count > 1)
        {
            throw RequestError.Invalid(Name, $"'{Name}' lists {tags.Count} ETags; give the one ETag that GET returned for the message, such as \"7\".");
        }

        var (isWeak, tag) = tags[0];
        if (isWeak)
        {
            throw RequestError.PreconditionFailed(Name, $"'{Name}' is the weak ETag W/\"{tag}\", which never matches: If-Match compares strongly. Send the ETag exactly as GET returned it, such as \"7\".");
        }

        return long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            && version.ToString(CultureInfo.InvariantCulture) == tag
            ? version
            : throw RequestError.PreconditionFailed(Name, $"'{Name}' is \"{tag}\", which is not the version of any message; send the ETag exactly as GET returned it, such as \"7\".");
    }

    private static QueueErrorException Malformed(string text) =>
        RequestError.Invalid(Name, $"'{Name}' value {Shorten(text)} is not an entity tag; send the ETag exactly as GET returned it, quotes included, such as \"7\", or * for any version.");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
