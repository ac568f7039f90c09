using System.Globalization;
using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// The members of one JSON object of a request, checked strictly: no unknown and no repeated member names. Readers
/// take typed values from it; each refusal names the member by its path (<c>messages[3].priority</c>). An absent
/// member and a JSON <c>null</c> both read as null ("not given").
/// </summary>
internal sealed class JsonFields
{
    // Beyond this a TimeSpan overflows; every duration the API accepts is far below it.
    private static readonly double MaxSeconds = TimeSpan.MaxValue.TotalSeconds;

    private readonly IReadOnlyList<string> _known;
    private readonly JsonElement?[] _members;
    private readonly string _path;

    private JsonFields(IReadOnlyList<string> known, JsonElement?[] members, string path)
    {
        _known = known;
        _members = members;
        _path = path;
    }

    /// <summary>
    /// The members of <paramref name="element"/>, an object found at <paramref name="path"/> ("" for the request
    /// body) that describes <paramref name="what"/> and may hold only the <paramref name="known"/> members. Names are
    /// compared in place, as UTF-8: a request's member names are not turned into strings unless they are refused.
    /// </summary>
    /// <exception cref="QueueErrorException">Not an object, an unknown member, or a repeated one (400).</exception>
    public static JsonFields Of(JsonElement element, string path, string what, IReadOnlyList<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw path.Length == 0
                ? RequestError.Invalid(null, $"The request body must be a JSON object ({what}); got {Describe(element)}.")
                : RequestError.Invalid(path, $"'{path}' must be a JSON object ({what}); got {Describe(element)}.");
        }

        var members = new JsonElement?[known.Count];
        List<string>? unknown = null;
        foreach (var member in element.EnumerateObject())
        {
            var index = IndexOf(known, member);
            if (index < 0)
            {
                (unknown ??= []).Add(member.Name);
            }
            else if (members[index] is not null)
            {
                var repeated = Join(path, known[index]);
                throw RequestError.Invalid(repeated, $"'{repeated}' is given more than once; give each field once.");
            }
            else
            {
                members[index] = member.Value;
            }
        }

        if (unknown is not null)
        {
            var names = string.Join(", ", unknown.Select(n => $"'{n}'"));
            var where = path.Length == 0 ? "the request body" : $"'{path}'";
            throw RequestError.Invalid(
                Join(path, unknown[0]),
                known.Count == 0
                    ? $"Unknown field{(unknown.Count == 1 ? "" : "s")} {names} in {where} ({what}); it takes no fields: send {{}} or an empty body."
                    : $"Unknown field{(unknown.Count == 1 ? "" : "s")} {names} in {where} ({what}); the fields are: {string.Join(", ", known)}.");
        }

        return new JsonFields(known, members, path);
    }

    /// <summary>The path of member <paramref name="name"/> of this object.</summary>
    public string PathOf(string name) => Join(_path, name);

    /// <summary>True when the member is present, even as <c>null</c>.</summary>
    public bool Has(string name) => Element(name) is not null;

    /// <summary>The member as it is, <c>null</c> included; null only when absent.</summary>
    public JsonElement? Element(string name)
    {
        for (var i = 0; i < _known.Count; i++)
        {
            if (string.Equals(_known[i], name, StringComparison.Ordinal))
            {
                return _members[i];
            }
        }

        throw new ArgumentException($"'{name}' is not one of the fields this object was read for ({string.Join(", ", _known)})", nameof(name));
    }

    /// <summary>A string member.</summary>
    public string? String(string name) =>
        Given(name) is { } value
            ? value.ValueKind == JsonValueKind.String ? value.GetString()! : throw WrongType(name, value, "a string")
            : null;

    /// <summary>A string member that must be given.</summary>
    public string RequiredString(string name, string purpose) =>
        String(name) ?? throw RequestError.Invalid(PathOf(name), $"'{PathOf(name)}' is required: {purpose}.");

    /// <summary>A boolean member.</summary>
    public bool? Boolean(string name) =>
        Given(name) is { } value
            ? value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw WrongType(name, value, "true or false"),
            }
            : null;

    /// <summary>A whole-number member from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int? Int32(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Int64(name, min, max) is { } value ? (int)value : null;

    /// <summary>A whole-number member from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public long? Int64(string name, long min = long.MinValue, long max = long.MaxValue)
    {
        if (Given(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, value, "a whole number");
        }

        if (!value.TryGetInt64(out var number))
        {
            throw RequestError.Invalid(PathOf(name), $"'{PathOf(name)}' must be a whole number{Range(min, max)}; got {Raw(value)}.");
        }

        return number < min || number > max
            ? throw RequestError.Invalid(PathOf(name), $"'{PathOf(name)}' must be a whole number{Range(min, max)}; got {number}.")
            : number;
    }

    /// <summary>A duration member: seconds as a JSON number, fractions allowed, kept to 100 ns ticks.</summary>
    public TimeSpan? Seconds(string name)
    {
        if (Given(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            throw WrongType(name, value, "a number of seconds");
        }

        if (!value.TryGetDouble(out var seconds) || !double.IsFinite(seconds) || Math.Abs(seconds) >= MaxSeconds)
        {
            throw RequestError.Invalid(PathOf(name), $"'{PathOf(name)}' is out of range; got {Raw(value)} seconds.");
        }

        return Duration(seconds);
    }

    /// <summary>A number of seconds as a duration, kept to 100 ns ticks (rounded half away from zero).</summary>
    public static TimeSpan Duration(double seconds) =>
        TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));

    /// <summary>A timestamp member: an RFC 3339 string with an offset (<c>Z</c> or <c>±hh:mm</c>).</summary>
    public DateTimeOffset? Timestamp(string name)
    {
        if (Given(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw WrongType(name, value, "an RFC 3339 timestamp string such as \"2030-01-01T12:00:00Z\"");
        }

        return Rfc3339.TryParse(value.GetString()!, out var instant)
            ? instant
            : throw RequestError.Invalid(
                PathOf(name),
                $"'{PathOf(name)}' must be an RFC 3339 timestamp with a UTC offset, such as \"2030-01-01T12:00:00Z\" or \"2030-01-01T13:00:00+01:00\"; got {Raw(value)}.");
    }

    /// <summary>A headers member: an object whose values are all strings.</summary>
    public IReadOnlyDictionary<string, string>? Headers(string name)
    {
        if (Given(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw WrongType(name, value, "an object of string values, such as {\"source\": \"billing\"}");
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var header in value.EnumerateObject())
        {
            var path = $"{PathOf(name)}.{header.Name}";
            if (header.Value.ValueKind != JsonValueKind.String)
            {
                throw RequestError.Invalid(path, $"'{path}' must be a string (header values are strings); got {Describe(header.Value)}.");
            }

            if (!headers.TryAdd(header.Name, header.Value.GetString()!))
            {
                throw RequestError.Invalid(path, $"header '{header.Name}' is given more than once in '{PathOf(name)}'.");
            }
        }

        return headers;
    }

    /// <summary>An array member.</summary>
    public JsonElement? Array(string name) =>
        Given(name) is { } value
            ? value.ValueKind == JsonValueKind.Array ? value : throw WrongType(name, value, "an array")
            : null;

    /// <summary>"a string: "abc"", "a number: 1.5", … for error details; long values are shortened.</summary>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"a string, {Raw(value)}",
        JsonValueKind.Number => $"the number {Raw(value)}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {Raw(value)}",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private JsonElement? Given(string name) => Element(name) is { ValueKind: not JsonValueKind.Null } value ? value : null;

    private static int IndexOf(IReadOnlyList<string> known, JsonProperty member)
    {
        for (var i = 0; i < known.Count; i++)
        {
            if (member.NameEquals(known[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private QueueErrorException WrongType(string name, JsonElement value, string expected) =>
        RequestError.Invalid(PathOf(name), $"'{PathOf(name)}' must be {expected}; got {Describe(value)}.");

    private static string Raw(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    private static string Range(long min, long max) => (min, max) switch
    {
        (long.MinValue or int.MinValue, long.MaxValue or int.MaxValue) => "",
        (long.MinValue or int.MinValue, _) => string.Create(CultureInfo.InvariantCulture, $" of at most {max}"),
        (_, long.MaxValue or int.MaxValue) => string.Create(CultureInfo.InvariantCulture, $" of {min} or more"),
        _ => string.Create(CultureInfo.InvariantCulture, $" from {min} to {max}"),
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
