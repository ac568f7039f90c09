using System.Collections;

namespace ActorMq.Engine;

/// <summary>
/// A snapshot's messages (<see cref="QueueSnapshot.Messages"/>): those the queue holds whole as they are, the parked
/// ones as their entries, each made a <see cref="StoredMessage"/> only when read. Immutable.
/// </summary>
internal sealed class MessageRows(MessageRows.Row[] rows) : IReadOnlyList<StoredMessage>
{
    public int Count => rows.Length;

    public StoredMessage this[int index] => rows[index].Message;

    public IEnumerator<StoredMessage> GetEnumerator()
    {
        for (var i = 0; i < rows.Length; i++)
        {
            yield return rows[i].Message;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A message held whole, or the id and entry of a parked one.</summary>
    internal readonly struct Row
    {
        /// <summary>By seq.</summary>
        public static readonly IComparer<Row> BySeq = new RowOrder();

        private readonly StoredMessage? _whole;
        private readonly string? _id;
        private readonly ParkedEntry _parked;

        public Row(StoredMessage whole) => _whole = whole;

        public Row(string id, ParkedEntry parked)
        {
            _id = id;
            _parked = parked;
        }

        public long Seq => _whole?.Seq ?? _parked.Seq;

        public StoredMessage Message => _whole ?? _parked.ToMessage(_id!, MessageBody.None, MessageHeaders.Empty, parked: true);
    }

    private sealed class RowOrder : IComparer<Row>
    {
        public int Compare(Row a, Row b) => a.Seq.CompareTo(b.Seq);
    }
}
