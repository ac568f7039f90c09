namespace ActorMq.Engine;

/// <summary>
/// A table by message id for up to millions of entries, in as little memory as a hash table allows. Generated ids are
/// kept as their 128 bits (<see cref="MessageKey"/>), 16 bytes in place of an 80-byte string, and other ids as their
/// strings. Each kind is split by hash into <see cref="Parts"/> dictionaries, so that growing the table copies one part
/// at a time (a single dictionary of a million entries holds its old and its new array at once, over 150 MB) and no
/// array outgrows a few megabytes. A part gives its room back once three quarters of it are empty, so a table that
/// held a million entries does not keep their room for good. Parts are made on first use.
/// </summary>
internal sealed class MessageTable<TValue>
{
    /// <summary>How many dictionaries each kind of id is split into.</summary>
    public const int Parts = 16;

    private readonly SplitDictionary<IdBits> _generated = new();
    private readonly SplitDictionary<string> _named = new();

    /// <summary>Number of entries.</summary>
    public int Count => _generated.Count + _named.Count;

    public bool TryGetValue(MessageKey key, out TValue value) =>
        key.Text is { } text ? _named.TryGetValue(text, out value) : _generated.TryGetValue(key.Bits, out value);

    public bool ContainsKey(MessageKey key) => TryGetValue(key, out _);

    /// <summary>Adds an entry; throws when the key is in the table.</summary>
    public void Add(MessageKey key, TValue value)
    {
        if (key.Text is { } text)
        {
            _named.Add(text, value);
        }
        else
        {
            _generated.Add(key.Bits, value);
        }
    }

    /// <summary>Sets the value of a key, whether it is in the table or not.</summary>
    public void Set(MessageKey key, TValue value)
    {
        if (key.Text is { } text)
        {
            _named.Set(text, value);
        }
        else
        {
            _generated.Set(key.Bits, value);
        }
    }

    public bool Remove(MessageKey key) => key.Text is { } text ? _named.Remove(text) : _generated.Remove(key.Bits);

    /// <summary>Drops every entry and the room they took.</summary>
    public void Clear()
    {
        _generated.Clear();
        _named.Clear();
    }

    /// <summary>The entries, in no order, with no allocation: <c>foreach (var (key, value) in table)</c>.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>The generated ids' parts, then the other ids' parts, each with its dictionary's own enumerator.</summary>
    public struct Enumerator(MessageTable<TValue> table)
    {
        private SplitDictionary<IdBits>.Enumerator _generated = table._generated.GetEnumerator();
        private SplitDictionary<string>.Enumerator _named = table._named.GetEnumerator();
        private bool _inNamed;

        public readonly KeyValuePair<MessageKey, TValue> Current => _inNamed
            ? new(MessageKey.Of(_named.Current.Key), _named.Current.Value)
            : new(MessageKey.Of(_generated.Current.Key), _generated.Current.Value);

        public bool MoveNext()
        {
            if (!_inNamed && _generated.MoveNext())
            {
                return true;
            }

            _inNamed = true;
            return _named.MoveNext();
        }
    }

    /// <summary>One kind of key: <see cref="Parts"/> dictionaries, a key in the one its hash picks.</summary>
    private sealed class SplitDictionary<TKey>
        where TKey : notnull
    {
        /// <summary>A part this small is never shrunk.</summary>
        private const int MinTrimCapacity = 256;

        private static readonly IEqualityComparer<TKey> Comparer =
            typeof(TKey) == typeof(string) ? (IEqualityComparer<TKey>)StringComparer.Ordinal : EqualityComparer<TKey>.Default;

        private readonly Dictionary<TKey, TValue>?[] _parts = new Dictionary<TKey, TValue>?[Parts];

        public int Count { get; private set; }

        public bool TryGetValue(TKey key, out TValue value)
        {
            if (Count > 0 && PartOf(key) is { } part)
            {
                return part.TryGetValue(key, out value!);
            }

            value = default!;
            return false;
        }

        public void Add(TKey key, TValue value)
        {
            MakePartOf(key).Add(key, value);
            Count++;
        }

        public void Set(TKey key, TValue value)
        {
            var part = MakePartOf(key);
            var before = part.Count;
            part[key] = value;
            Count += part.Count - before;
        }

        public bool Remove(TKey key)
        {
            if (PartOf(key) is not { } part || !part.Remove(key))
            {
                return false;
            }

            Count--;
            if (part.Capacity > MinTrimCapacity && part.Count < part.Capacity / 4)
            {
                part.TrimExcess();
            }

            return true;
        }

        public void Clear()
        {
            Array.Clear(_parts);
            Count = 0;
        }

        public Enumerator GetEnumerator() => new(_parts);

        private Dictionary<TKey, TValue>? PartOf(TKey key) => _parts[IndexOf(key)];

        private Dictionary<TKey, TValue> MakePartOf(TKey key) => _parts[IndexOf(key)] ??= new Dictionary<TKey, TValue>(Comparer);

        private static int IndexOf(TKey key) => (int)((uint)Comparer.GetHashCode(key) % Parts);

        /// <summary>Walks the parts in turn.</summary>
        public struct Enumerator(Dictionary<TKey, TValue>?[] parts)
        {
            private int _part = -1;
            private Dictionary<TKey, TValue>.Enumerator _inPart;

            public readonly KeyValuePair<TKey, TValue> Current => _inPart.Current;

            public bool MoveNext()
            {
                while (_part < 0 || !_inPart.MoveNext())
                {
                    do
                    {
                        if (++_part >= parts.Length)
                        {
                            return false;
                        }
                    }
                    while (parts[_part] is null);

                    _inPart = parts[_part]!.GetEnumerator();
                }

                return true;
            }
        }
    }
}
