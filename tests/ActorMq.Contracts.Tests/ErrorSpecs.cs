using System.Runtime.Serialization;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Serialization;
using ActorMq.Engine;

namespace ActorMq.Contracts.Tests;

public sealed class ErrorSpecs(SerializerFixture fixture) : IClassFixture<SerializerFixture>
{
    public static TheoryData<string> SmallSampleNames => [.. Samples.All.Keys];

    private ActorMqSerializer Serializer => fixture.Serializer;

    [Fact]
    public void An_unknown_manifest_must_fail_with_a_clear_error()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([ActorMqSerializer.FormatVersion, 0], "ZZ"));

        Assert.Contains("unknown ActorMq manifest 'ZZ'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(255)]
    public void An_unknown_format_version_must_fail_with_a_clear_error(byte version)
    {
        var bytes = Serializer.ToBinary(new GetQueue("orders"));
        bytes[0] = version;

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, "GQ"));

        Assert.Contains($"format version {version}", error.Message, StringComparison.Ordinal);
        Assert.Contains("reads versions 1-3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1, "chunks hold")]
    [InlineData(+1, "past the snapshot's")]
    public void A_snapshot_whose_chunks_do_not_hold_its_messages_must_fail_as_corrupt(int change, string why)
    {
        // Format 3: the message count, 1 chunk, the chunk's message count (one byte each for the sample), ...
        var record = new QueueSnapshotRecord(Samples.Snapshot);
        var bytes = Serializer.ToBinary(record);
        var empty = Serializer.ToBinary(new QueueSnapshotRecord(Samples.Snapshot with { Messages = [] }));
        var at = empty.AsSpan().CommonPrefixLength(bytes);
        Assert.Equal([(byte)Samples.Snapshot.Messages.Count, 1, (byte)Samples.Snapshot.Messages.Count], bytes.AsSpan(at, 3).ToArray());
        bytes[at + 2] = (byte)(bytes[at + 2] + change);

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, Serializer.Manifest(record)));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_payload_must_fail_with_a_clear_error()
    {
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([], "QR"));

        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_left_after_the_last_field_must_fail()
    {
        var bytes = Serializer.ToBinary(new CatalogChanged("orders", true)).Append((byte)0).ToArray();

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, "CC"));

        Assert.Contains("1 bytes are left", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SmallSampleNames))]
    public void Every_truncation_of_a_payload_must_fail_with_a_serialization_exception(string sample)
    {
        var message = Samples.All[sample];
        var manifest = Serializer.Manifest(message);
        var bytes = Serializer.ToBinary(message);

        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<SerializationException>(() => Serializer.FromBinary(prefix, manifest));
        }
    }

    [Fact]
    public void An_unknown_tag_or_enum_code_must_fail_naming_it()
    {
        // QueueRequest "q" + command tag 99.
        var badCommand = new byte[] { 1, 1, (byte)'q', 99 };
        // BrowseMessages "q" with MessageState code 9.
        var badState = new byte[] { 1, 1, (byte)'q', 9, 2, 0 };

        Assert.Contains("unknown command tag 99", Assert.Throws<SerializationException>(() => Serializer.FromBinary(badCommand, "QR")).Message, StringComparison.Ordinal);
        Assert.Contains("unknown MessageState code 9", Assert.Throws<SerializationException>(() => Serializer.FromBinary(badState, "BM")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_event_under_another_events_manifest_must_fail()
    {
        var bytes = Serializer.ToBinary(new MessageAcked("m1"));

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, "MR"));

        Assert.Contains("holds a MessageAcked", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_header_names_in_a_payload_must_fail_as_corrupt()
    {
        // A MessageEdited with one header (a=1), rewritten to carry two: a=1 and a=2. Its last bytes are the headers
        // (count, "a", "1"), the deliverAt presence byte and the state.
        var edited = new MessageEdited("m", 1, MessageBody.Json("1"), null, MessageHeaders.From([new("a", "1")]), null, MessageState.Ready);
        var bytes = Serializer.ToBinary(edited).ToList();
        var headers = bytes.Count - 1 /* state */ - 1 /* deliverAt presence */ - 5 /* count + "a" + "1" */;
        bytes[headers] = 2;
        bytes.InsertRange(headers + 5, [1, (byte)'a', 1, (byte)'2']);

        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary([.. bytes], "ME"));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_type_the_serializer_does_not_own_must_be_refused_clearly()
    {
        Assert.Contains("not an ActorMq message", Assert.Throws<SerializationException>(() => Serializer.ToBinary("text")).Message, StringComparison.Ordinal);
        Assert.Throws<SerializationException>(() => Serializer.Manifest(Tick.Instance));
    }

    [Fact]
    public void A_null_where_the_format_needs_a_value_must_fail_with_a_serialization_exception()
    {
        var nullId = Assert.Throws<SerializationException>(() => Serializer.ToBinary(new GetMessage("orders", null!)));
        var nullCommand = Assert.Throws<SerializationException>(() => Serializer.ToBinary(new QueueRequest("orders", null!)));
        var nullMessage = Assert.Throws<SerializationException>(() => Serializer.ToBinary(QueueResponse.Ok(new Delivered([null!]))));

        Assert.Contains("GetMessage", nullId.Message, StringComparison.Ordinal);
        Assert.Contains("QueueRequest", nullCommand.Message, StringComparison.Ordinal);
        Assert.Contains("QueueResponse", nullMessage.Message, StringComparison.Ordinal);
    }
}
