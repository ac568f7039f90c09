namespace ActorMq.Contracts.Serialization;

/// <summary>
/// The string manifest of every type <see cref="ActorMqSerializer"/> writes at top level. Journals, snapshot stores
/// and other nodes hold these strings: NEVER change a value and NEVER reuse one, not even for a type that was
/// deleted. A new type gets a new, unused manifest; a changed type keeps its manifest and gets a new format version.
/// </summary>
internal static class ActorMqManifests
{
    // ---- Contracts messages (bound through IActorMqMessage) ------------------------------------------------
    /// <summary><see cref="Commands.QueueRequest"/>.</summary>
    public const string QueueRequest = "QR";

    /// <summary><see cref="Commands.QueueResponse"/>.</summary>
    public const string QueueResponse = "QS";

    /// <summary><see cref="Commands.TransferBatch"/>.</summary>
    public const string TransferBatch = "TB";

    /// <summary><see cref="Commands.TransfersStored"/>.</summary>
    public const string TransfersStored = "TS";

    /// <summary><see cref="Queries.GetQueue"/>.</summary>
    public const string GetQueue = "GQ";

    /// <summary><see cref="Queries.GetMessage"/>.</summary>
    public const string GetMessage = "GM";

    /// <summary><see cref="Queries.BrowseMessages"/>.</summary>
    public const string BrowseMessages = "BM";

    /// <summary><see cref="Queries.ListQueues"/> (singleton).</summary>
    public const string ListQueues = "LQ";

    /// <summary><see cref="Queries.QueueList"/>.</summary>
    public const string QueueList = "QL";

    /// <summary><see cref="Persistence.QueueEventBatch"/>: a journal entry.</summary>
    public const string QueueEventBatch = "EB";

    /// <summary><see cref="Persistence.QueueSnapshotRecord"/>: a snapshot-store entry.</summary>
    public const string QueueSnapshotRecord = "SN";

    /// <summary><see cref="Persistence.CatalogChanged"/>: a journal entry of the catalog.</summary>
    public const string CatalogChanged = "CC";

    /// <summary><see cref="Persistence.CatalogRecorded"/>: the catalog's answer to a queue that told it of itself.</summary>
    public const string CatalogRecorded = "CR";

    /// <summary><see cref="Persistence.CatalogSnapshot"/>: a snapshot-store entry of the catalog.</summary>
    public const string CatalogSnapshot = "CS";

    // ---- Engine types bound directly (IQueueEvent, QueueSnapshot), should one be persisted unwrapped ---------
    /// <summary><see cref="Engine.QueueSnapshot"/> not wrapped in a record.</summary>
    public const string QueueSnapshot = "QN";

    /// <summary><see cref="Engine.QueueConfigured"/>.</summary>
    public const string QueueConfigured = "QC";

    /// <summary><see cref="Engine.QueueDeleted"/>.</summary>
    public const string QueueDeleted = "QD";

    /// <summary><see cref="Engine.MessagePublished"/>.</summary>
    public const string MessagePublished = "MP";

    /// <summary><see cref="Engine.MessageReady"/>.</summary>
    public const string MessageReady = "MR";

    /// <summary><see cref="Engine.MessageLeased"/>.</summary>
    public const string MessageLeased = "ML";

    /// <summary><see cref="Engine.MessageAcked"/>.</summary>
    public const string MessageAcked = "MA";

    /// <summary><see cref="Engine.MessagePopped"/>.</summary>
    public const string MessagePopped = "MO";

    /// <summary><see cref="Engine.LeaseReleased"/>.</summary>
    public const string LeaseReleased = "LR";

    /// <summary><see cref="Engine.LeaseExtended"/>.</summary>
    public const string LeaseExtended = "LX";

    /// <summary><see cref="Engine.MessageDeadLettered"/>.</summary>
    public const string MessageDeadLettered = "MD";

    /// <summary><see cref="Engine.MessageExpired"/>.</summary>
    public const string MessageExpired = "MX";

    /// <summary><see cref="Engine.MessageRedriven"/>.</summary>
    public const string MessageRedriven = "MV";

    /// <summary><see cref="Engine.MessageEdited"/>.</summary>
    public const string MessageEdited = "ME";

    /// <summary><see cref="Engine.MessageCancelled"/>.</summary>
    public const string MessageCancelled = "MC";

    /// <summary><see cref="Engine.QueuePurged"/>.</summary>
    public const string QueuePurged = "QP";

    /// <summary><see cref="Engine.TransferConfirmed"/>.</summary>
    public const string TransferConfirmed = "TC";

    /// <summary><see cref="Engine.BucketOpened"/>.</summary>
    public const string BucketOpened = "BO";

    /// <summary><see cref="Engine.MessagesParked"/>.</summary>
    public const string MessagesParked = "MK";

    /// <summary><see cref="Engine.MessageUnparked"/>.</summary>
    public const string MessageUnparked = "MU";

    /// <summary><see cref="Engine.BucketClosed"/>.</summary>
    public const string BucketClosed = "BC";

    // ---- Schedule buckets: their journal entries (engine types) and their protocol ------------------------------
    /// <summary><see cref="Engine.EntriesParked"/>: a journal entry of a schedule bucket.</summary>
    public const string EntriesParked = "SP";

    /// <summary><see cref="Engine.EntriesFired"/>: a journal entry of a schedule bucket.</summary>
    public const string EntriesFired = "SF";

    /// <summary><see cref="Schedules.ParkMessages"/>.</summary>
    public const string ParkMessages = "PK";

    /// <summary><see cref="Schedules.WakeBucket"/>.</summary>
    public const string WakeBucket = "WB";

    /// <summary><see cref="Schedules.ConfirmFired"/>.</summary>
    public const string ConfirmFired = "CF";

    /// <summary><see cref="Schedules.FetchParked"/>.</summary>
    public const string FetchParked = "FP";

    /// <summary><see cref="Schedules.ParkedFound"/>.</summary>
    public const string ParkedFound = "PF";

    /// <summary><see cref="Schedules.BucketStored"/>.</summary>
    public const string BucketStored = "BS";

    /// <summary><see cref="Schedules.BucketFiring"/>.</summary>
    public const string BucketFiring = "BF";

    /// <summary><see cref="Schedules.BucketEmpty"/>.</summary>
    public const string BucketEmpty = "BE";
}
