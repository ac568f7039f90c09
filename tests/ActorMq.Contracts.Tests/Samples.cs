using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

/// <summary>
/// Named instances of every type the serializer writes, with realistic, non-default values: nulls and non-nulls,
/// bodies with newlines, unicode, every byte 0-255 and numbers spelled <c>1.0e3</c>, every enum value.
/// </summary>
public static class Samples
{
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero).AddTicks(5_897_932);

    /// <summary>A JSON body whose text has raw newlines, an escaped one, unicode and a number spelled 1.0e3.</summary>
    public static readonly MessageBody JsonBody = MessageBody.Json(
        "{\n  \"order\": 42,\n  \"note\": \"line one\\nline two\",\n  \"amount\": 1.0e3,\n  \"customer\": \"Zoë Ødegård — 日本語 🚀\",\n  \"tags\": [1, -0.5E-7, null, true]\n}");

    /// <summary>A JSON body that is just a number, kept as spelled.</summary>
    public static readonly MessageBody NumberBody = MessageBody.Json("1.0e3");

    /// <summary>Every byte value, in order.</summary>
    public static readonly MessageBody AllBytesBody = MessageBody.Binary(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray());

    public static readonly MessageBody EmptyBinaryBody = MessageBody.Binary([]);

    public static readonly MessageHeaders Headers = MessageHeaders.From(new Dictionary<string, string>
    {
        ["traceparent"] = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        ["x-note"] = "multi\nline\r\nvalue",
        ["ünïcödé-名前"] = "値 🚀 ẞ",
        ["empty"] = "",
        [DeadLetterHeaders.Source] = "orders",
    });

    public static readonly QueueSettings CustomSettings = new()
    {
        VisibilityTimeout = TimeSpan.FromSeconds(45) + TimeSpan.FromTicks(123),
        MaxReceives = 3,
        DeadLetterQueue = "orders-dead",
        RetryDelay = TimeSpan.FromMilliseconds(2500),
        MessageTtl = TimeSpan.FromDays(7),
        DeadLetterExpired = true,
        DefaultPriority = 7,
        DedupWindow = TimeSpan.FromMinutes(10),
        MaxMessageBytes = 1_048_576,
        MaxDepth = 5_000_000_000,
    };

    public static readonly QueueInfo Info = new(
        "orders", CustomSettings, new QueueCounts(Ready: 1200, Scheduled: 30, Delayed: 4, Inflight: 77), new QueueTotals(98_765_432_100, 98_000_000_000, 97_999_999_000, 12, 3));

    public static readonly QueueInfo DefaultInfo = new("orders.dlq", QueueSettings.ForDeadLetterQueue(), default, default);

    /// <summary>In flight: every nullable member set.</summary>
    public static readonly StoredMessage Inflight = new(
        Id: "01JPB7Q3ZK8X4M2N6R9T0VWXYZ",
        Seq: 9_007_199_254_740_993,
        Body: JsonBody,
        ContentType: "application/json; charset=utf-8",
        Headers: Headers,
        Priority: 0,
        PublishedAt: T0,
        DeliverAt: T0.AddMinutes(5),
        Ttl: TimeSpan.FromHours(36),
        DedupId: "invoice-2025-03-14-0042",
        State: MessageState.Inflight,
        ReceiveCount: 4,
        FirstReceivedAt: T0.AddMinutes(5).AddMilliseconds(3),
        Lease: new Lease("1f3a", T0.AddMinutes(9)),
        DelayedUntil: null,
        Version: 11);

    /// <summary>Ready: every nullable member null.</summary>
    public static readonly StoredMessage Ready = new(
        "order:42~17", 17, AllBytesBody, null, MessageHeaders.Empty, 100, T0, null, null, null, MessageState.Ready, 0, null, null, null, 1);

    public static readonly StoredMessage Scheduled = Ready with
    {
        Id = "reminder.7",
        Seq = 18,
        Body = NumberBody,
        DeliverAt = new DateTimeOffset(2035, 1, 1, 0, 0, 0, TimeSpan.Zero),
        State = MessageState.Scheduled,
        Version = 3,
    };

    public static readonly StoredMessage Delayed = Inflight with
    {
        Id = "retry-me",
        Seq = 19,
        Body = EmptyBinaryBody,
        ContentType = null,
        State = MessageState.Delayed,
        Lease = null,
        DelayedUntil = T0.AddSeconds(30),
    };

    /// <summary>A scheduled message parked in the bucket starting at <see cref="Bucket"/>: no body or headers here.</summary>
    public static readonly StoredMessage Parked = Scheduled with
    {
        Id = "far-off",
        Seq = 20,
        Body = MessageBody.None,
        DeliverAt = new DateTimeOffset(2036, 6, 1, 12, 0, 0, TimeSpan.Zero),
        ParkedIn = Bucket,
        Version = 5,
    };

    /// <summary>A bucket's first instant in UTC ticks (2036-06-01 12:00).</summary>
    public const long Bucket = 642_122_640_000_000_000;

    public static readonly TransferMessage DeadLetter = new(
        "orders@638776648135897932:41", TransferReason.MaxReceives, "01JPB7Q3ZK8X4M2N6R9T0VWXYZ", JsonBody, "application/json", Headers, 3);

    public static readonly TransferMessage RedriveTransfer = new(
        "orders.dlq@638776648135897932:2", TransferReason.Redrive, "order:42~17", AllBytesBody, null, MessageHeaders.Empty, 100);

    public static readonly OutboundTransfer[] Outbox =
    [
        new("orders.dlq", DeadLetter),
        new("orders", RedriveTransfer),
        new("audit", DeadLetter with { TransferId = "orders@638776648135897932:42", Reason = TransferReason.Nack }),
        new("audit", DeadLetter with { TransferId = "orders@638776648135897932:43", Reason = TransferReason.Expired, ContentType = null }),
    ];

    public static readonly QueueSnapshot Snapshot = new(
        Name: "orders",
        Exists: true,
        CreatedAt: T0.AddDays(-30),
        Settings: CustomSettings,
        Totals: new QueueTotals(1_000_000, 999_000, 998_000, 55, 7),
        NextSeq: 9_007_199_254_740_994,
        NextLeaseSeq: 0x1f3b,
        NextTransferSeq: 44,
        Messages: [Ready, Scheduled, Delayed, Parked, Inflight],  // canonical order: by Seq
        Dedup:
        [
            new DedupEntry("invoice-2025-03-14-0042", Inflight.Id, T0.AddMinutes(10), MessageState.Scheduled, T0.AddMinutes(5)),
            new DedupEntry(DedupEntry.TransferKeyPrefix + "billing@1:9", "order:42~17", T0.AddHours(24), MessageState.Ready, null),
        ],
        Outbox: [.. Outbox.OrderBy(t => t.Message.TransferId, StringComparer.Ordinal)],
        Buckets: [Bucket - 600_000_000, Bucket]);

    public static readonly PublishRequest FullRequest = new()
    {
        Id = "order-42",
        Body = JsonBody,
        ContentType = "application/json",
        Headers = new Dictionary<string, string> { ["tenant"] = "acme", ["x-note"] = "a\nb", ["ключ"] = "значение" },
        Priority = 2,
        DeliverAt = T0.AddHours(1),
        Delay = TimeSpan.FromSeconds(90),
        Ttl = TimeSpan.FromDays(1),
        DedupId = "dedup-42",
    };

    public static readonly PublishRequest MinimalRequest = new() { Body = AllBytesBody };

    /// <summary>Not valid yet (no body, a null header value): the engine refuses it, so the wire must carry it.</summary>
    public static readonly PublishRequest UnvalidatedRequest = new()
    {
        Body = null!,
        Headers = new Dictionary<string, string> { ["broken"] = null!, ["fine"] = "ok" },
        Priority = -1,
        Delay = TimeSpan.FromSeconds(-5),
    };

    public static readonly MessagePatch FullPatch = new()
    {
        DeliverAt = T0.AddDays(2),
        Delay = TimeSpan.FromMinutes(3),
        Priority = 1,
        Body = NumberBody,
        ContentType = "text/plain",
        Headers = new Dictionary<string, string> { ["k"] = "v\n2", ["🚀"] = "" },
    };

    public static readonly IQueueEvent[] Events =
    [
        new QueueConfigured(CustomSettings, Created: true, T0),
        new QueueDeleted(T0.AddDays(1)),
        new MessagePublished(Inflight.Id, 1, JsonBody, "application/json", Headers, 5, T0, T0.AddMinutes(5), TimeSpan.FromHours(1), "dedup-1", null),
        new MessagePublished("moved", 2, AllBytesBody, null, MessageHeaders.Empty, 100, T0, null, null, null, "orders@638776648135897932:41"),
        new MessageReady("reminder.7"),
        new MessageLeased(Inflight.Id, "1f3a", T0.AddSeconds(30), T0),
        new MessageAcked(Inflight.Id),
        new MessagePopped("order:42~17", T0.AddTicks(1)),
        new LeaseReleased(Inflight.Id, T0.AddSeconds(35)),
        new LeaseReleased("retry-me", null),
        new LeaseExtended(Inflight.Id, T0.AddMinutes(12)),
        new MessageDeadLettered(Inflight.Id, TransferReason.MaxReceives, T0, "orders.dlq", "orders@638776648135897932:41"),
        new MessageDeadLettered("dropped", TransferReason.Expired, T0, null, null),
        new MessageExpired("stale", T0.AddDays(7)),
        new MessageRedriven("order:42~17", "orders", "orders.dlq@638776648135897932:2"),
        new MessageEdited(Inflight.Id, 9, NumberBody, "text/plain", Headers, T0.AddHours(3), MessageState.Scheduled),
        new MessageEdited("retry-me", 100, EmptyBinaryBody, null, MessageHeaders.Empty, null, MessageState.Delayed),
        new MessageCancelled("reminder.7"),
        new QueuePurged(T0.AddHours(2)),
        new TransferConfirmed("orders@638776648135897932:41"),
        new BucketOpened(Bucket),
        new MessagesParked(Bucket, ["far-off", "reminder.7"]),
        new MessageUnparked("far-off", JsonBody, Headers),
        new BucketClosed(-Bucket),
    ];

    public static readonly IScheduleEvent[] ScheduleEvents =
    [
        new EntriesParked([Scheduled, Parked with { Body = JsonBody, Headers = Headers, ParkedIn = null }]),
        new EntriesParked([]),
        new EntriesFired([new ParkedRef("far-off", 5), new ParkedRef("reminder.7", long.MaxValue)]),
    ];

    public static readonly QueueCommand[] Commands =
    [
        new ConfigureQueue(CustomSettings),
        new ConfigureQueue(QueueSettings.Default),
        DeleteQueue.Instance,
        new Publish([FullRequest, MinimalRequest], AutoCreate: true),
        new Publish([UnvalidatedRequest], AutoCreate: false),
        new Publish([MinimalRequest], AutoCreate: true, IsBatch: true),
        new Receive(10, TimeSpan.FromSeconds(90)),
        new Receive(1, null),
        new Pop(1000),
        new Ack([new LeaseRef(Inflight.Id, "1f3a"), new LeaseRef("order:42~17", "ff")]),
        new Ack([]),
        new Nack(Inflight.Id, "1f3a", TimeSpan.FromSeconds(5), DeadLetter: false),
        new Nack(Inflight.Id, "1f3a", null, DeadLetter: true),
        new Extend(Inflight.Id, "1f3a", TimeSpan.FromMinutes(2)),
        new Extend(Inflight.Id, "1f3a", null),
        new EditMessage("reminder.7", FullPatch, IfMatch: 3),
        new EditMessage("reminder.7", new MessagePatch(), IfMatch: null),
        new CancelMessage("reminder.7", 3),
        new CancelMessage("reminder.7", null),
        Purge.Instance,
        Tick.Instance,
        SweepExpired.Instance,
        new AcceptTransfers([DeadLetter, RedriveTransfer]),
        new ConfirmTransfers(["orders@638776648135897932:41", "orders@638776648135897932:42"]),
        new Redrive("orders", 100),
        new Redrive(null, null),
    ];

    public static readonly QueueReply[] Replies =
    [
        new QueueConfiguredReply(Created: true, Info),
        new QueueConfiguredReply(Created: false, DefaultInfo),
        QueueDeletedReply.Instance,
        new Published(
        [
            new PublishResult("order-42", MessageState.Scheduled, T0.AddHours(1), Duplicate: false),
            new PublishResult("01JPB7Q3ZK8X4M2N6R9T0VWXYZ", MessageState.Ready, null, Duplicate: true),
        ]),
        new Delivered([Inflight, Inflight with { Id = "second", Lease = new Lease("1f3b", T0.AddMinutes(9)) }]),
        new Delivered([]),
        new Acked(
        [
            new AckResult(Inflight.Id, null),
            new AckResult("second", new QueueError(ErrorKind.StaleLease, "token", "cannot use lease on message 'second': that lease expired.")),
        ]),
        Done.Instance,
        new Extended(T0.AddMinutes(12)),
        new Extended(new DateTimeOffset(2025, 3, 14, 11, 0, 0, TimeSpan.FromHours(2))),
        new Edited(Scheduled),
        new Removed(1234),
        new TransfersAccepted(3, 1),
        new RedriveStarted(Outbox),
        new QueueFound(Info),
        new MessageFound(Delayed),
        new MessagesBrowsed(new BrowsePage([Ready, Scheduled], "Mi4xMDAuMTc")),
        new MessagesBrowsed(new BrowsePage([], null)),
        new Redriven(250),
    ];

    public static readonly QueueError[] Errors =
    [
        new(ErrorKind.Invalid, "messages[0].ttlSeconds", "'messages[0].ttlSeconds' must be more than 0 and at most 315360000 seconds."),
        new(ErrorKind.NotFound, "queue", "Queue 'orders' does not exist."),
        new(ErrorKind.StaleLease, "token", "the token is not the message's current lease"),
        new(ErrorKind.Conflict, "id", "cannot edit message 'x' while it is in flight."),
        new(ErrorKind.PreconditionFailed, "If-Match", "message 'x' is at version 4, not 3."),
        new(ErrorKind.TooLarge, "body", "'body' is 300000 bytes; the queue's maxMessageBytes is 262144."),
        new(ErrorKind.DepthExceeded, null, "queue 'orders' is full.\nNothing was stored."),
        new(ErrorKind.Unavailable, null, "the store failed: SQLite Error 5: 'database is locked'."),
    ];

    /// <summary>Every sample, by a unique name: what the round-trip theories run over.</summary>
    public static IReadOnlyDictionary<string, object> All { get; } = Build();

    private static Dictionary<string, object> Build()
    {
        var all = new Dictionary<string, object>(StringComparer.Ordinal);
        void Add(string name, object message) => all.Add(all.ContainsKey(name) ? $"{name} #{all.Count}" : name, message);

        foreach (var command in Commands)
        {
            Add($"QueueRequest {command.GetType().Name}", new QueueRequest("orders", command));
        }

        Add("QueueRequest long-poll Receive", new QueueRequest("orders.dlq", new Receive(1000, null), TimeSpan.FromSeconds(20)));
        foreach (var reply in Replies)
        {
            Add($"QueueResponse {reply.GetType().Name}", QueueResponse.Ok(reply));
        }

        foreach (var error in Errors)
        {
            Add($"QueueResponse error {error.Kind}", QueueResponse.Fail(error));
        }

        Add("QueueResponse neither", new QueueResponse(null, null));
        Add("TransferBatch", new TransferBatch("orders.dlq", "orders", [DeadLetter, RedriveTransfer]));
        Add("TransferBatch empty", new TransferBatch("orders.dlq", "orders", []));
        Add("TransfersStored", new TransfersStored("orders", "orders.dlq", ["orders@638776648135897932:41", "orders@638776648135897932:42"]));
        Add("GetQueue", new GetQueue("orders"));
        Add("GetMessage", new GetMessage("orders", "order:42~17"));
        foreach (var state in Enum.GetValues<MessageState>())
        {
            Add($"BrowseMessages {state}", new BrowseMessages("orders", state, 100, state == MessageState.Ready ? "Mi4xMDAuMTc" : null));
        }

        Add("ListQueues", ListQueues.Instance);
        Add("QueueList", new QueueList([Info, DefaultInfo]));
        Add("QueueList empty", new QueueList([]));
        Add("QueueEventBatch every event", new QueueEventBatch(Events));
        Add("QueueEventBatch empty", new QueueEventBatch([]));
        Add("QueueSnapshotRecord", new QueueSnapshotRecord(Snapshot));
        Add("QueueSnapshotRecord of a queue never created", new QueueSnapshotRecord(new QueueState("never").ToSnapshot()));
        Add("CatalogChanged exists", new CatalogChanged("orders", true));
        Add("CatalogChanged deleted", new CatalogChanged("orders.dlq", false));
        Add("CatalogRecorded exists", new CatalogRecorded("orders", true));
        Add("CatalogRecorded deleted", new CatalogRecorded("orders.dlq", false));
        Add("CatalogSnapshot", new CatalogSnapshot(["audit", "orders", "orders.dlq"]));
        Add("CatalogSnapshot empty", new CatalogSnapshot([]));
        Add("QueueSnapshot unwrapped", Snapshot);
        foreach (var e in Events)
        {
            Add($"event {e.GetType().Name}", e);
        }

        foreach (var e in ScheduleEvents)
        {
            Add($"schedule event {e.GetType().Name}", e);
        }

        Add("ParkMessages", new ParkMessages("orders", Bucket, [Scheduled, Inflight]));
        Add("WakeBucket", new WakeBucket("orders", Bucket));
        Add("ConfirmFired", new ConfirmFired("orders", Bucket, [new ParkedRef("far-off", 5)]));
        Add("FetchParked", new FetchParked("orders", Bucket, ["far-off", "reminder.7"]));
        Add("ParkedFound", new ParkedFound(Bucket, [Scheduled]));
        Add("ParkedFound empty", new ParkedFound(0, []));
        Add("BucketStored", new BucketStored("orders", Bucket, [new ParkedRef("far-off", 5)]));
        Add("BucketFiring", new BucketFiring("orders", Bucket, [Scheduled, Delayed]));
        Add("BucketEmpty", new BucketEmpty("orders", long.MinValue));

        return all;
    }
}
