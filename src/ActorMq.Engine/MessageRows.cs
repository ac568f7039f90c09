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
