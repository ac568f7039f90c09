using System.Runtime.Serialization;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Serialization;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// ActorMq's own Akka serializer: a compact binary format for every <see cref="IActorMqMessage"/>, every
/// <see cref="IQueueEvent"/> and <see cref="QueueSnapshot"/> — what the journal, the snapshot store and remoting
/// carry. Each type has a short stable manifest (<see cref="ActorMqManifests"/>) and every payload starts with a format
/// version byte (<see cref="FormatVersion"/>), so a type can change shape and old payloads still be read. Registered by
/// <see cref="ActorMqSerialization.Hocon"/>.
/// </summary>
public sealed class ActorMqSerializer : SerializerWithStringManifest
{
    /// <summary>
    /// The serializer's id, written next to every payload by remoting and persistence. 7301: outside Akka's reserved
    /// 0-100 and the ids of Akka's own plugins. Never change it: stored payloads name their serializer by this number.
    /// </summary>
    public const int SerializerIdentifier = 7301;

    /// <summary>
    /// The format version written first in every payload. 2 added <see cref="StoredMessage.ParkedIn"/> and
    /// <see cref="QueueSnapshot.Buckets"/>; 3 writes a snapshot's messages in chunks, each prefixed by its length, so
    /// that they are read in parallel. Payloads of versions 1 and 2 are still read.
    /// </summary>
    public const byte FormatVersion = 3;

    /// <summary>The oldest format version this node reads.</summary>
    public const byte OldestReadableVersion = 1;

    /// <summary>Created by Akka when the actor system loads its serializers.</summary>
    public ActorMqSerializer(ExtendedActorSystem system)
        : base(system)
    {
    }

    /// <inheritdoc />
    public override int Identifier => SerializerIdentifier;

    /// <inheritdoc />
    public override string Manifest(object o) => o switch
    {
        QueueRequest => ActorMqManifests.QueueRequest,
        QueueResponse => ActorMqManifests.QueueResponse,
        TransferBatch => ActorMqManifests.TransferBatch,
        TransfersStored => ActorMqManifests.TransfersStored,
        GetQueue => ActorMqManifests.GetQueue,
        GetMessage => ActorMqManifests.GetMessage,
        BrowseMessages => ActorMqManifests.BrowseMessages,
        ListQueues => ActorMqManifests.ListQueues,
        QueueList => ActorMqManifests.QueueList,
        QueueEventBatch => ActorMqManifests.QueueEventBatch,
        QueueSnapshotRecord => ActorMqManifests.QueueSnapshotRecord,
        CatalogChanged => ActorMqManifests.CatalogChanged,
        CatalogRecorded => ActorMqManifests.CatalogRecorded,
        CatalogSnapshot => ActorMqManifests.CatalogSnapshot,
        QueueSnapshot => ActorMqManifests.QueueSnapshot,
        QueueConfigured => ActorMqManifests.QueueConfigured,
        QueueDeleted => ActorMqManifests.QueueDeleted,
        MessagePublished => ActorMqManifests.MessagePublished,
        MessageReady => ActorMqManifests.MessageReady,
        MessageLeased => ActorMqManifests.MessageLeased,
        MessageAcked => ActorMqManifests.MessageAcked,
        MessagePopped => ActorMqManifests.MessagePopped,
        LeaseReleased => ActorMqManifests.LeaseReleased,
        LeaseExtended => ActorMqManifests.LeaseExtended,
        MessageDeadLettered => ActorMqManifests.MessageDeadLettered,
        MessageExpired => ActorMqManifests.MessageExpired,
        MessageRedriven => ActorMqManifests.MessageRedriven,
        MessageEdited => ActorMqManifests.MessageEdited,
        MessageCancelled => ActorMqManifests.MessageCancelled,
        QueuePurged => ActorMqManifests.QueuePurged,
        TransferConfirmed => ActorMqManifests.TransferConfirmed,
        BucketOpened => ActorMqManifests.BucketOpened,
        MessagesParked => ActorMqManifests.MessagesParked,
        MessageUnparked => ActorMqManifests.MessageUnparked,
        BucketClosed => ActorMqManifests.BucketClosed,
        EntriesParked => ActorMqManifests.EntriesParked,
        EntriesFired => ActorMqManifests.EntriesFired,
        ParkMessages => ActorMqManifests.ParkMessages,
        WakeBucket => ActorMqManifests.WakeBucket,
        ConfirmFired => ActorMqManifests.ConfirmFired,
        FetchParked => ActorMqManifests.FetchParked,
        ParkedFound => ActorMqManifests.ParkedFound,
        BucketStored => ActorMqManifests.BucketStored,
        BucketFiring => ActorMqManifests.BucketFiring,
        BucketEmpty => ActorMqManifests.BucketEmpty,
        _ => throw Unsupported(o),
    };

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        using var w = new PayloadWriter(EstimateSize(obj));
        w.WriteByte(FormatVersion);
        try
        {
            Write(w, obj);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NullReferenceException)
        {
            // A null where the format needs a value (the types' nullability says it cannot be, but a caller broke that).
            throw new SerializationException($"cannot serialize {obj.GetType().FullName}: a required member is missing or invalid ({e.Message})", e);
        }

        return w.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new SerializationException($"ActorMq payload of manifest '{manifest}' is empty: it lacks even its format version byte.");
        }

        if (bytes[0] is < OldestReadableVersion or > FormatVersion)
        {
            throw new SerializationException(
                $"ActorMq payload of manifest '{manifest}' has format version {bytes[0]}; this node reads versions {OldestReadableVersion}-{FormatVersion}. "
                + "It was written by a newer (or incompatible) ActorMq: upgrade this node.");
        }

        var r = new PayloadReader(bytes, 1, bytes[0]);
        try
        {
            var message = Read(ref r, manifest);
            r.EnsureEnd();
            return message;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OverflowException)
        {
            // e.g. duplicate header names, or values a constructor refuses: corrupt data, reported as such.
            throw new SerializationException($"ActorMq payload of manifest '{manifest}' is corrupt: {e.Message}", e);
        }
    }

    private static void Write(PayloadWriter w, object obj)
    {
        switch (obj)
        {
            case QueueRequest m:
                w.WriteString(m.Queue);
                w.WriteCommand(m.Command);
                w.WriteTimeSpan(m.Wait);
                break;
            case QueueResponse m:
                w.WriteNullableReply(m.Reply);
                w.WriteNullableError(m.Error);
                break;
            case TransferBatch m:
                w.WriteString(m.Queue);
                w.WriteString(m.SourceQueue);
                w.WriteTransferMessages(m.Messages);
                break;
            case TransfersStored m:
                w.WriteString(m.SourceQueue);
                w.WriteString(m.Queue);
                w.WriteStrings(m.TransferIds);
                break;
            case GetQueue m:
                w.WriteString(m.Queue);
                break;
            case GetMessage m:
                w.WriteString(m.Queue);
                w.WriteString(m.Id);
                break;
            case BrowseMessages m:
                w.WriteString(m.Queue);
                w.WriteMessageState(m.State);
                w.WriteInt32(m.Limit);
                w.WriteNullableString(m.After);
                break;
            case ListQueues:
                break;
            case QueueList m:
                w.WriteQueueInfos(m.Queues);
                break;
            case QueueEventBatch m:
                w.WriteCount(m.Events.Count);
                for (var i = 0; i < m.Events.Count; i++)
                {
                    w.WriteEvent(m.Events[i]);
                }

                break;
            case QueueSnapshotRecord m:
                w.WriteSnapshot(m.Snapshot);
                break;
            case CatalogChanged m:
                w.WriteString(m.Queue);
                w.WriteBool(m.Exists);
                break;
            case CatalogRecorded m:
                w.WriteString(m.Queue);
                w.WriteBool(m.Exists);
                break;
            case CatalogSnapshot m:
                w.WriteStrings(m.Queues);
                break;
            case QueueSnapshot m:
                w.WriteSnapshot(m);
                break;
            case IQueueEvent e:
                w.WriteEvent(e);
                break;
            case EntriesParked m:
                w.WriteStoredMessages(m.Messages);
                break;
            case EntriesFired m:
                w.WriteParkedRefs(m.Messages);
                break;
            case ParkMessages m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                w.WriteStoredMessages(m.Messages);
                break;
            case WakeBucket m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                break;
            case ConfirmFired m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                w.WriteParkedRefs(m.Messages);
                break;
            case FetchParked m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                w.WriteStrings(m.Ids);
                break;
            case ParkedFound m:
                w.WriteInt64(m.Bucket);
                w.WriteStoredMessages(m.Messages);
                break;
            case BucketStored m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                w.WriteParkedRefs(m.Messages);
                break;
            case BucketFiring m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                w.WriteStoredMessages(m.Messages);
                break;
            case BucketEmpty m:
                w.WriteString(m.Queue);
                w.WriteInt64(m.Bucket);
                break;
            default:
                throw Unsupported(obj);
        }
    }

    private static object Read(ref PayloadReader r, string manifest)
    {
        switch (manifest)
        {
            case ActorMqManifests.QueueRequest:
                return new QueueRequest(Queue: r.ReadString(), Command: r.ReadCommand(), Wait: r.ReadTimeSpan());
            case ActorMqManifests.QueueResponse:
                return new QueueResponse(Reply: r.ReadNullableReply(), Error: r.ReadNullableError());
            case ActorMqManifests.TransferBatch:
                return new TransferBatch(Queue: r.ReadString(), SourceQueue: r.ReadString(), Messages: r.ReadTransferMessages());
            case ActorMqManifests.TransfersStored:
                return new TransfersStored(SourceQueue: r.ReadString(), Queue: r.ReadString(), TransferIds: r.ReadStrings());
            case ActorMqManifests.GetQueue:
                return new GetQueue(r.ReadString());
            case ActorMqManifests.GetMessage:
                return new GetMessage(Queue: r.ReadString(), Id: r.ReadString());
            case ActorMqManifests.BrowseMessages:
                return new BrowseMessages(Queue: r.ReadString(), State: r.ReadMessageState(), Limit: r.ReadInt32(), After: r.ReadNullableString());
            case ActorMqManifests.ListQueues:
                return ListQueues.Instance;
            case ActorMqManifests.QueueList:
                return new QueueList(r.ReadQueueInfos());
            case ActorMqManifests.QueueEventBatch:
                var events = new IQueueEvent[r.ReadCount()];
                for (var i = 0; i < events.Length; i++)
                {
                    events[i] = r.ReadEvent();
                }

                return new QueueEventBatch(events);
            case ActorMqManifests.QueueSnapshotRecord:
                return new QueueSnapshotRecord(r.ReadSnapshot());
            case ActorMqManifests.CatalogChanged:
                return new CatalogChanged(Queue: r.ReadString(), Exists: r.ReadBool());
            case ActorMqManifests.CatalogRecorded:
                return new CatalogRecorded(Queue: r.ReadString(), Exists: r.ReadBool());
            case ActorMqManifests.CatalogSnapshot:
                return new CatalogSnapshot(r.ReadStrings());
            case ActorMqManifests.QueueSnapshot:
                return r.ReadSnapshot();
            case ActorMqManifests.QueueConfigured or ActorMqManifests.QueueDeleted or ActorMqManifests.MessagePublished
                or ActorMqManifests.MessageReady or ActorMqManifests.MessageLeased or ActorMqManifests.MessageAcked
                or ActorMqManifests.MessagePopped or ActorMqManifests.LeaseReleased or ActorMqManifests.LeaseExtended
                or ActorMqManifests.MessageDeadLettered or ActorMqManifests.MessageExpired or ActorMqManifests.MessageRedriven
                or ActorMqManifests.MessageEdited or ActorMqManifests.MessageCancelled or ActorMqManifests.QueuePurged
                or ActorMqManifests.TransferConfirmed or ActorMqManifests.BucketOpened or ActorMqManifests.MessagesParked
                or ActorMqManifests.MessageUnparked or ActorMqManifests.BucketClosed:
                // A single event carries its tag like an event of a batch; the manifest must agree with it.
                var e = r.ReadEvent();
                var expected = ActorMqManifestOf(e);
                return expected == manifest
                    ? e
                    : throw r.Corrupt($"manifest '{manifest}' holds a {e.GetType().Name}, whose manifest is '{expected}'");
            case ActorMqManifests.EntriesParked:
                return new EntriesParked(r.ReadStoredMessages());
            case ActorMqManifests.EntriesFired:
                return new EntriesFired(r.ReadParkedRefs());
            case ActorMqManifests.ParkMessages:
                return new ParkMessages(Queue: r.ReadString(), Bucket: r.ReadInt64(), Messages: r.ReadStoredMessages());
            case ActorMqManifests.WakeBucket:
                return new WakeBucket(Queue: r.ReadString(), Bucket: r.ReadInt64());
            case ActorMqManifests.ConfirmFired:
                return new ConfirmFired(Queue: r.ReadString(), Bucket: r.ReadInt64(), Messages: r.ReadParkedRefs());
            case ActorMqManifests.FetchParked:
                return new FetchParked(Queue: r.ReadString(), Bucket: r.ReadInt64(), Ids: r.ReadStrings());
            case ActorMqManifests.ParkedFound:
                return new ParkedFound(Bucket: r.ReadInt64(), Messages: r.ReadStoredMessages());
            case ActorMqManifests.BucketStored:
                return new BucketStored(Queue: r.ReadString(), Bucket: r.ReadInt64(), Messages: r.ReadParkedRefs());
            case ActorMqManifests.BucketFiring:
                return new BucketFiring(Queue: r.ReadString(), Bucket: r.ReadInt64(), Messages: r.ReadStoredMessages());
            case ActorMqManifests.BucketEmpty:
                return new BucketEmpty(Queue: r.ReadString(), Bucket: r.ReadInt64());
            default:
                throw new SerializationException(
                    $"unknown ActorMq manifest '{manifest}': no type of this node has it. It was written by a newer ActorMq "
                    + "(upgrade this node) or is not an ActorMq payload.");
        }
    }

    private static string ActorMqManifestOf(IQueueEvent e) => e switch
    {
        QueueConfigured => ActorMqManifests.QueueConfigured,
        QueueDeleted => ActorMqManifests.QueueDeleted,
        MessagePublished => ActorMqManifests.MessagePublished,
        MessageReady => ActorMqManifests.MessageReady,
        MessageLeased => ActorMqManifests.MessageLeased,
        MessageAcked => ActorMqManifests.MessageAcked,
        MessagePopped => ActorMqManifests.MessagePopped,
        LeaseReleased => ActorMqManifests.LeaseReleased,
        LeaseExtended => ActorMqManifests.LeaseExtended,
        MessageDeadLettered => ActorMqManifests.MessageDeadLettered,
        MessageExpired => ActorMqManifests.MessageExpired,
        MessageRedriven => ActorMqManifests.MessageRedriven,
        MessageEdited => ActorMqManifests.MessageEdited,
        MessageCancelled => ActorMqManifests.MessageCancelled,
        QueuePurged => ActorMqManifests.QueuePurged,
        TransferConfirmed => ActorMqManifests.TransferConfirmed,
        BucketOpened => ActorMqManifests.BucketOpened,
        MessagesParked => ActorMqManifests.MessagesParked,
        MessageUnparked => ActorMqManifests.MessageUnparked,
        BucketClosed => ActorMqManifests.BucketClosed,
        _ => throw Unsupported(e),
    };

    /// <summary>A first buffer size that spares a large snapshot most of its regrowth copies.</summary>
    private static int EstimateSize(object obj) => obj switch
    {
        QueueSnapshotRecord s => Estimate(s.Snapshot),
        QueueSnapshot s => Estimate(s),
        _ => 0,
    };

    private static int Estimate(QueueSnapshot s)
    {
        var bytes = 256L + (s.Dedup.Count * 64L) + (s.Outbox.Count * 256L);
        foreach (var m in s.Messages)
        {
            bytes += 96 + m.Body.Length;
        }

        return (int)Math.Min(bytes, Array.MaxLength);
    }

    private static SerializationException Unsupported(object o) =>
        new($"{nameof(ActorMqSerializer)} cannot serialize {o.GetType().FullName}: it is not an ActorMq message, event or snapshot. "
            + "Bind it to another serializer, or give it a manifest and a format.");
}
