using System.Collections;
using System.Collections.Immutable;

namespace ActorMq.Engine;

/// <summary>A message's headers: an immutable string→string map in ordinal key order, compared by content.</summary>
public sealed class MessageHeaders : IReadOnlyDictionary<string, string>, IEquatable<MessageHeaders>
{
    /// <summary>Most headers a message may carry.</summary>
    public const int MaxCount = 64;

    /// <summary>Longest header name.</summary>
    public const int MaxNameLength = 256;

    /// <summary>Longest header value.</summary>
    public const int MaxValueLength = 4096;

    /// <summary>No headers.</summary>
    public static readonly MessageHeaders Empty = new(ImmutableSortedDictionary.Create<string, string>(StringComparer.Ordinal));

    private readonly ImmutableSortedDictionary<string, string> _map;

    private MessageHeaders(ImmutableSortedDictionary<string, string> map) => _map = map;

    /// <summary>Copies <paramref name="headers"/>; null or empty gives <see cref="Empty"/>.</summary>
    public static MessageHeaders From(IEnumerable<KeyValuePair<string, string>>? headers)
    {
        if (headers is null)
        {
            return Empty;
        }

        var map = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, headers);
        return map.IsEmpty ? Empty : new MessageHeaders(map);
    }

    /// <summary>A copy with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    public MessageHeaders With(string name, string value) => new(_map.SetItem(name, value));

    /// <summary>Checks count and sizes; the first problem names the header, or null.</summary>
    public static QueueError? Validate(IReadOnlyDictionary<string, string>? headers, string field)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.Count > MaxCount)
        {
            return QueueError.Invalid(field, $"'{field}' has {headers.Count} entries; at most {MaxCount} are allowed.");
        }

        foreach (var (name, value) in headers)
        {
            if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
            {
                return QueueError.Invalid(field, $"'{field}' has a header name that is empty or longer than {MaxNameLength} characters.");
            }

            if (value is null)
            {
                return QueueError.Invalid($"{field}.{name}", $"header '{name}' has no value; header values are strings.");
            }

            if (value.Length > MaxValueLength)
            {
                return QueueError.Invalid($"{field}.{name}", $"header '{name}' is {value.Length} characters long; at most {MaxValueLength} are allowed.");
            }
        }

        return null;
    }

    /// <inheritdoc />
    public string this[string key] => _map[key];

    /// <inheritdoc />
    public IEnumerable<string> Keys => _map.Keys;

    /// <inheritdoc />
    public IEnumerable<string> Values => _map.Values;

    /// <inheritdoc />
    public int Count => _map.Count;

    /// <inheritdoc />
    public bool ContainsKey(string key) => _map.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, out string value) => _map.TryGetValue(key, out value!);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool Equals(MessageHeaders? other) =>
        other is not null && (ReferenceEquals(_map, other._map) || _map.SequenceEqual(other._map));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MessageHeaders);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (name, value) in _map)
        {
            hash.Add(name);
            hash.Add(value);
        }

        return hash.ToHashCode();
    }
}
