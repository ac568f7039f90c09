namespace ActorMq.Integration.Tests.History;

/// <summary>The rules <see cref="HistoryChecker"/> checks; a <see cref="Violation"/> names the one it breaks.</summary>
public enum Rule
{
    /// <summary>A publish was acknowledged (201, or 200 duplicate) but the message was never received and is not in the queue.</summary>
    LostAcknowledgedPublish,

    /// <summary>A message was delivered again after an ack of one of its leases succeeded.</summary>
    DeliveredAfterAck,

    /// <summary>A scheduled message was leased before its deliverAt.</summary>
    DeliveredEarly,

    /// <summary>A delivered message was never published, or every publish of it was refused.</summary>
    DeliveredUnpublished,

    /// <summary>
    /// Two leases carry one receive count, or one lease was delivered twice: two writers, or a lost write — other than
    /// one lost in a crash between the two leases, or an unacknowledged publish sent again (a new message).
    /// </summary>
    LeaseGrantedTwice,

    /// <summary>A publish answered an id other than the client id it carried (which was also its dedup id).</summary>
    WrongIdAnswered,
}
