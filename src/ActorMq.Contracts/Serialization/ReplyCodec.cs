using System.Runtime.Serialization;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;

namespace ActorMq.Contracts.Serialization;

/// <summary>Every <see cref="QueueReply"/>, the engine's and the contracts' own: its <see cref="WireTags.Reply"/> tag, then its fields.</summary>
internal static class ReplyCodec
{
    public static void WriteReply(this PayloadWriter w, QueueReply reply)
    {
        switch (reply)
        {
            case QueueConfiguredReply c:
                w.WriteByte(WireTags.Reply.QueueConfiguredReply);
                w.WriteBool(c.Created);
                w.WriteQueueInfo(c.Queue);
                break;
            case QueueDeletedReply:
                w.WriteByte(WireTags.Reply.QueueDeletedReply);
                break;
            case Published c:
                w.WriteByte(WireTags.Reply.Published);
                w.WriteCount(c.Results.Count);
                for (var i = 0; i < c.Results.Count; i++)
                {
                    var result = c.Results[i];
                    w.WriteString(result.Id);
                    w.WriteMessageState(result.State);
                    w.WriteNullableDateTimeOffset(result.DeliverAt);
                    w.WriteBool(result.Duplicate);
                }

                break;
            case Delivered c:
                w.WriteByte(WireTags.Reply.Delivered);
                w.WriteStoredMessages(c.Messages);
                break;
            case Acked c:
                w.WriteByte(WireTags.Reply.Acked);
                w.WriteCount(c.Results.Count);
                for (var i = 0; i < c.Results.Count; i++)
                {
                    w.WriteString(c.Results[i].Id);
                    w.WriteNullableError(c.Results[i].Error);
                }

                break;
            case Done:
                w.WriteByte(WireTags.Reply.Done);
                break;
            case Extended c:
                w.WriteByte(WireTags.Reply.Extended);
                w.WriteDateTimeOffset(c.ExpiresAt);
                break;
            case Edited c:
                w.WriteByte(WireTags.Reply.Edited);
                w.WriteStoredMessage(c.Message);
                break;
            case Removed c:
                w.WriteByte(WireTags.Reply.Removed);
                w.WriteInt32(c.Count);
                break;
            case TransfersAccepted c:
                w.WriteByte(WireTags.Reply.TransfersAccepted);
                w.WriteInt32(c.Accepted);
                w.WriteInt32(c.Duplicates);
                break;
            case RedriveStarted c:
                w.WriteByte(WireTags.Reply.RedriveStarted);
                w.WriteOutboundTransfers(c.Transfers);
                break;
            case QueueFound c:
                w.WriteByte(WireTags.Reply.QueueFound);
                w.WriteQueueInfo(c.Queue);
                break;
            case MessageFound c:
                w.WriteByte(WireTags.Reply.MessageFound);
                w.WriteStoredMessage(c.Message);
                break;
            case MessagesBrowsed c:
                w.WriteByte(WireTags.Reply.MessagesBrowsed);
                w.WriteStoredMessages(c.Page.Messages);
                w.WriteNullableString(c.Page.Next);
                break;
            case Redriven c:
                w.WriteByte(WireTags.Reply.Redriven);
                w.WriteInt32(c.Moved);
                break;
            default:
                throw new SerializationException(
                    $"reply {reply.GetType().FullName} has no wire format; add it to {nameof(ReplyCodec)} with a new tag in {nameof(WireTags)}.");
        }
    }

    public static QueueReply ReadReply(this ref PayloadReader r)
    {
        switch (r.ReadByte())
        {
            case WireTags.Reply.QueueConfiguredReply:
                return new QueueConfiguredReply(Created: r.ReadBool(), Queue: r.ReadQueueInfo());
            case WireTags.Reply.QueueDeletedReply:
                return QueueDeletedReply.Instance;
            case WireTags.Reply.Published:
                var published = new PublishResult[r.ReadCount()];
                for (var i = 0; i < published.Length; i++)
                {
                    published[i] = new PublishResult(
                        Id: r.ReadString(), State: r.ReadMessageState(), DeliverAt: r.ReadNullableDateTimeOffset(), Duplicate: r.ReadBool());
                }

                return new Published(published);
            case WireTags.Reply.Delivered:
                return new Delivered(r.ReadStoredMessages());
            case WireTags.Reply.Acked:
                var acked = new AckResult[r.ReadCount()];
                for (var i = 0; i < acked.Length; i++)
                {
                    acked[i] = new AckResult(Id: r.ReadString(), Error: r.ReadNullableError());
                }

                return new Acked(acked);
            case WireTags.Reply.Done:
                return Done.Instance;
            case WireTags.Reply.Extended:
                return new Extended(r.ReadDateTimeOffset());
            case WireTags.Reply.Edited:
                return new Edited(r.ReadStoredMessage());
            case WireTags.Reply.Removed:
                return new Removed(r.ReadInt32());
            case WireTags.Reply.TransfersAccepted:
                return new TransfersAccepted(Accepted: r.ReadInt32(), Duplicates: r.ReadInt32());
            case WireTags.Reply.RedriveStarted:
                return new RedriveStarted(r.ReadOutboundTransfers());
            case WireTags.Reply.QueueFound:
                return new QueueFound(r.ReadQueueInfo());
            case WireTags.Reply.MessageFound:
                return new MessageFound(r.ReadStoredMessage());
            case WireTags.Reply.MessagesBrowsed:
                return new MessagesBrowsed(new BrowsePage(Messages: r.ReadStoredMessages(), Next: r.ReadNullableString()));
            case WireTags.Reply.Redriven:
                return new Redriven(r.ReadInt32());
            case var tag:
                throw r.Corrupt($"unknown reply tag {tag}");
        }
    }

    public static void WriteNullableReply(this PayloadWriter w, QueueReply? reply)
    {
        if (w.WritePresence(reply is not null))
        {
            w.WriteReply(reply!);
        }
    }

    public static QueueReply? ReadNullableReply(this ref PayloadReader r) => r.ReadPresence() ? r.ReadReply() : null;
}
