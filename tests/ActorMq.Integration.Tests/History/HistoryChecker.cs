namespace ActorMq.Integration.Tests.History;

/// <summary>
/// Checks a history of publishes, receives and acks against ActorMq's delivery guarantees, as a Jepsen checker does:
/// only what the clients saw counts. Operations that ended unknown (<see cref="EventType.Info"/>) may or may not have
/// taken effect, so they never make a rule fail on their own. The rules (<see cref="Rule"/>):
/// <list type="bullet">
/// <item>every message with an acknowledged publish is delivered by some successful receive, or is still in its queue
/// at the end (the <c>remaining</c> of <see cref="Check"/>);</item>
/// <item>once an ack of a lease succeeded, the message is never delivered again: no later lease (a higher receive
/// count), and nothing in a receive sent after the ack was answered;</item>
/// <item>a scheduled message is never leased before the deliverAt its publish asked for: neither by the server's
/// clock (<c>firstReceivedAt</c>) nor by the client's (the receive answered before it);</item>
/// <item>only published messages are delivered; a lease (receive count, token) is granted once — unless a node was
/// killed between the two leases (a lease goes out before its write, and the crash may have lost it), or the message's
/// publish was not yet acknowledged when it was leased and it was published again before the next lease (a crash may
/// have lost the first message with its write: the new one starts at receive count 1); a publish answers the client id
/// it carried.</item>
/// </list>
/// Redeliveries of messages that were not acked are allowed (at-least-once) and counted.
/// </summary>
public static class HistoryChecker
{
    private const int MaxExcerpt = 24;

    /// <summary>
    /// Checks <paramref name="history"/>; <paramref name="remaining"/> are the messages still in their queues at the end,
    /// <paramref name="crashes"/> the instants a node was killed (SIGKILL), if any.
    /// </summary>
    public static CheckResult Check(IReadOnlyList<HistoryEvent> history, IReadOnlyCollection<MessageKey> remaining, IReadOnlyCollection<DateTimeOffset>? crashes = null)
    {
        crashes ??= [];
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(remaining);
        var completions = history.Where(e => e.Type != EventType.Invoke).ToDictionary(e => e.Op);
        var operations = history
            .Where(e => e.Type == EventType.Invoke)
            .Select(invoke => new Operation(invoke, completions.GetValueOrDefault(invoke.Op)))
            .ToArray();
        var remainingSet = remaining.ToHashSet();
        var violations = new List<Violation>();

        var publishes = operations.Where(o => o.Kind == OperationKind.Publish).ToArray();
        var publishesByKey = publishes.GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.ToArray());
        var deliveries = operations
            .Where(o => o.Kind == OperationKind.Receive && o.Type == EventType.Ok)
            .SelectMany(o => o.Completion!.Deliveries.Select(d => new Delivered(new MessageKey(o.Queue, d.Id), d, o)))
            .ToArray();
        var deliveriesByKey = deliveries.GroupBy(d => d.Key).ToDictionary(g => g.Key, g => g.OrderBy(d => d.Delivery.ReceiveCount).ToArray());
        var acks = operations.Where(o => o.Kind == OperationKind.Ack).ToArray();

        IReadOnlyList<HistoryEvent> Excerpt(MessageKey key) => ExcerptOf(history, key);

        // A publish answers the id it carried (the client id is also the dedup id, so a duplicate names it too).
        foreach (var publish in publishes.Where(p => p.Type == EventType.Ok && p.Completion!.MessageId != p.Invoke.MessageId))
        {
            violations.Add(new Violation(Rule.WrongIdAnswered, publish.Key,
                $"publish op {publish.Invoke.Op} carried id {publish.Invoke.MessageId} but was answered id {publish.Completion!.MessageId}", Excerpt(publish.Key)));
        }

        // Nothing acknowledged is lost.
        var acknowledged = publishesByKey.Where(p => p.Value.Any(o => o.Type == EventType.Ok)).Select(p => p.Key).ToHashSet();
        foreach (var key in acknowledged.Where(k => !deliveriesByKey.ContainsKey(k) && !remainingSet.Contains(k)).Order(KeyOrder.Instance))
        {
            var first = publishesByKey[key].First(o => o.Type == EventType.Ok);
            violations.Add(new Violation(Rule.LostAcknowledgedPublish, key,
                $"publish op {first.Invoke.Op} was acknowledged at {HistoryEvent.Clock(first.Completion!.At)}, but no receive returned the message and it is not in the queue at the end",
                Excerpt(key)));
        }

        // Only published messages are delivered.
        foreach (var key in deliveriesByKey.Keys.Order(KeyOrder.Instance))
        {
            if (!publishesByKey.TryGetValue(key, out var attempts))
            {
                violations.Add(new Violation(Rule.DeliveredUnpublished, key, "delivered, but no client ever published it", Excerpt(key)));
            }
            else if (attempts.All(o => o.Type == EventType.Fail))
            {
                violations.Add(new Violation(Rule.DeliveredUnpublished, key, "delivered, but every publish of it was refused", Excerpt(key)));
            }
        }

        // A lease is granted once: one token per receive count, one delivery per token. A lease goes out before its
        // write, so a crash in between loses it and the message is leased again with the same count; and a message is
        // leased as soon as it is published, before its write: if a crash loses that, the publish was never
        // acknowledged, and a client that publishes it again stores a new message, whose first lease has count 1 again.
        foreach (var (key, delivered) in deliveriesByKey)
        {
            var attempts = publishesByKey.GetValueOrDefault(key, []);
            foreach (var sameCount in delivered.GroupBy(d => d.Delivery.ReceiveCount))
            {
                var inOrder = sameCount.OrderBy(d => d.Receive.Completion!.Index).ToArray();
                var twice = inOrder.Zip(inOrder.Skip(1), (earlier, later) =>
                    earlier.Delivery.Token != later.Delivery.Token
                    && !CrashedBetween(crashes, earlier, later)
                    && !PublishedAgainAfterLoss(attempts, earlier, later)).Count(again => again);
                if (twice > 0)
                {
                    violations.Add(new Violation(Rule.LeaseGrantedTwice, key,
                        $"{twice + 1} different leases with receive count {sameCount.Key}", Excerpt(key)));
                }
            }

            foreach (var sameToken in delivered.GroupBy(d => d.Delivery.Token).Where(g => g.Count() > 1))
            {
                violations.Add(new Violation(Rule.LeaseGrantedTwice, key, $"lease {sameToken.Key} delivered {sameToken.Count()} times", Excerpt(key)));
            }
        }

        // Once acked, never delivered again.
        foreach (var ack in acks.Where(a => a.Type == EventType.Ok))
        {
            if (!deliveriesByKey.TryGetValue(ack.Key, out var delivered))
            {
                continue;
            }

            var lease = delivered.FirstOrDefault(d => d.Delivery.Token == ack.Invoke.Token);
            var acked = ack.Completion!.At;
            foreach (var again in delivered.Where(d => d.Delivery.Token != ack.Invoke.Token
                         && ((lease is not null && d.Delivery.ReceiveCount > lease.Delivery.ReceiveCount) || d.Receive.Invoke.At > acked)))
            {
                violations.Add(new Violation(Rule.DeliveredAfterAck, ack.Key,
                    $"ack op {ack.Invoke.Op} of lease {ack.Invoke.Token} (receive count {lease?.Delivery.ReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}) succeeded at {HistoryEvent.Clock(acked)}, "
                    + $"then receive op {again.Receive.Invoke.Op} (sent {HistoryEvent.Clock(again.Receive.Invoke.At)}) delivered it again with receive count {again.Delivery.ReceiveCount}",
                    Excerpt(ack.Key)));
            }
        }

        // Never early.
        var lateness = new Dictionary<MessageKey, TimeSpan>();
        foreach (var (key, delivered) in deliveriesByKey)
        {
            if (!publishesByKey.TryGetValue(key, out var attempts) || attempts[0].Invoke.DeliverAt is not { } due)
            {
                continue;
            }

            foreach (var d in delivered)
            {
                var leasedAt = d.Delivery.FirstReceivedAt;
                if (leasedAt < due || d.Receive.Completion!.At < due)
                {
                    violations.Add(new Violation(Rule.DeliveredEarly, key,
                        $"due {HistoryEvent.Clock(due)}, first leased at {(leasedAt is { } l ? HistoryEvent.Clock(l) : "?")} by the server's clock, "
                        + $"in receive op {d.Receive.Invoke.Op} answered at {HistoryEvent.Clock(d.Receive.Completion!.At)}",
                        Excerpt(key)));
                }
            }

            if (delivered[0].Delivery.FirstReceivedAt is { } first)
            {
                lateness[key] = first - due;
            }
        }

        var unknown = publishesByKey.Where(p => !acknowledged.Contains(p.Key) && p.Value.Any(o => o.Type == EventType.Info)).Select(p => p.Key).ToArray();
        var deliveryCounts = deliveriesByKey.Values.Select(d => d.Length).ToArray();
        return new CheckResult
        {
            Violations = violations,
            Publishes = Count(publishes),
            Receives = Count(operations.Where(o => o.Kind == OperationKind.Receive)),
            Acks = Count(acks),
            AcknowledgedMessages = acknowledged.Count,
            DuplicateAnswers = publishes.Count(p => p.Type == EventType.Ok && p.Completion!.Duplicate),
            UnknownMessages = unknown.Length,
            UnknownMessagesStored = unknown.Count(k => deliveriesByKey.ContainsKey(k) || remainingSet.Contains(k)),
            Deliveries = deliveries.Length,
            DistinctDelivered = deliveriesByKey.Count,
            DuplicateDeliveries = deliveryCounts.Sum(n => n - 1),
            MessagesDeliveredMoreThanOnce = deliveryCounts.Count(n => n > 1),
            MostDeliveriesOfOneMessage = deliveryCounts.DefaultIfEmpty(0).Max(),
            Remaining = remainingSet.Count,
            Lateness = lateness,
        };
    }

    /// <summary>
    /// True when a node was killed after <paramref name="earlier"/> was asked for and before <paramref name="later"/> was
    /// answered: the earlier lease may have been lost with its write. (Any node: the history does not say where a queue
    /// lives.)
    /// </summary>
    private static bool CrashedBetween(IReadOnlyCollection<DateTimeOffset> crashes, Delivered earlier, Delivered later) =>
        crashes.Any(crash => crash >= earlier.Receive.Invoke.At && crash <= later.Receive.Completion!.At);

    /// <summary>
    /// True when <paramref name="later"/> may lease a new message under the same id: no publish of it had been
    /// acknowledged when <paramref name="earlier"/> leased it (so a crash could lose it with its write), and it was
    /// published again between the two.
    /// </summary>
    private static bool PublishedAgainAfterLoss(IReadOnlyList<Operation> publishes, Delivered earlier, Delivered later)
    {
        // By the entries' order in the history, which is the order they happened in.
        var firstLeased = earlier.Receive.Completion!.Index;
        var leasedAgain = later.Receive.Completion!.Index;
        return !publishes.Any(p => p.Type == EventType.Ok && p.Completion!.Index < firstLeased)
            && publishes.Any(p => p.Invoke.Index > firstLeased && p.Invoke.Index < leasedAgain);
    }

    private static OutcomeCounts Count(IEnumerable<Operation> operations)
    {
        var list = operations.ToArray();
        return new OutcomeCounts(list.Count(o => o.Type == EventType.Ok), list.Count(o => o.Type == EventType.Fail), list.Count(o => o.Type == EventType.Info));
    }

    // The entries that name the message: its publishes and acks (invoke and completion), and the receives that
    // returned it; the most recent ones when there are many.
    private static IReadOnlyList<HistoryEvent> ExcerptOf(IReadOnlyList<HistoryEvent> history, MessageKey key)
    {
        var receiveOps = history
            .Where(e => e.Kind == OperationKind.Receive && e.Queue == key.Queue && e.Deliveries.Any(d => d.Id == key.Id))
            .Select(e => e.Op)
            .ToHashSet();
        var about = history
            .Where(e => e.Queue == key.Queue && (e.MessageId == key.Id || receiveOps.Contains(e.Op)))
            .Select(e => e.Kind == OperationKind.Receive ? e with { Deliveries = [.. e.Deliveries.Where(d => d.Id == key.Id)] } : e)
            .ToArray();
        return about.Length <= MaxExcerpt ? about : [.. about.Take(4), .. about.TakeLast(MaxExcerpt - 4)];
    }

    /// <summary>An operation: its invocation and its completion (null when it never completed: unknown).</summary>
    private sealed record Operation(HistoryEvent Invoke, HistoryEvent? Completion)
    {
        public OperationKind Kind => Invoke.Kind;

        public string Queue => Invoke.Queue;

        public EventType Type => Completion?.Type ?? EventType.Info;

        public MessageKey Key => new(Invoke.Queue, Invoke.MessageId ?? "");
    }

    /// <summary>One message in one successful receive.</summary>
    private sealed record Delivered(MessageKey Key, Delivery Delivery, Operation Receive);

    private sealed class KeyOrder : IComparer<MessageKey>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare(MessageKey x, MessageKey y)
        {
            var byQueue = string.CompareOrdinal(x.Queue, y.Queue);
            return byQueue != 0 ? byQueue : string.CompareOrdinal(x.Id, y.Id);
        }
    }
}
