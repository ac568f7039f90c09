namespace ActorMq.Client;

/// <summary>
/// One message a <see cref="Subscription"/> holds, from its receive until it is settled (acked, nacked or released)
/// exactly once.
/// </summary>
internal sealed class Delivery(ReceivedMessage message, LeaseKeeper keeper)
{
    private int _settled;

    /// <summary>The message.</summary>
    public ReceivedMessage Message { get; } = message;

    /// <summary>Keeps its lease while it is held.</summary>
    public LeaseKeeper Keeper { get; } = keeper;

    /// <summary>True for the one caller that gets to settle the message.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;
}
