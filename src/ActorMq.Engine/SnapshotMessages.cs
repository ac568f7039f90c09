namespace ActorMq.Engine;

/// <summary>
/// Collects the messages of a snapshot as they are read (by the serializer), keeping those parked in schedule buckets
/// as compact entries: a snapshot of a million parked messages is then read into about 90 MB, not 350. The rows are
/// filled through <see cref="Filler"/>s of disjoint ranges, which may run on different threads.
/// </summary>
/// <param name="count">How many messages will be added.</param>
public sealed class SnapshotMessages(int count)
{
    private readonly MessageRows.Row[] _rows = new MessageRows.Row[count];
    private readonly List<Filler> _fillers = [];
    private int _covered;

    /// <summary>How many messages the snapshot holds.</summary>
    public int Count => _rows.Length;

    /// <summary>
    /// A filler of the next <paramref name="length"/> rows, from <paramref name="start"/>: ranges are taken in order,
    /// each where the last one ended.
    /// </summary>
    public Filler Range(int start, int length)
    {
        if (start != _covered || length < 0 || length > _rows.Length - start)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"rows {start}+{length} do not follow rows 0-{_covered} of {_rows.Length}");
        }

        var filler = new Filler(_rows, start, length);
        _fillers.Add(filler);
        _covered += length;
        return filler;
    }

    /// <summary>
    /// The messages, in seq order (sorted if they were not), for <see cref="QueueSnapshot.Messages"/>; throws unless
    /// every row was filled. Call it once the fillers are done (on this thread, or after waiting for theirs).
    /// </summary>
    public IReadOnlyList<StoredMessage> ToList()
    {
        var added = _fillers.Sum(f => f.Added);
        if (added != _rows.Length)
        {
            throw new InvalidOperationException($"{added} of the snapshot's {_rows.Length} messages were added.");
        }

        return InOrder() ? MessageRows.InOrder(_rows) : MessageRows.BySeq(_rows);
    }

    private bool InOrder()
    {
        for (var i = 1; i < _rows.Length; i++)
        {
            if (_rows[i].Seq <= _rows[i - 1].Seq)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Fills one range of rows, in order; one thread at a time.</summary>
    public sealed class Filler
    {
        private readonly MessageRows.Row[] _rows;
        private readonly int _start;
        private ParkedExtras? _lastExtras;

        internal Filler(MessageRows.Row[] rows, int start, int count)
        {
            _rows = rows;
            _start = start;
            Count = count;
        }

        /// <summary>How many rows this filler fills.</summary>
        public int Count { get; }

        /// <summary>How many it has filled.</summary>
        public int Added { get; private set; }

        /// <summary>Adds the range's next message.</summary>
        public void Add(StoredMessage m)
        {
            if (Added == Count)
            {
                throw new InvalidOperationException($"rows {_start}+{Count} are full");
            }

            var at = _start + Added++;
            if (m.ParkedIn is { } bucket)
            {
                var entry = ParkedEntry.Of(m, bucket, _lastExtras);
                _lastExtras = entry.Extras ?? _lastExtras;
                _rows[at] = new MessageRows.Row(MessageKey.Of(m.Id), entry);
            }
            else
            {
                _rows[at] = new MessageRows.Row(m);
            }
        }
    }
}
