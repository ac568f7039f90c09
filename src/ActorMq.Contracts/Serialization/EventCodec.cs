using System.Runtime.Serialization;
using ActorMq.Engine;

namespace ActorMq.Contracts.Serialization;

/// <summary>Every <see cref="IQueueEvent"/>: its <see cref="WireTags.Event"/> tag, then its fields. What the journal holds.</summary>
internal static class EventCodec
{
    public static void WriteEvent(this PayloadWriter w, IQueueEvent e)
    {
        switch (e)
        {
            case QueueConfigured c:
                w.WriteByte(WireTags.Event.QueueConfigured);
                w.WriteSettings(c.Settings);
                w.WriteBool(c.Created);
                w.WriteDateTimeOffset(c.At);
                break;
            case QueueDeleted c:
                w.WriteByte(WireTags.Event.QueueDeleted);
                w.WriteDateTimeOffset(c.At);
                break;
            case MessagePublished c:
                w.WriteByte(WireTags.Event.MessagePublished);
                w.WriteString(c.Id);
                w.WriteInt64(c.Seq);
                w.WriteBody(c.Body);
                w.WriteNullableString(c.ContentType);
                w.WriteHeaders(c.Headers);
                w.WriteInt32(c.Priority);
                w.WriteDateTimeOffset(c.PublishedAt);
                w.WriteNullableDateTimeOffset(c.DeliverAt);
                w.WriteNullableTimeSpan(c.Ttl);
                w.WriteNullableString(c.DedupId);
                w.WriteNullableString(c.TransferId);
                break;
            case MessageReady c:
                w.WriteByte(WireTags.Event.MessageReady);
                w.WriteString(c.Id);
                break;
            case MessageLeased c:
                w.WriteByte(WireTags.Event.MessageLeased);
                w.WriteString(c.Id);
                w.WriteString(c.Token);
                w.WriteDateTimeOffset(c.ExpiresAt);
                w.WriteDateTimeOffset(c.At);
                break;
            case MessageAcked c:
                w.WriteByte(WireTags.Event.MessageAcked);
                w.WriteString(c.Id);
                break;
            case MessagePopped c:
                w.WriteByte(WireTags.Event.MessagePopped);
                w.WriteString(c.Id);
                w.WriteDateTimeOffset(c.At);
                break;
            case LeaseReleased c:
                w.WriteByte(WireTags.Event.LeaseReleased);
                w.WriteString(c.Id);
                w.WriteNullableDateTimeOffset(c.DelayedUntil);
                break;
            case LeaseExtended c:
                w.WriteByte(WireTags.Event.LeaseExtended);
                w.WriteString(c.Id);
                w.WriteDateTimeOffset(c.ExpiresAt);
                break;
            case MessageDeadLettered c:
                w.WriteByte(WireTags.Event.MessageDeadLettered);
                w.WriteString(c.Id);
                w.WriteTransferReason(c.Reason);
                w.WriteDateTimeOffset(c.At);
                w.WriteNullableString(c.TargetQueue);
                w.WriteNullableString(c.TransferId);
                break;
            case MessageExpired c:
                w.WriteByte(WireTags.Event.MessageExpired);
                w.WriteString(c.Id);
                w.WriteDateTimeOffset(c.At);
                break;
            case MessageRedriven c:
                w.WriteByte(WireTags.Event.MessageRedriven);
                w.WriteString(c.Id);
                w.WriteString(c.TargetQueue);
                w.WriteString(c.TransferId);
                break;
            case MessageEdited c:
                w.WriteByte(WireTags.Event.MessageEdited);
                w.WriteString(c.Id);
                w.WriteInt32(c.Priority);
                w.WriteBody(c.Body);
                w.WriteNullableString(c.ContentType);
                w.WriteHeaders(c.Headers);
                w.WriteNullableDateTimeOffset(c.DeliverAt);
                w.WriteMessageState(c.State);
                break;
            case MessageCancelled c:
                w.WriteByte(WireTags.Event.MessageCancelled);
                w.WriteString(c.Id);
                break;
            case QueuePurged c:
                w.WriteByte(WireTags.Event.QueuePurged);
                w.WriteDateTimeOffset(c.At);
                break;
            case TransferConfirmed c:
                w.WriteByte(WireTags.Event.TransferConfirmed);
                w.WriteString(c.TransferId);
                break;
            case BucketOpened c:
                w.WriteByte(WireTags.Event.BucketOpened);
                w.WriteInt64(c.Bucket);
                break;
            case MessagesParked c:
                w.WriteByte(WireTags.Event.MessagesParked);
                w.WriteInt64(c.Bucket);
                w.WriteStrings(c.Ids);
                break;
            case MessageUnparked c:
                w.WriteByte(WireTags.Event.MessageUnparked);
                w.WriteString(c.Id);
                w.WriteBody(c.Body);
                w.WriteHeaders(c.Headers);
                break;
            case BucketClosed c:
                w.WriteByte(WireTags.Event.BucketClosed);
                w.WriteInt64(c.Bucket);
                break;
            default:
                throw new SerializationException(
                    $"event {e.GetType().FullName} has no wire format; add it to {nameof(EventCodec)} with a new tag in {nameof(WireTags)} and a manifest in {nameof(ActorMqManifests)}.");
        }
    }

    public static IQueueEvent ReadEvent(this ref PayloadReader r) => r.ReadByte() switch
    {
        WireTags.Event.QueueConfigured => new QueueConfigured(Settings: r.ReadSettings(), Created: r.ReadBool(), At: r.ReadDateTimeOffset()),
        WireTags.Event.QueueDeleted => new QueueDeleted(r.ReadDateTimeOffset()),
        WireTags.Event.MessagePublished => new MessagePublished(
            Id: r.ReadString(),
            Seq: r.ReadInt64(),
            Body: r.ReadBody(),
            ContentType: r.ReadNullableString(),
            Headers: r.ReadHeaders(),
            Priority: r.ReadInt32(),
            PublishedAt: r.ReadDateTimeOffset(),
            DeliverAt: r.ReadNullableDateTimeOffset(),
            Ttl: r.ReadNullableTimeSpan(),
            DedupId: r.ReadNullableString(),
            TransferId: r.ReadNullableString()),
        WireTags.Event.MessageReady => new MessageReady(r.ReadString()),
        WireTags.Event.MessageLeased => new MessageLeased(Id: r.ReadString(), Token: r.ReadString(), ExpiresAt: r.ReadDateTimeOffset(), At: r.ReadDateTimeOffset()),
        WireTags.Event.MessageAcked => new MessageAcked(r.ReadString()),
        WireTags.Event.MessagePopped => new MessagePopped(Id: r.ReadString(), At: r.ReadDateTimeOffset()),
        WireTags.Event.LeaseReleased => new LeaseReleased(Id: r.ReadString(), DelayedUntil: r.ReadNullableDateTimeOffset()),
        WireTags.Event.LeaseExtended => new LeaseExtended(Id: r.ReadString(), ExpiresAt: r.ReadDateTimeOffset()),
        WireTags.Event.MessageDeadLettered => new MessageDeadLettered(
            Id: r.ReadString(),
            Reason: r.ReadTransferReason(),
            At: r.ReadDateTimeOffset(),
            TargetQueue: r.ReadNullableString(),
            TransferId: r.ReadNullableString()),
        WireTags.Event.MessageExpired => new MessageExpired(Id: r.ReadString(), At: r.ReadDateTimeOffset()),
        WireTags.Event.MessageRedriven => new MessageRedriven(Id: r.ReadString(), TargetQueue: r.ReadString(), TransferId: r.ReadString()),
        WireTags.Event.MessageEdited => new MessageEdited(
            Id: r.ReadString(),
            Priority: r.ReadInt32(),
            Body: r.ReadBody(),
            ContentType: r.ReadNullableString(),
            Headers: r.ReadHeaders(),
            DeliverAt: r.ReadNullableDateTimeOffset(),
            State: r.ReadMessageState()),
        WireTags.Event.MessageCancelled => new MessageCancelled(r.ReadString()),
        WireTags.Event.QueuePurged => new QueuePurged(r.ReadDateTimeOffset()),
        WireTags.Event.TransferConfirmed => new TransferConfirmed(r.ReadString()),
        WireTags.Event.BucketOpened => new BucketOpened(r.ReadInt64()),
        WireTags.Event.MessagesParked => new MessagesParked(Bucket: r.ReadInt64(), Ids: r.ReadStrings()),
        WireTags.Event.MessageUnparked => new MessageUnparked(Id: r.ReadString(), Body: r.ReadBody(), Headers: r.ReadHeaders()),
        WireTags.Event.BucketClosed => new BucketClosed(r.ReadInt64()),
        var tag => throw r.Corrupt($"unknown event tag {tag}"),
    };
}
