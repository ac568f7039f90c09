using System.Text;

namespace ActorMq.Integration.Tests.History;

/// <summary>What <see cref="HistoryChecker"/> found: the rules broken, and counts for the report.</summary>
public sealed class CheckResult
{
    /// <summary>Every broken rule; empty when the history is valid.</summary>
    public required IReadOnlyList<Violation> Violations { get; init; }

    /// <summary>True when no rule is broken.</summary>
    public bool Valid => Violations.Count == 0;

    /// <summary>Publish attempts by outcome.</summary>
    public required OutcomeCounts Publishes { get; init; }

    /// <summary>Receives by outcome.</summary>
    public required OutcomeCounts Receives { get; init; }

    /// <summary>Acks by outcome.</summary>
    public required OutcomeCounts Acks { get; init; }

    /// <summary>Messages with at least one acknowledged publish: each must be received or still be in its queue.</summary>
    public required int AcknowledgedMessages { get; init; }

    /// <summary>Publishes answered 200 <c>duplicate: true</c>: an attempt sent again after an unknown outcome, stored once by its dedup id.</summary>
    public required int DuplicateAnswers { get; init; }

    /// <summary>Messages whose every publish ended unknown (none acknowledged, not all refused).</summary>
    public required int UnknownMessages { get; init; }

    /// <summary>Of <see cref="UnknownMessages"/>, those that were stored after all (they were delivered or remain).</summary>
    public required int UnknownMessagesStored { get; init; }

    /// <summary>Messages in the answers of successful receives, counting each lease.</summary>
    public required int Deliveries { get; init; }

    /// <summary>Distinct messages delivered.</summary>
    public required int DistinctDelivered { get; init; }

    /// <summary>Deliveries beyond the first of each message: redeliveries of unacked messages (at-least-once allows them).</summary>
    public required int DuplicateDeliveries { get; init; }

    /// <summary>Messages delivered more than once.</summary>
    public required int MessagesDeliveredMoreThanOnce { get; init; }

    /// <summary>The most deliveries of one message.</summary>
    public required int MostDeliveriesOfOneMessage { get; init; }

    /// <summary>Messages still in their queues at the end.</summary>
    public required int Remaining { get; init; }

    /// <summary>
    /// For every scheduled message that was delivered: its first lease (the server's <c>firstReceivedAt</c>) minus the
    /// deliverAt its publish asked for. Never negative in a valid history.
    /// </summary>
    public required IReadOnlyDictionary<MessageKey, TimeSpan> Lateness { get; init; }

    /// <summary>The counts, one line each, and every violation with its excerpt.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"publishes: {Publishes}; acknowledged messages {AcknowledgedMessages} ({DuplicateAnswers} by a duplicate answer to an attempt sent again), unknown-outcome messages {UnknownMessages} (stored after all: {UnknownMessagesStored})");
        text.AppendLine($"receives: {Receives}; deliveries {Deliveries} of {DistinctDelivered} distinct messages; duplicates {DuplicateDeliveries} (messages delivered more than once: {MessagesDeliveredMoreThanOnce}, most deliveries of one: {MostDeliveriesOfOneMessage})");
        text.AppendLine($"acks: {Acks}; messages remaining in queues at the end: {Remaining}");
        text.AppendLine($"scheduled messages delivered: {Lateness.Count}; lateness (first lease - deliverAt): {Durations.Summary(Lateness.Values)}");
        text.AppendLine(Valid ? "checker: valid (no rule broken)" : $"checker: {Violations.Count} violation(s)");
        foreach (var violation in Violations.Take(50))
        {
            text.AppendLine(violation.ToString());
        }

        if (Violations.Count > 50)
        {
            text.AppendLine($"… and {Violations.Count - 50} more");
        }

        return text.ToString();
    }
}
