using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class PublishReaderSpecs
{
    private static PublishRequest One(string json)
    {
        var body = PublishReader.Read(Body(json));
        Assert.False(body.IsBatch);
        return Assert.Single(body.Messages);
    }

    [Theory]
    [InlineData("\"line one\\nline two\\r\\n\\ttab\"")]
    [InlineData("\"caf\\u00e9 \\u00E9 \\\"quoted\\\" \\\\ \\/ \\ud83d\\ude00\"")]
    [InlineData("\"café ☕ 日本語 😀\"")]
    [InlineData("1.0e3")]
    [InlineData("-0.000")]
    [InlineData("12345678901234567890123456789")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{ \"b\" : [ 1 , 2.50 ,{\"c\":null} ] ,  \"a\":\"x\" }")]
    [InlineData("[\n  \"multi\",\r\n\t\"line\"\n]")]
    public void Body_must_be_kept_byte_for_byte(string value)
    {
        foreach (var spaced in (string[])[value, $" \n {value}\t "])
        {
            var message = One($$"""{"body":{{spaced}}}""");
            Assert.Equal(value, Text(message.Body.Bytes));
            Assert.False(message.Body.IsBinary);
        }
    }

    [Fact]
    public void Body_must_be_kept_byte_for_byte_in_a_batch()
    {
        var batch = PublishReader.Read(Body("""{"messages":[{"body":"a\nb"},{"body": 1.50 },{"body":{ "k" : "\u00e9" }}]}"""));
        Assert.True(batch.IsBatch);
        Assert.Equal(["\"a\\nb\"", "1.50", """{ "k" : "\u00e9" }"""], batch.Messages.Select(m => Text(m.Body.Bytes)));
    }

    [Fact]
    public void BodyBase64_must_decode_to_a_binary_body()
    {
        var message = One("""{"bodyBase64":"AAECA/8="}""");
        Assert.True(message.Body.IsBinary);
        Assert.Equal(new byte[] { 0, 1, 2, 3, 255 }, message.Body.Bytes.ToArray());
    }

    [Fact]
    public void BodyBase64_that_is_not_base64_must_be_refused() =>
        Invalid(() => PublishReader.Read(Body("""{"bodyBase64":"not base64!"}""")), "bodyBase64");

    [Fact]
    public void Body_and_bodyBase64_together_must_be_refused() =>
        Invalid(() => PublishReader.Read(Body("""{"body":1,"bodyBase64":"AA=="}""")), "bodyBase64");

    [Fact]
    public void A_message_without_a_body_must_be_refused_naming_body()
    {
        Invalid(() => PublishReader.Read(Body("""{"priority":1}""")), "body");
        Invalid(() => PublishReader.Read(Body("""{"messages":[{"body":1},{"id":"x"}]}""")), "messages[1].body");
    }

    [Fact]
    public void Every_member_must_be_read()
    {
        var m = One("""
            {"body":{"n":1},"id":"order-42","priority":3,"deliverAt":"2030-01-02T03:04:05.5+01:00",
             "ttlSeconds":90.25,"headers":{"source":"billing","x":""},"contentType":"application/json","dedupId":"d-1"}
            """);
        Assert.Equal("order-42", m.Id);
        Assert.Equal(3, m.Priority);
        Assert.Equal(new DateTimeOffset(2030, 1, 2, 2, 4, 5, 500, TimeSpan.Zero), m.DeliverAt);
        Assert.Null(m.Delay);
        Assert.Equal(TimeSpan.FromSeconds(90.25), m.Ttl);
        Assert.Equal(new Dictionary<string, string> { ["source"] = "billing", ["x"] = "" }, m.Headers);
        Assert.Equal("application/json", m.ContentType);
        Assert.Equal("d-1", m.DedupId);
    }

    [Fact]
    public void Durations_must_be_seconds_with_fractions_kept_to_the_tick()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(1500), One("""{"body":1,"delaySeconds":1.5}""").Delay);
        Assert.Equal(TimeSpan.FromTicks(1), One("""{"body":1,"delaySeconds":1e-7}""").Delay);
        Assert.Equal(TimeSpan.FromSeconds(3600), One("""{"body":1,"delaySeconds":3600}""").Delay);
    }

    [Fact]
    public void Absent_and_null_members_must_read_as_not_given()
    {
        var m = One("""{"body":1,"id":null,"priority":null,"headers":null,"deliverAt":null}""");
        Assert.Null(m.Id);
        Assert.Null(m.Priority);
        Assert.Null(m.Headers);
        Assert.Null(m.DeliverAt);
    }

    [Theory]
    [InlineData("""{"messages":[{"body":1},{"body":2},{"body":3},{"body":4,"priority":-1}]}""", "messages[3].priority")]
    [InlineData("""{"messages":[{"body":1},{"body":2},{"body":3},{"body":4,"priority":1.5}]}""", "messages[3].priority")]
    [InlineData("""{"body":1,"priority":-1}""", "priority")]
    [InlineData("""{"body":1,"priority":2.0}""", "priority")]
    [InlineData("""{"body":1,"priority":1e2}""", "priority")]
    [InlineData("""{"body":1,"priority":99999999999}""", "priority")]
    public void Negative_or_non_integer_priority_must_be_refused_naming_the_field(string json, string field)
    {
        var error = Invalid(() => PublishReader.Read(Body(json)), field);
        Assert.Contains(field, error.Detail);
        Assert.Contains("whole number", error.Detail);
    }

    [Theory]
    [InlineData("""{"body":1,"priority":"1"}""", "priority", "a whole number")]
    [InlineData("""{"body":1,"delaySeconds":"10"}""", "delaySeconds", "a number of seconds")]
    [InlineData("""{"body":1,"ttlSeconds":true}""", "ttlSeconds", "a number of seconds")]
    [InlineData("""{"body":1,"deliverAt":1700000000}""", "deliverAt", "an RFC 3339 timestamp")]
    [InlineData("""{"body":1,"id":7}""", "id", "a string")]
    [InlineData("""{"body":1,"contentType":["a"]}""", "contentType", "a string")]
    [InlineData("""{"body":1,"headers":["a"]}""", "headers", "an object of string values")]
    [InlineData("""{"body":1,"headers":{"retries":3}}""", "headers.retries", "a string")]
    [InlineData("""{"messages":{"body":1}}""", "messages", "an array")]
    [InlineData("""{"messages":[{"body":1},"x"]}""", "messages[1]", "a JSON object")]
    public void A_member_of_the_wrong_type_must_be_refused_naming_field_and_type(string json, string field, string expected)
    {
        var error = Invalid(() => PublishReader.Read(Body(json)), field);
        Assert.Contains($"'{field}' must be {expected}", error.Detail);
    }

    [Fact]
    public void Unknown_members_must_be_refused_naming_them()
    {
        var error = Invalid(() => PublishReader.Read(Body("""{"body":1,"prority":2,"ttl":5}""")), "prority");
        Assert.Contains("'prority', 'ttl'", error.Detail);
        Assert.Contains("priority", error.Detail);

        Invalid(() => PublishReader.Read(Body("""{"messages":[{"body":1},{"body":1,"delay":5}]}""")), "messages[1].delay");
        Invalid(() => PublishReader.Read(Body("""{"messages":[{"body":1}],"body":1}""")), "body");
    }

    [Fact]
    public void A_repeated_member_must_be_refused() =>
        Invalid(() => PublishReader.Read(Body("""{"body":1,"priority":1,"priority":2}""")), "priority");

    [Theory]
    [InlineData("{\"body\": 1,}", 1, 12)]
    [InlineData("{\"body\":\n  [1, 2\n}", 3, 1)]
    [InlineData("{\"body\": tru}", 1, 13)]
    public void Malformed_json_must_be_refused_saying_where(string json, int line, int position)
    {
        var error = Invalid(() => PublishReader.Read(Body(json)), null);
        Assert.StartsWith("The request body is not valid JSON: ", error.Detail);
        Assert.Contains($"at line {line}, byte {position}.", error.Detail);
        Assert.DoesNotContain("reader options", error.Detail);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \r\n ")]
    public void An_empty_publish_must_be_refused(string json) =>
        Assert.Contains("empty", Invalid(() => PublishReader.Read(Body(json)), null).Detail);

    [Theory]
    [InlineData("[{\"body\":1}]")]
    [InlineData("\"text\"")]
    public void A_body_that_is_not_an_object_must_be_refused(string json) =>
        Assert.Contains("must be a JSON object", Invalid(() => PublishReader.Read(Body(json)), null).Detail);

    [Fact]
    public void A_batch_must_hold_1_to_1000_messages()
    {
        Invalid(() => PublishReader.Read(Body("""{"messages":[]}""")), "messages");
        var tooMany = "{\"messages\":[" + string.Join(",", Enumerable.Repeat("{\"body\":1}", Limits.MaxPublishBatch + 1)) + "]}";
        Invalid(() => PublishReader.Read(Body(tooMany)), "messages");
        var most = "{\"messages\":[" + string.Join(",", Enumerable.Repeat("{\"body\":1}", Limits.MaxPublishBatch)) + "]}";
        Assert.Equal(Limits.MaxPublishBatch, PublishReader.Read(Body(most)).Messages.Count);
    }

    [Fact]
    public void DeliverAt_without_an_offset_must_be_refused() =>
        Assert.Contains("RFC 3339", Invalid(() => PublishReader.Read(Body("""{"body":1,"deliverAt":"2030-01-01T00:00:00"}""")), "deliverAt").Detail);

    [Fact]
    public void DeliverAt_and_delaySeconds_together_must_be_refused() =>
        Invalid(() => PublishReader.Read(Body("""{"messages":[{"body":1,"deliverAt":"2030-01-01T00:00:00Z","delaySeconds":1}]}""")), "messages[0].deliverAt");

    [Fact]
    public void An_invalid_client_id_must_be_refused_naming_it() =>
        Invalid(() => PublishReader.Read(Body("""{"messages":[{"body":1,"id":"has space"}]}""")), "messages[0].id");

    [Fact]
    public void A_header_given_twice_must_be_refused() =>
        Invalid(() => PublishReader.Read(Body("""{"body":1,"headers":{"a":"1","a":"2"}}""")), "headers.a");

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("1e300")]
    public void A_duration_out_of_range_must_be_refused(string seconds) =>
        Invalid(() => PublishReader.Read(Body($$"""{"body":1,"delaySeconds":{{seconds}}}""")), "delaySeconds");
}
