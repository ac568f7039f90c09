using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class MessageWriterSpecs
{
    private const string T = "2030-01-02T03:04:05.1234567Z";

    [Fact]
    public void A_delivered_message_must_have_the_exact_shape_and_its_body_raw()
    {
        var m = Samples.Message(
            state: MessageState.Inflight,
            lease: new Lease("2a", Samples.At.AddSeconds(30)),
            contentType: "application/json",
            firstReceivedAt: Samples.At,
            receiveCount: 1,
            headers: MessageHeaders.From([new("b", "2"), new("a", "<é>\"")]));
        Assert.Equal(
            $$$"""{"messages":[{"id":"m1","body":{"n": 1.0e3, "s": "a\nb"},"priority":7,"headers":{"a":"<é>\"","b":"2"},"contentType":"application/json","publishedAt":"{{{T}}}","receiveCount":1,"firstReceivedAt":"{{{T}}}","lease":{"token":"2a","expiresAt":"2030-01-02T03:04:35.1234567Z"}}]}""",
            Text(MessageWriter.Delivered([m], MessageView.Delivered)));
    }

    [Fact]
    public void A_popped_message_must_have_no_lease() =>
        Assert.Equal(
            $$$"""{"messages":[{"id":"m1","body":{"n": 1.0e3, "s": "a\nb"},"priority":7,"headers":{},"publishedAt":"{{{T}}}","deliverAt":"{{{T}}}","receiveCount":1,"firstReceivedAt":"{{{T}}}"}]}""",
            Text(MessageWriter.Delivered([Samples.Message(deliverAt: Samples.At, receiveCount: 1, firstReceivedAt: Samples.At)], MessageView.Popped)));

    [Fact]
    public void No_messages_must_be_an_empty_list() =>
        Assert.Equal("""{"messages":[]}""", Text(MessageWriter.Delivered([], MessageView.Delivered)));

    [Fact]
    public void A_binary_body_must_be_written_as_bodyBase64() =>
        Assert.Contains(
            "\"bodyBase64\":\"AAEC/w==\",",
            Text(MessageWriter.One(Samples.Message(body: MessageBody.Binary([0, 1, 2, 255])))));

    [Theory]
    [InlineData("\"line\\nbreak \\u00e9 \\ud83d\\ude00\"")]
    [InlineData("1.0e3")]
    [InlineData("-0.000")]
    [InlineData("null")]
    [InlineData("[ 1 ,\n 2 ]")]
    public void A_json_body_must_be_written_back_byte_for_byte(string body)
    {
        var published = PublishReader.Read(Body($$"""{"body":{{body}}}""")).Messages[0].Body;
        Assert.Contains($"\"body\":{body},", Text(MessageWriter.One(Samples.Message(body: published))));
    }

    [Fact]
    public void A_browsed_message_must_add_state_and_version_and_hide_the_lease_token() =>
        Assert.Equal(
            $$$"""{"id":"m1","state":"inflight","version":3,"body":{"n": 1.0e3, "s": "a\nb"},"priority":7,"headers":{},"publishedAt":"{{{T}}}","expiresAt":"2030-01-02T03:05:05.1234567Z","receiveCount":2,"firstReceivedAt":"{{{T}}}","lease":{"expiresAt":"{{{T}}}"}}""",
            Text(MessageWriter.One(Samples.Message(
                state: MessageState.Inflight, lease: new Lease("secret", Samples.At), firstReceivedAt: Samples.At, receiveCount: 2, ttl: TimeSpan.FromMinutes(1)))));

    [Fact]
    public void A_delayed_message_must_say_until_when() =>
        Assert.Equal(
            $$$"""{"id":"m1","state":"delayed","version":3,"body":{"n": 1.0e3, "s": "a\nb"},"priority":7,"headers":{},"publishedAt":"{{{T}}}","delayedUntil":"2030-01-02T03:04:15.1234567Z","receiveCount":1,"firstReceivedAt":"{{{T}}}"}""",
            Text(MessageWriter.One(Samples.Message(
                state: MessageState.Delayed, delayedUntil: Samples.At.AddSeconds(10), firstReceivedAt: Samples.At, receiveCount: 1))));

    [Fact]
    public void A_browse_page_must_carry_the_next_cursor_only_when_there_is_one()
    {
        var scheduled = Samples.Message(state: MessageState.Scheduled, deliverAt: Samples.At);
        Assert.Equal(
            $$$"""{"messages":[{"id":"m1","state":"scheduled","version":3,"body":{"n": 1.0e3, "s": "a\nb"},"priority":7,"headers":{},"publishedAt":"{{{T}}}","deliverAt":"{{{T}}}","receiveCount":0}],"next":"abc"}""",
            Text(MessageWriter.Page(new BrowsePage([scheduled], "abc"))));
        Assert.Equal("""{"messages":[]}""", Text(MessageWriter.Page(new BrowsePage([], null))));
    }

    [Fact]
    public void The_etag_must_be_the_version_strong_and_quoted() =>
        Assert.Equal("\"3\"", MessageWriter.ETag(Samples.Message()));
}
