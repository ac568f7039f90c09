using System.Text;
using System.Text.Json;
using ActorMq.Client.Http;

namespace ActorMq.Client.Tests;

/// <summary>
/// <see cref="StreamFrameReader"/> on frames written by hand: the shapes a node sends are read as the serializer read them
/// (end to end in <see cref="MessageStreamSpecs"/>); here, what a healthy node does not send.
/// </summary>
public sealed class StreamFrameReaderSpecs
{
    [Fact]
    public void A_delivery_must_keep_each_body_as_its_bytes_and_skip_members_it_does_not_know()
    {
        var frame = Read("""
            { "future": {"a": [1, {"b": 2}]}, "messages": [
              {"id": "m1", "body": { "x" : [1, 2], "s": "\u00e9" }, "priority": 3, "headers": {"h": "v"}, "contentType": "application/json",
               "publishedAt": "2026-12-06T10:00:00.5Z", "deliverAt": null, "receiveCount": 2, "firstReceivedAt": "2026-12-06T10:00:01Z",
               "lease": {"token": "t1", "expiresAt": "2026-12-06T10:01:00Z", "extra": true}, "later": [null]},
              {"id": "m2", "body": "a \"quoted\" string", "headers": {}, "publishedAt": "2026-12-06T10:00:00Z", "receiveCount": 1,
               "lease": {"token": "t2", "expiresAt": "2026-12-06T10:01:00Z"}},
              {"id": "m3", "bodyBase64": "AAEC", "publishedAt": "2026-12-06T10:00:00Z", "receiveCount": 1,
               "lease": {"token": "t3", "expiresAt": "2026-12-06T10:01:00Z"}}
            ] }
            """);

        Assert.Null(frame.Ref);
        var messages = frame.Messages!;
        Assert.Equal(["m1", "m2", "m3"], messages.Select(m => m.Id));
        Assert.Equal("""{ "x" : [1, 2], "s": "\u00e9" }""", Encoding.UTF8.GetString(messages[0].Body!.Utf8));
        Assert.Equal("\"a \\\"quoted\\\" string\"", Encoding.UTF8.GetString(messages[1].Body!.Utf8));
        Assert.Equal([0, 1, 2], messages[2].BodyBase64);
        Assert.Equal((3, "application/json", 2), (messages[0].Priority, messages[0].ContentType, messages[0].ReceiveCount));
        Assert.Equal("v", messages[0].Headers!["h"]);
        Assert.Null(messages[1].Headers);
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T10:00:00.5Z"), messages[0].PublishedAt);
        Assert.Null(messages[0].DeliverAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T10:00:01Z"), messages[0].FirstReceivedAt);
        Assert.Equal(("t1", DateTimeOffset.Parse("2026-12-06T10:01:00Z")), (messages[0].Lease!.Token, messages[0].Lease!.ExpiresAt));
    }

    [Fact]
    public void Member_names_must_be_compared_unescaped_and_long_ones_skipped()
    {
        var frame = Read("""
            {"r\u0065f": 3, "a_member_name_longer_than_any_this_reader_knows": {"ref": 4}, "messages": [{"\u0069d": "m", "receiveCount": 1}]}
            """);

        Assert.Equal(3, frame.Ref);
        Assert.Equal("m", Assert.Single(frame.Messages!).Id);
    }

    [Fact]
    public void Answers_must_be_read_by_their_reference()
    {
        var one = Read("""{"ref": 7, "published": {"id": "a", "state": "ready", "duplicate": false}}""");
        Assert.Equal((7L, "a", "ready"), (one.Ref, one.Published!.Id, one.Published.State));

        var batch = Read("""{"ref": 8, "published": {"messages": [{"id": "b", "state": "scheduled", "deliverAt": "2026-12-07T00:00:00Z", "duplicate": true}]}}""");
        var result = Assert.Single(batch.Published!.Messages!);
        Assert.Equal(("b", true), (result.Id, result.Duplicate));

        var acked = Read("""{"acked": {"results": [{"id": "c", "acked": false, "status": 409, "detail": "stale"}]}}""");
        Assert.Equal(409, Assert.Single(acked.Acked!.Results!).Status);

        var problem = Read("""{"ref": 9, "problem": {"status": 400, "field": "publish.priority"}}""");
        Assert.Equal("publish.priority", problem.Problem!.Value.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("""{"messages": {"id": "m"}}""")]
    [InlineData("""{"messages": [{"id": "m", "body": {"x": 1}""")]
    public void A_frame_that_is_not_a_stream_frame_must_throw_a_JsonException(string frame) =>
        Assert.ThrowsAny<JsonException>(() => Read(frame));

    [Theory]
    [InlineData("""{"ref": "seven"}""")]
    [InlineData("""{"messages": [{"id": 1}]}""")]
    [InlineData("""{"messages": [{"priority": "high"}]}""")]
    public void A_member_of_the_wrong_type_must_throw(string frame) =>
        Assert.ThrowsAny<InvalidOperationException>(() => Read(frame));

    [Fact]
    public void A_timestamp_that_is_not_one_must_throw_a_FormatException() =>
        Assert.Throws<FormatException>(() => Read("""{"messages": [{"publishedAt": "yesterday"}]}"""));

    private static WireStreamFrame Read(string json) => StreamFrameReader.Read(Encoding.UTF8.GetBytes(json));
}
