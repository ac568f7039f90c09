using System.Runtime.Serialization;
using ActorMq.Engine;

namespace ActorMq.Contracts.Serialization;

/// <summary>Every <see cref="QueueCommand"/>: its <see cref="WireTags.Command"/> tag, then its fields.</summary>
internal static class CommandCodec
{
    public static void WriteCommand(this PayloadWriter w, QueueCommand command)
    {
        switch (command)
        {
            case ConfigureQueue c:
                w.WriteByte(WireTags.Command.ConfigureQueue);
                w.WriteSettings(c.Settings);
                break;
            case DeleteQueue:
                w.WriteByte(WireTags.Command.DeleteQueue);
                break;
            case Publish c:
                w.WriteByte(WireTags.Command.Publish);
                w.WriteCount(c.Messages.Count);
                for (var i = 0; i < c.Messages.Count; i++)
                {
                    w.WritePublishRequest(c.Messages[i]);
                }

                w.WriteBool(c.AutoCreate);
                w.WriteBool(c.IsBatch);
                break;
            case Receive c:
                w.WriteByte(WireTags.Command.Receive);
                w.WriteInt32(c.Max);
                w.WriteNullableTimeSpan(c.VisibilityTimeout);
                break;
            case Pop c:
                w.WriteByte(WireTags.Command.Pop);
                w.WriteInt32(c.Max);
                break;
            case Ack c:
                w.WriteByte(WireTags.Command.Ack);
                w.WriteCount(c.Leases.Count);
                for (var i = 0; i < c.Leases.Count; i++)
                {
                    w.WriteString(c.Leases[i].Id);
                    w.WriteString(c.Leases[i].Token);
                }

                break;
            case Nack c:
                w.WriteByte(WireTags.Command.Nack);
                w.WriteString(c.Id);
                w.WriteString(c.Token);
                w.WriteNullableTimeSpan(c.Delay);
                w.WriteBool(c.DeadLetter);
                break;
            case Extend c:
                w.WriteByte(WireTags.Command.Extend);
                w.WriteString(c.Id);
                w.WriteString(c.Token);
                w.WriteNullableTimeSpan(c.VisibilityTimeout);
                break;
            case EditMessage c:
                w.WriteByte(WireTags.Command.EditMessage);
                w.WriteString(c.Id);
                w.WritePatch(c.Patch);
                w.WriteNullableInt64(c.IfMatch);
                break;
            case CancelMessage c:
                w.WriteByte(WireTags.Command.CancelMessage);
                w.WriteString(c.Id);
                w.WriteNullableInt64(c.IfMatch);
                break;
            case Purge:
                w.WriteByte(WireTags.Command.Purge);
                break;
            case Tick:
                w.WriteByte(WireTags.Command.Tick);
                break;
            case SweepExpired:
                w.WriteByte(WireTags.Command.SweepExpired);
                break;
            case AcceptTransfers c:
                w.WriteByte(WireTags.Command.AcceptTransfers);
                w.WriteTransferMessages(c.Messages);
                break;
            case ConfirmTransfers c:
                w.WriteByte(WireTags.Command.ConfirmTransfers);
                w.WriteStrings(c.TransferIds);
                break;
            case Redrive c:
                w.WriteByte(WireTags.Command.Redrive);
                w.WriteNullableString(c.To);
                w.WriteNullableInt32(c.Max);
                break;
            default:
                throw new SerializationException(
                    $"command {command.GetType().FullName} has no wire format; add it to {nameof(CommandCodec)} with a new tag in {nameof(WireTags)}.");
        }
    }

    public static QueueCommand ReadCommand(this ref PayloadReader r)
    {
        switch (r.ReadByte())
        {
            case WireTags.Command.ConfigureQueue:
                return new ConfigureQueue(r.ReadSettings());
            case WireTags.Command.DeleteQueue:
                return DeleteQueue.Instance;
            case WireTags.Command.Publish:
                var requests = new PublishRequest[r.ReadCount()];
                for (var i = 0; i < requests.Length; i++)
                {
                    requests[i] = r.ReadPublishRequest();
                }

                return new Publish(requests, AutoCreate: r.ReadBool(), IsBatch: r.ReadBool());
            case WireTags.Command.Receive:
                return new Receive(Max: r.ReadInt32(), VisibilityTimeout: r.ReadNullableTimeSpan());
            case WireTags.Command.Pop:
                return new Pop(r.ReadInt32());
            case WireTags.Command.Ack:
                var leases = new LeaseRef[r.ReadCount()];
                for (var i = 0; i < leases.Length; i++)
                {
                    leases[i] = new LeaseRef(Id: r.ReadString(), Token: r.ReadString());
                }

                return new Ack(leases);
            case WireTags.Command.Nack:
                return new Nack(Id: r.ReadString(), Token: r.ReadString(), Delay: r.ReadNullableTimeSpan(), DeadLetter: r.ReadBool());
            case WireTags.Command.Extend:
                return new Extend(Id: r.ReadString(), Token: r.ReadString(), VisibilityTimeout: r.ReadNullableTimeSpan());
            case WireTags.Command.EditMessage:
                return new EditMessage(Id: r.ReadString(), Patch: r.ReadPatch(), IfMatch: r.ReadNullableInt64());
            case WireTags.Command.CancelMessage:
                return new CancelMessage(Id: r.ReadString(), IfMatch: r.ReadNullableInt64());
            case WireTags.Command.Purge:
                return Purge.Instance;
            case WireTags.Command.Tick:
                return Tick.Instance;
            case WireTags.Command.SweepExpired:
                return SweepExpired.Instance;
            case WireTags.Command.AcceptTransfers:
                return new AcceptTransfers(r.ReadTransferMessages());
            case WireTags.Command.ConfirmTransfers:
                return new ConfirmTransfers(r.ReadStrings());
            case WireTags.Command.Redrive:
                return new Redrive(To: r.ReadNullableString(), Max: r.ReadNullableInt32());
            case var tag:
                throw r.Corrupt($"unknown command tag {tag}");
        }
    }

    /// <summary>A publish request as the client gave it, before validation: even the body may be missing.</summary>
    private static void WritePublishRequest(this PayloadWriter w, PublishRequest p)
    {
        w.WriteNullableString(p.Id);
        w.WriteNullableBody(p.Body);
        w.WriteNullableString(p.ContentType);
        w.WriteRequestHeaders(p.Headers);
        w.WriteNullableInt32(p.Priority);
        w.WriteNullableDateTimeOffset(p.DeliverAt);
        w.WriteNullableTimeSpan(p.Delay);
        w.WriteNullableTimeSpan(p.Ttl);
        w.WriteNullableString(p.DedupId);
    }

    private static PublishRequest ReadPublishRequest(this ref PayloadReader r) => new()
    {
        Id = r.ReadNullableString(),
        Body = r.ReadNullableBody()!,
        ContentType = r.ReadNullableString(),
        Headers = r.ReadRequestHeaders(),
        Priority = r.ReadNullableInt32(),
        DeliverAt = r.ReadNullableDateTimeOffset(),
        Delay = r.ReadNullableTimeSpan(),
        Ttl = r.ReadNullableTimeSpan(),
        DedupId = r.ReadNullableString(),
    };

    private static void WritePatch(this PayloadWriter w, MessagePatch p)
    {
        w.WriteNullableDateTimeOffset(p.DeliverAt);
        w.WriteNullableTimeSpan(p.Delay);
        w.WriteNullableInt32(p.Priority);
        w.WriteNullableBody(p.Body);
        w.WriteNullableString(p.ContentType);
        w.WriteRequestHeaders(p.Headers);
    }

    private static MessagePatch ReadPatch(this ref PayloadReader r) => new()
    {
        DeliverAt = r.ReadNullableDateTimeOffset(),
        Delay = r.ReadNullableTimeSpan(),
        Priority = r.ReadNullableInt32(),
        Body = r.ReadNullableBody(),
        ContentType = r.ReadNullableString(),
        Headers = r.ReadRequestHeaders(),
    };
}
