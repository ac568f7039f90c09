namespace ActorMq.Integration.Tests.History;

/// <summary>One message in the answer of a successful receive, with what the server said about its lease.</summary>
/// <param name="Id">The message id.</param>
/// <param name="Token">The lease token.</param>
/// <param name="ReceiveCount">Leases granted on the message so far, this one included.</param>
/// <param name="DeliverAt">The message's deliverAt, if it was scheduled (the server's view).</param>
/// <param name="FirstReceivedAt">When the message was first leased (the server's clock).</param>
/// <param name="LeaseExpiresAt">When this lease ends (the server's clock).</param>
public sealed record Delivery(
    string Id, string Token, int ReceiveCount, DateTimeOffset? DeliverAt, DateTimeOffset? FirstReceivedAt, DateTimeOffset LeaseExpiresAt)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Id} rc={ReceiveCount} lease={Token}" + (DeliverAt is { } due ? $" due={HistoryEvent.Clock(due)}" : "")
        + (FirstReceivedAt is { } first ? $" first={HistoryEvent.Clock(first)}" : "");
}
