namespace ActorMq.Contracts.Serialization;

/// <summary>
/// The one-byte tags that say which command, reply or event follows inside a payload (a request's command, a
/// response's reply, the events of a batch). Persisted: NEVER change or reuse a value. 0 is never a tag, so a zeroed
/// buffer does not decode.
/// </summary>
internal static class WireTags
{
    /// <summary>Tags of <see cref="Engine.QueueCommand"/>s.</summary>
    public static class Command
    {
        public const byte ConfigureQueue = 1;
        public const byte DeleteQueue = 2;
        public const byte Publish = 3;
        public const byte Receive = 4;
        public const byte Pop = 5;
        public const byte Ack = 6;
        public const byte Nack = 7;
        public const byte Extend = 8;
        public const byte EditMessage = 9;
        public const byte CancelMessage = 10;
        public const byte Purge = 11;
        public const byte Tick = 12;
        public const byte SweepExpired = 13;
        public const byte AcceptTransfers = 14;
        public const byte ConfirmTransfers = 15;
        public const byte Redrive = 16;
    }

    /// <summary>Tags of <see cref="Engine.QueueReply"/>s, the engine's and the contracts' own.</summary>
    public static class Reply
    {
        public const byte QueueConfiguredReply = 1;
        public const byte QueueDeletedReply = 2;
        public const byte Published = 3;
        public const byte Delivered = 4;
        public const byte Acked = 5;
        public const byte Done = 6;
        public const byte Extended = 7;
        public const byte Edited = 8;
        public const byte Removed = 9;
        public const byte TransfersAccepted = 10;
        public const byte RedriveStarted = 11;
        public const byte QueueFound = 12;
        public const byte MessageFound = 13;
        public const byte MessagesBrowsed = 14;
        public const byte Redriven = 15;
    }

    /// <summary>Tags of <see cref="Engine.IQueueEvent"/>s.</summary>
    public static class Event
    {
        public const byte QueueConfigured = 1;
        public const byte QueueDeleted = 2;
        public const byte MessagePublished = 3;
        public const byte MessageReady = 4;
        public const byte MessageLeased = 5;
        public const byte MessageAcked = 6;
        public const byte MessagePopped = 7;
        public const byte LeaseReleased = 8;
        public const byte LeaseExtended = 9;
        public const byte MessageDeadLettered = 10;
        public const byte MessageExpired = 11;
        public const byte MessageRedriven = 12;
        public const byte MessageEdited = 13;
        public const byte MessageCancelled = 14;
        public const byte QueuePurged = 15;
        public const byte TransferConfirmed = 16;
        public const byte BucketOpened = 17;
        public const byte MessagesParked = 18;
        public const byte MessageUnparked = 19;
        public const byte BucketClosed = 20;
    }
}
