namespace ActorMq.Client;

/// <summary>What a <see cref="Subscription"/> was doing when something failed.</summary>
public enum SubscriptionErrorSource
{
    /// <summary>The handler threw; the message was nacked.</summary>
    Handler,

    /// <summary>A receive failed; the next one waits a little longer.</summary>
    Receive,

    /// <summary>Acking a handled message failed; it will be delivered again.</summary>
    Ack,

    /// <summary>Nacking (or releasing) a message failed; it comes back when its lease ends.</summary>
    Nack,

    /// <summary>Extending a lease failed; when the lease is lost the handler's token is cancelled.</summary>
    Extend,
}

/// <summary>A failure a <see cref="Subscription"/> met and carried on from.</summary>
/// <param name="Source">What it was doing.</param>
/// <param name="Exception">What was thrown.</param>
/// <param name="Message">The message concerned, if any.</param>
public sealed record SubscriptionError(SubscriptionErrorSource Source, Exception Exception, ReceivedMessage? Message);
