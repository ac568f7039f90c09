using ActorMq.Engine;

namespace ActorMq.Contracts.Serialization;

/// <summary>
/// The engine's data shapes on the wire: bodies, headers, settings, messages, dedup entries, transfers, snapshots,
/// queue descriptions and errors. Fields are written in declaration order; nullable ones after a presence byte.
/// </summary>
internal static class DataCodec
{
    private const byte JsonBody = 0;
    private const byte BinaryBody = 1;

    /// <summary>Snapshots of this many messages or more are decoded in a <see cref="NoGcRegion"/>.</summary>
    private const int NoGcRegionFrom = 100_000;

    /// <summary>
    /// What decoding a snapshot allocates per message besides its encoded bytes (the message, its id, its body's two
    /// objects): 488 MB for 1,000,000 messages of 166 MB encoded, measured.
    /// </summary>
    private const int ObjectBytesPerMessage = 330;

    // ---- MessageBody: kind byte + length-prefixed bytes, kept byte for byte ----------------------------------

    public static void WriteBody(this PayloadWriter w, MessageBody body)
    {
        w.WriteByte(body.IsBinary ? BinaryBody : JsonBody);
        w.WriteBytes(body.Bytes.Span);
    }

    public static MessageBody ReadBody(this ref PayloadReader r) => r.ReadByte() switch
    {
        JsonBody => MessageBody.Json(r.ReadBytes()),
        BinaryBody => MessageBody.Binary(r.ReadBytes()),
        var kind => throw r.Corrupt($"unknown body kind {kind}"),
    };

    public static void WriteNullableBody(this PayloadWriter w, MessageBody? body)
    {
        if (w.WritePresence(body is not null))
        {
            w.WriteBody(body!);
        }
    }

    public static MessageBody? ReadNullableBody(this ref PayloadReader r) => r.ReadPresence() ? r.ReadBody() : null;

    // ---- Headers: count + (name, value) pairs ----------------------------------------------------------------

    public static void WriteHeaders(this PayloadWriter w, MessageHeaders headers)
    {
        w.WriteCount(headers.Count);
        if (headers.Count == 0)
        {
            return; // most messages: spares allocating the sorted map's enumerator
        }

        foreach (var (name, value) in headers)
        {
            w.WriteString(name);
            w.WriteString(value);
        }
    }

    public static MessageHeaders ReadHeaders(this ref PayloadReader r)
    {
        var count = r.ReadCount();
        if (count == 0)
        {
            return MessageHeaders.Empty;
        }

        var pairs = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            pairs[i] = new(r.ReadString(), r.ReadString());
        }

        return MessageHeaders.From(pairs);
    }

    /// <summary>
    /// Headers of a request, not validated yet: values may be null (the engine answers that with an error). Read back
    /// as <see cref="MessageHeaders"/>: immutable, ordinal, compared by content.
    /// </summary>
    public static void WriteRequestHeaders(this PayloadWriter w, IReadOnlyDictionary<string, string>? headers)
    {
        if (!w.WritePresence(headers is not null))
        {
            return;
        }

        w.WriteCount(headers!.Count);
        foreach (var (name, value) in headers)
        {
            w.WriteString(name);
            w.WriteNullableString(value);
        }
    }

    public static IReadOnlyDictionary<string, string>? ReadRequestHeaders(this ref PayloadReader r)
    {
        if (!r.ReadPresence())
        {
            return null;
        }

        var count = r.ReadCount();
        var pairs = new KeyValuePair<string, string>[count];
        for (var i = 0; i < count; i++)
        {
            pairs[i] = new(r.ReadString(), r.ReadNullableString()!);
        }

        return MessageHeaders.From(pairs);
    }

    // ---- Queue settings, counts, totals, description ----------------------------------------------------------

    public static void WriteSettings(this PayloadWriter w, QueueSettings s)
    {
        w.WriteTimeSpan(s.VisibilityTimeout);
        w.WriteInt32(s.MaxReceives);
        w.WriteNullableString(s.DeadLetterQueue);
        w.WriteTimeSpan(s.RetryDelay);
        w.WriteNullableTimeSpan(s.MessageTtl);
        w.WriteBool(s.DeadLetterExpired);
        w.WriteInt32(s.DefaultPriority);
        w.WriteTimeSpan(s.DedupWindow);
        w.WriteInt32(s.MaxMessageBytes);
        w.WriteNullableInt64(s.MaxDepth);
    }

    public static QueueSettings ReadSettings(this ref PayloadReader r) => new()
    {
        VisibilityTimeout = r.ReadTimeSpan(),
        MaxReceives = r.ReadInt32(),
        DeadLetterQueue = r.ReadNullableString(),
        RetryDelay = r.ReadTimeSpan(),
        MessageTtl = r.ReadNullableTimeSpan(),
        DeadLetterExpired = r.ReadBool(),
        DefaultPriority = r.ReadInt32(),
        DedupWindow = r.ReadTimeSpan(),
        MaxMessageBytes = r.ReadInt32(),
        MaxDepth = r.ReadNullableInt64(),
    };

    public static void WriteCounts(this PayloadWriter w, QueueCounts c)
    {
        w.WriteInt64(c.Ready);
        w.WriteInt64(c.Scheduled);
        w.WriteInt64(c.Delayed);
        w.WriteInt64(c.Inflight);
    }

    public static QueueCounts ReadCounts(this ref PayloadReader r) =>
        new(Ready: r.ReadInt64(), Scheduled: r.ReadInt64(), Delayed: r.ReadInt64(), Inflight: r.ReadInt64());

    public static void WriteTotals(this PayloadWriter w, QueueTotals t)
    {
        w.WriteInt64(t.Published);
        w.WriteInt64(t.Delivered);
        w.WriteInt64(t.Acked);
        w.WriteInt64(t.DeadLettered);
        w.WriteInt64(t.Expired);
    }

    public static QueueTotals ReadTotals(this ref PayloadReader r) =>
        new(Published: r.ReadInt64(), Delivered: r.ReadInt64(), Acked: r.ReadInt64(), DeadLettered: r.ReadInt64(), Expired: r.ReadInt64());

    public static void WriteQueueInfo(this PayloadWriter w, QueueInfo info)
    {
        w.WriteString(info.Name);
        w.WriteSettings(info.Settings);
        w.WriteCounts(info.Counts);
        w.WriteTotals(info.Totals);
    }

    public static QueueInfo ReadQueueInfo(this ref PayloadReader r) =>
        new(Name: r.ReadString(), Settings: r.ReadSettings(), Counts: r.ReadCounts(), Totals: r.ReadTotals());

    public static void WriteQueueInfos(this PayloadWriter w, IReadOnlyList<QueueInfo> infos)
    {
        w.WriteCount(infos.Count);
        for (var i = 0; i < infos.Count; i++)
        {
            w.WriteQueueInfo(infos[i]);
        }
    }

    public static QueueInfo[] ReadQueueInfos(this ref PayloadReader r)
    {
        var infos = new QueueInfo[r.ReadCount()];
        for (var i = 0; i < infos.Length; i++)
        {
            infos[i] = r.ReadQueueInfo();
        }

        return infos;
    }

    // ---- Stored messages -------------------------------------------------------------------------------------

    public static void WriteStoredMessage(this PayloadWriter w, StoredMessage m)
    {
        w.WriteString(m.Id);
        w.WriteInt64(m.Seq);
        w.WriteBody(m.Body);
        w.WriteNullableString(m.ContentType);
        w.WriteHeaders(m.Headers);
        w.WriteInt32(m.Priority);
        w.WriteDateTimeOffset(m.PublishedAt);
        w.WriteNullableDateTimeOffset(m.DeliverAt);
        w.WriteNullableTimeSpan(m.Ttl);
        w.WriteNullableString(m.DedupId);
        w.WriteMessageState(m.State);
        w.WriteInt32(m.ReceiveCount);
        w.WriteNullableDateTimeOffset(m.FirstReceivedAt);
        if (w.WritePresence(m.Lease.HasValue))
        {
            w.WriteString(m.Lease!.Value.Token);
            w.WriteDateTimeOffset(m.Lease.Value.ExpiresAt);
        }

        w.WriteNullableDateTimeOffset(m.DelayedUntil);
        w.WriteInt64(m.Version);
        w.WriteNullableInt64(m.ParkedIn);
    }

    public static StoredMessage ReadStoredMessage(this ref PayloadReader r) => new(
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
        State: r.ReadMessageState(),
        ReceiveCount: r.ReadInt32(),
        FirstReceivedAt: r.ReadNullableDateTimeOffset(),
        Lease: r.ReadPresence() ? new Lease(Token: r.ReadString(), ExpiresAt: r.ReadDateTimeOffset()) : null,
        DelayedUntil: r.ReadNullableDateTimeOffset(),
        Version: r.ReadInt64(),
        ParkedIn: r.Version >= 2 ? r.ReadNullableInt64() : null);

    public static void WriteStoredMessages(this PayloadWriter w, IReadOnlyList<StoredMessage> messages)
    {
        w.WriteCount(messages.Count);
        for (var i = 0; i < messages.Count; i++)
        {
            w.WriteStoredMessage(messages[i]);
        }
    }

    public static StoredMessage[] ReadStoredMessages(this ref PayloadReader r)
    {
        var messages = new StoredMessage[r.ReadCount()];
        for (var i = 0; i < messages.Length; i++)
        {
            messages[i] = r.ReadStoredMessage();
        }

        return messages;
    }

    public static void WriteParkedRefs(this PayloadWriter w, IReadOnlyList<ParkedRef> refs)
    {
        w.WriteCount(refs.Count);
        for (var i = 0; i < refs.Count; i++)
        {
            w.WriteString(refs[i].Id);
            w.WriteInt64(refs[i].Version);
        }
    }

    public static ParkedRef[] ReadParkedRefs(this ref PayloadReader r)
    {
        var refs = new ParkedRef[r.ReadCount()];
        for (var i = 0; i < refs.Length; i++)
        {
            refs[i] = new ParkedRef(Id: r.ReadString(), Version: r.ReadInt64());
        }

        return refs;
    }

    // ---- Transfers -------------------------------------------------------------------------------------------

    public static void WriteTransferMessage(this PayloadWriter w, TransferMessage t)
    {
        w.WriteString(t.TransferId);
        w.WriteTransferReason(t.Reason);
        w.WriteString(t.Id);
        w.WriteBody(t.Body);
        w.WriteNullableString(t.ContentType);
        w.WriteHeaders(t.Headers);
        w.WriteInt32(t.Priority);
    }

    public static TransferMessage ReadTransferMessage(this ref PayloadReader r) => new(
        TransferId: r.ReadString(),
        Reason: r.ReadTransferReason(),
        Id: r.ReadString(),
        Body: r.ReadBody(),
        ContentType: r.ReadNullableString(),
        Headers: r.ReadHeaders(),
        Priority: r.ReadInt32());

    public static void WriteTransferMessages(this PayloadWriter w, IReadOnlyList<TransferMessage> transfers)
    {
        w.WriteCount(transfers.Count);
        for (var i = 0; i < transfers.Count; i++)
        {
            w.WriteTransferMessage(transfers[i]);
        }
    }

    public static TransferMessage[] ReadTransferMessages(this ref PayloadReader r)
    {
        var transfers = new TransferMessage[r.ReadCount()];
        for (var i = 0; i < transfers.Length; i++)
        {
            transfers[i] = r.ReadTransferMessage();
        }

        return transfers;
    }

    public static void WriteOutboundTransfers(this PayloadWriter w, IReadOnlyList<OutboundTransfer> transfers)
    {
        w.WriteCount(transfers.Count);
        for (var i = 0; i < transfers.Count; i++)
        {
            w.WriteString(transfers[i].TargetQueue);
            w.WriteTransferMessage(transfers[i].Message);
        }
    }

    public static OutboundTransfer[] ReadOutboundTransfers(this ref PayloadReader r)
    {
        var transfers = new OutboundTransfer[r.ReadCount()];
        for (var i = 0; i < transfers.Length; i++)
        {
            transfers[i] = new OutboundTransfer(TargetQueue: r.ReadString(), Message: r.ReadTransferMessage());
        }

        return transfers;
    }

    // ---- Snapshot --------------------------------------------------------------------------------------------

    public static void WriteSnapshot(this PayloadWriter w, QueueSnapshot s)
    {
        w.WriteString(s.Name);
        w.WriteBool(s.Exists);
        w.WriteDateTimeOffset(s.CreatedAt);
        w.WriteSettings(s.Settings);
        w.WriteTotals(s.Totals);
        w.WriteInt64(s.NextSeq);
        w.WriteInt64(s.NextLeaseSeq);
        w.WriteInt64(s.NextTransferSeq);
        w.WriteSnapshotMessages(s.Messages);
        w.WriteCount(s.Dedup.Count);
        for (var i = 0; i < s.Dedup.Count; i++)
        {
            var d = s.Dedup[i];
            w.WriteString(d.Key);
            w.WriteString(d.MessageId);
            w.WriteDateTimeOffset(d.ExpiresAt);
            w.WriteMessageState(d.State);
            w.WriteNullableDateTimeOffset(d.DeliverAt);
        }

        w.WriteOutboundTransfers(s.Outbox);
        w.WriteCount(s.Buckets.Count);
        for (var i = 0; i < s.Buckets.Count; i++)
        {
            w.WriteInt64(s.Buckets[i]);
        }
    }

    public static QueueSnapshot ReadSnapshot(this ref PayloadReader r)
    {
        var name = r.ReadString();
        var exists = r.ReadBool();
        var createdAt = r.ReadDateTimeOffset();
        var settings = r.ReadSettings();
        var totals = r.ReadTotals();
        var nextSeq = r.ReadInt64();
        var nextLeaseSeq = r.ReadInt64();
        var nextTransferSeq = r.ReadInt64();

        var messages = r.ReadSnapshotMessages();

        var dedup = new DedupEntry[r.ReadCount()];
        for (var i = 0; i < dedup.Length; i++)
        {
            dedup[i] = new DedupEntry(
                Key: r.ReadString(),
                MessageId: r.ReadString(),
                ExpiresAt: r.ReadDateTimeOffset(),
                State: r.ReadMessageState(),
                DeliverAt: r.ReadNullableDateTimeOffset());
        }

        var outbox = r.ReadOutboundTransfers();
        var buckets = new long[r.Version >= 2 ? r.ReadCount() : 0];
        for (var i = 0; i < buckets.Length; i++)
        {
            buckets[i] = r.ReadInt64();
        }

        return new QueueSnapshot(name, exists, createdAt, settings, totals, nextSeq, nextLeaseSeq, nextTransferSeq, messages, dedup, outbox, buckets);
    }

    /// <summary>Messages per chunk of a snapshot (format 3): a million messages make 62 chunks of about 2 MB.</summary>
    private const int SnapshotChunk = 16_384;

    /// <summary>
    /// A snapshot's messages: their count, the number of chunks, then each chunk as its message count and its bytes
    /// (length-prefixed), so that a reader can find every chunk without decoding the one before.
    /// </summary>
    private static void WriteSnapshotMessages(this PayloadWriter w, IReadOnlyList<StoredMessage> messages)
    {
        w.WriteCount(messages.Count);
        w.WriteCount((messages.Count + SnapshotChunk - 1) / SnapshotChunk);
        using var chunk = new PayloadWriter();
        for (var start = 0; start < messages.Count; start += SnapshotChunk)
        {
            chunk.Clear();
            var end = Math.Min(messages.Count, start + SnapshotChunk);
            for (var i = start; i < end; i++)
            {
                chunk.WriteStoredMessage(messages[i]);
            }

            w.WriteCount(end - start);
            w.WriteBytes(chunk.Written);
        }
    }

    /// <summary>
    /// Reads what <see cref="WriteSnapshotMessages"/> wrote, the chunks in parallel (a million messages take about a
    /// second on one core) and, from <see cref="NoGcRegionFrom"/> messages on, without garbage collections meanwhile;
    /// or the single sequence of formats 1 and 2. Parked messages are kept as compact entries as
    /// they are read, not as a million StoredMessages at once.
    /// </summary>
    private static IReadOnlyList<StoredMessage> ReadSnapshotMessages(this ref PayloadReader r)
    {
        var messages = new SnapshotMessages(r.ReadCount());
        if (r.Version < 3)
        {
            var all = messages.Range(0, messages.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                all.Add(r.ReadStoredMessage());
            }

            return messages.ToList();
        }

        var chunks = new (SnapshotMessages.Filler Rows, ReadOnlyMemory<byte> Bytes)[r.ReadCount()];
        var start = 0;
        long encodedBytes = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            var count = r.ReadCount();
            if (count > messages.Count - start)
            {
                throw r.Corrupt($"snapshot chunk {i} holds {count} messages, past the snapshot's {messages.Count}");
            }

            chunks[i] = (messages.Range(start, count), r.ReadBytesAsMemory());
            encodedBytes += chunks[i].Bytes.Length;
            start += count;
        }

        if (start != messages.Count)
        {
            throw r.Corrupt($"the snapshot's chunks hold {start} of its {messages.Count} messages");
        }

        var version = r.Version;
        using var region = messages.Count >= NoGcRegionFrom
            ? NoGcRegion.TryStart((encodedBytes + (long)messages.Count * ObjectBytesPerMessage) * 3 / 2)
            : default;
        Parallel.ForEach(chunks, chunk =>
        {
            var reader = new PayloadReader(chunk.Bytes.Span, version);
            for (var i = 0; i < chunk.Rows.Count; i++)
            {
                chunk.Rows.Add(reader.ReadStoredMessage());
            }

            reader.EnsureEnd();
        });

        return messages.ToList();
    }

    // ---- Errors ----------------------------------------------------------------------------------------------

    public static void WriteError(this PayloadWriter w, QueueError e)
    {
        w.WriteErrorKind(e.Kind);
        w.WriteNullableString(e.Field);
        w.WriteString(e.Detail);
    }

    public static QueueError ReadError(this ref PayloadReader r) =>
        new(Kind: r.ReadErrorKind(), Field: r.ReadNullableString(), Detail: r.ReadString());

    public static void WriteNullableError(this PayloadWriter w, QueueError? e)
    {
        if (w.WritePresence(e is not null))
        {
            w.WriteError(e!);
        }
    }

    public static QueueError? ReadNullableError(this ref PayloadReader r) => r.ReadPresence() ? r.ReadError() : null;

    // ---- Lists of strings ------------------------------------------------------------------------------------

    public static void WriteStrings(this PayloadWriter w, IReadOnlyList<string> values)
    {
        w.WriteCount(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            w.WriteString(values[i]);
        }
    }

    public static string[] ReadStrings(this ref PayloadReader r)
    {
        var values = new string[r.ReadCount()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = r.ReadString();
        }

        return values;
    }
}
