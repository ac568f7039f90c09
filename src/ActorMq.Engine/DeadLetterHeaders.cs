namespace ActorMq.Engine;

/// <summary>Headers a dead-letter copy gets, saying why and from where.</summary>
public static class DeadLetterHeaders
{
    /// <summary><c>maxReceives</c>, <c>nack</c> or <c>expired</c>.</summary>
    public const string Reason = "x-dead-letter-reason";

    /// <summary>The queue the message came from.</summary>
    public const string Source = "x-dead-letter-source";

    /// <summary>When it was dead-lettered (RFC 3339, UTC).</summary>
    public const string At = "x-dead-letter-at";

    /// <summary>The text of a reason as it appears in <see cref="Reason"/>.</summary>
    public static string ReasonText(TransferReason reason) => reason switch
    {
        TransferReason.MaxReceives => "maxReceives",
        TransferReason.Nack => "nack",
        TransferReason.Expired => "expired",
        TransferReason.Redrive => "redrive",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "unknown transfer reason"),
    };
}
