namespace ActorMq.Client;

/// <summary>The live states of a message (DESIGN.md section 1).</summary>
public enum MessageState
{
    /// <summary>Deliverable now, in order of priority, then publish order.</summary>
    Ready,

    /// <summary>Published with a <c>deliverAt</c> in the future; not delivered before then.</summary>
    Scheduled,

    /// <summary>Waiting out a retry delay after a nack or an expired lease; ready after it.</summary>
    Delayed,

    /// <summary>Leased to a consumer, until the lease is acked, nacked, or expires.</summary>
    Inflight,
}
