using System.Collections;

namespace ActorMq.Engine;

/// <summary>
/// A snapshot's messages (<see cref="QueueSnapshot.Messages"/>) as <see cref="QueueState.ToSnapshot"/> and
/// <see cref="SnapshotMessages"/> make them: those the queue holds whole as they are, the parked ones as their
/// entries (88 bytes, not a message and an id string), each made a <see cref="StoredMessage"/> only when read; in seq
/// order. Immutable.
/// </summary>
internal sealed class MessageRows : IReadOnlyList<StoredMessage>
{
    private readonly Row[] _rows;
    private readonly int[]? _bySeq;

    private MessageRows(Row[] rows, int[]? bySeq)
    {
        _rows = rows;
        _bySeq = bySeq;
    }

    public int Count => _rows.Length;

    public StoredMessage this[int index] => RowAt(index).Message;

    /// <summary>The rows in seq order.</summary>
    public IEnumerable<Row> Rows
    {
        get
        {
            for (var i = 0; i < _rows.Length; i++)
            {
                yield return RowAt(i);
            }
        }
    }

    /// <summary>The messages of <paramref name="rows"/> (taken, not copied), put in seq order.</summary>
    public static MessageRows BySeq(Row[] rows)
    {
        // Sorting the seqs with the row numbers moves 12 bytes an element, not a whole row.
        var seqs = new long[rows.Length];
        var bySeq = new int[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            seqs[i] = rows[i].Seq;
            bySeq[i] = i;
        }

        Array.Sort(seqs, bySeq);
        return new MessageRows(rows, bySeq);
    }

    /// <summary>The messages of <paramref name="rows"/> (taken, not copied), already in seq order.</summary>
    public static MessageRows InOrder(Row[] rows) => new(rows, null);

    public IEnumerator<StoredMessage> GetEnumerator()
    {
        for (var i = 0; i < _rows.Length; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ref readonly Row RowAt(int index) => ref _rows[_bySeq is null ? index : _bySeq[index]];

    /// <summary>A message held whole, or the key and entry of a parked one.</summary>
    internal readonly struct Row
    {
        public Row(StoredMessage whole) => Whole = whole;

        public Row(MessageKey key, ParkedEntry parked)
        {
            Key = key;
            Parked = parked;
        }

        /// <summary>The message, when the queue holds it whole.</summary>
        public StoredMessage? Whole { get; }

        /// <summary>The parked message's id, when <see cref="Whole"/> is null.</summary>
        public MessageKey Key { get; }

        /// <summary>The parked message's entry, when <see cref="Whole"/> is null.</summary>
        public ParkedEntry Parked { get; }

        public long Seq => Whole?.Seq ?? Parked.Seq;

        public StoredMessage Message => Whole ?? Parked.ToMessage(Key.ToString(), MessageBody.None, MessageHeaders.Empty, parked: true);
    }
}

/// <summary>
/// Collects the messages of a snapshot as they are read (by the serializer), keeping those parked in schedule buckets
/// as compact entries: a snapshot of a million parked messages is then read into about 90 MB, not 350.
/// </summary>
/// <param name="count">How many messages will be added.</param>
public sealed class SnapshotMessages(int count)
{
    private readonly MessageRows.Row[] _rows = new MessageRows.Row[count];
    private ParkedExtras? _lastExtras;
    private int _added;

    /// <summary>How many messages the snapshot holds.</summary>
    public int Count => _rows.Length;

    /// <summary>Adds the next message; messages are added in seq order, as a snapshot holds them.</summary>
    public void Add(StoredMessage m)
    {
        if (m.ParkedIn is { } bucket)
        {
            var entry = ParkedEntry.Of(m, bucket, _lastExtras);
            _lastExtras = entry.Extras ?? _lastExtras;
            _rows[_added++] = new MessageRows.Row(MessageKey.Of(m.Id), entry);
        }
        else
        {
            _rows[_added++] = new MessageRows.Row(m);
        }
    }

    /// <summary>The messages added, for <see cref="QueueSnapshot.Messages"/>; throws unless all were added.</summary>
    public IReadOnlyList<StoredMessage> ToList() =>
        _added == _rows.Length
            ? MessageRows.InOrder(_rows)
            : throw new InvalidOperationException($"{_added} of the snapshot's {_rows.Length} messages were added.");
}
