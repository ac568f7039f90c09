namespace ActorMq.Engine;

/// <summary>
/// A queue's whole state as plain data in canonical order: what the node saves as a snapshot, and what tests compare.
/// Two snapshots are equal when every member is, element by element.
/// </summary>
public sealed record QueueSnapshot(
    string Name,
    bool Exists,
    DateTimeOffset CreatedAt,
    QueueSettings Settings,
    QueueTotals Totals,
    long NextSeq,
    long NextLeaseSeq,
    long NextTransferSeq,
    IReadOnlyList<StoredMessage> Messages,
    IReadOnlyList<DedupEntry> Dedup,
    IReadOnlyList<OutboundTransfer> Outbox,
    IReadOnlyList<long> Buckets)
{
    /// <inheritdoc />
    public bool Equals(QueueSnapshot? other) =>
        other is not null
        && Name == other.Name
        && Exists == other.Exists
        && CreatedAt == other.CreatedAt
        && Settings == other.Settings
        && Totals == other.Totals
        && NextSeq == other.NextSeq
        && NextLeaseSeq == other.NextLeaseSeq
        && NextTransferSeq == other.NextTransferSeq
        && Messages.SequenceEqual(other.Messages)
        && Dedup.SequenceEqual(other.Dedup)
        && Outbox.SequenceEqual(other.Outbox)
        && Buckets.SequenceEqual(other.Buckets);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, NextSeq, NextLeaseSeq, Messages.Count);
}
