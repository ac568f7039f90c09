using System.Text;

namespace ActorMq.Client.Tests;

/// <summary>MessageBody on its own: what it accepts, what it reads back, and its value equality.</summary>
public sealed class MessageBodySpecs
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("1 2")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("/* comment */ 1")]
    [InlineData("'single'")]
    public void Json_must_refuse_anything_but_one_JSON_value(string json) =>
        Assert.Throws<ArgumentException>(() => MessageBody.Json(json));

    [Fact]
    public void Json_must_drop_only_the_whitespace_around_the_value()
    {
        var body = MessageBody.Json(" \n {\"a\" :  [1, 2]}\t\r\n");

        Assert.Equal("{\"a\" :  [1, 2]}", body.AsJson());
        Assert.True(body.IsJson);
        Assert.False(body.IsBinary);
    }

    [Fact]
    public void Text_must_read_back_unchanged_and_other_JSON_must_not_read_as_text()
    {
        Assert.Equal("a\n\"b\"\u0000", MessageBody.Text("a\n\"b\"\u0000").AsText());
        Assert.Equal("\"é\"", MessageBody.Text("é").AsJson());
        Assert.Equal("A", MessageBody.Json("\"\\u0041\"").AsText());
        Assert.Throws<InvalidOperationException>(() => MessageBody.Json("{}").AsText());
        Assert.Throws<InvalidOperationException>(() => MessageBody.Binary([1]).AsText());
        Assert.Throws<InvalidOperationException>(() => MessageBody.Binary([1]).AsJson());
    }

    [Fact]
    public void Binary_must_copy_its_bytes()
    {
        var bytes = new byte[] { 1, 2, 3 };
        var body = MessageBody.Binary(bytes);
        bytes[0] = 9;

        Assert.Equal([1, 2, 3], body.Bytes.ToArray());
        Assert.Equal("binary, 3 bytes", body.ToString());
    }

    [Fact]
    public void Equality_must_compare_kind_and_bytes()
    {
        Assert.Equal(MessageBody.Json("[1]"), MessageBody.Json(Encoding.UTF8.GetBytes("[1]")));
        Assert.Equal(MessageBody.Json("[1]").GetHashCode(), MessageBody.Json(" [1] ").GetHashCode());
        Assert.NotEqual(MessageBody.Json("[1]"), MessageBody.Binary("[1]"u8));
        Assert.NotEqual(MessageBody.Json("[1]"), MessageBody.Json("[ 1]"));
    }
}
