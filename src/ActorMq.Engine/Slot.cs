namespace ActorMq.Engine;

/// <summary>
/// An entry of one of the queue's ordered indexes: <paramref name="Key"/> is the priority (ready) or an instant in
/// UTC ticks (scheduled, delayed, in flight); <paramref name="Seq"/> breaks ties in publish order.
/// </summary>
internal readonly record struct Slot(long Key, long Seq, string Id)
{
    /// <summary>By key, then publish order; a comparer class rather than a <c>Comparer.Create</c> delegate wrapper.</summary>
    public static readonly IComparer<Slot> Order = new SlotOrder();

    /// <summary>The reverse of <see cref="Order"/>: largest first.</summary>
    public static readonly IComparer<Slot> Descending = new SlotOrderDescending();

    /// <summary>The index key of a message in its current state.</summary>
    public static Slot Of(StoredMessage m) => new(KeyOf(m), m.Seq, m.Id);

    private static long KeyOf(StoredMessage m) => m.State switch
    {
        MessageState.Ready => m.Priority,
        MessageState.Scheduled => m.DeliverAt!.Value.UtcTicks,
        MessageState.Delayed => m.DelayedUntil!.Value.UtcTicks,
        MessageState.Inflight => m.Lease!.Value.ExpiresAt.UtcTicks,
        _ => throw new ArgumentOutOfRangeException(nameof(m), m.State, "unknown message state"),
    };
}

internal sealed class SlotOrder : IComparer<Slot>
{
    public int Compare(Slot a, Slot b)
    {
        var byKey = a.Key.CompareTo(b.Key);
        return byKey != 0 ? byKey : a.Seq.CompareTo(b.Seq);
    }
}

internal sealed class SlotOrderDescending : IComparer<Slot>
{
    public int Compare(Slot a, Slot b) => Slot.Order.Compare(b, a);
}

/// <summary>A remembered dedup key (a client dedupId, or a transfer id): the message it stored and until when it counts.</summary>
/// <param name="Key">The dedupId, or <see cref="TransferKeyPrefix"/> + transfer id.</param>
/// <param name="MessageId">Id of the message the first publish stored.</param>
/// <param name="ExpiresAt">After this instant the key is forgotten.</param>
/// <param name="State">The state the first publish answered.</param>
/// <param name="DeliverAt">The deliverAt the first publish answered.</param>
public sealed record DedupEntry(string Key, string MessageId, DateTimeOffset ExpiresAt, MessageState State, DateTimeOffset? DeliverAt)
{
    /// <summary>Prefix that keeps transfer ids apart from client dedupIds (which may not contain control characters).</summary>
    public const string TransferKeyPrefix = "\u0001xfer:";

    internal static readonly IComparer<DedupEntry> Order = Comparer<DedupEntry>.Create(static (a, b) =>
    {
        var byTime = a.ExpiresAt.UtcTicks.CompareTo(b.ExpiresAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Key, b.Key);
    });
}
