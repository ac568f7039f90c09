using System.Text;
using Xunit.Abstractions;

namespace ActorMq.Client.Tests;

/// <summary>Bodies through a real node: text, JSON and binary come back byte for byte, and go on the wire as they should.</summary>
public abstract class BodySpecs(SharedNode shared, AkkaClients akka, ITestOutputHelper output, ClientTransport transport)
    : ClientSpecs(shared, akka, output, transport)
{
    public static TheoryData<string> Texts => new()
    {
        "",
        "plain",
        "line one\nline two\r\n\ttabbed\n",
        "quotes \" and backslashes \\ and slashes /",
        "unicode: é ß 漢字 🙂 and <html> & 'apostrophes'",
        "control: \u0001\u001f and \u2028\u2029",
        "  leading and trailing spaces  ",
    };

    public static TheoryData<string> JsonTexts => new()
    {
        """{"n": 1.0e3, "s": "a\u0041\n", "nested": {"list": [1, 2.50, -0, true, null]}}""",
        """ "a string with \"escapes\" \ud83d\ude42" """.Trim(),
        "123456789012345678901234567890.000",
        "null",
        "[ ]",
        "{\n  \"indented\": true\n}",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public async Task Text_must_round_trip_exactly_as_a_JSON_string(string text)
    {
        var queue = await QueueAsync("text");
        var body = MessageBody.Text(text);

        await Client.PublishAsync(queue, body);

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        Assert.True(received.Body.IsJson);
        Assert.Equal(text, received.Body.AsText());
        Assert.Equal(body.Bytes.ToArray(), received.Body.Bytes.ToArray());
        Assert.Equal(body, received.Body);

        // On the wire it is a "body", not "bodyBase64".
        var raw = await Api.GetAsync($"v1/queues/{queue}/messages/{received.Id}");
        Assert.Equal(text, raw.Json.GetProperty("body").GetString());
    }

    [Theory]
    [MemberData(nameof(JsonTexts))]
    public async Task JSON_must_round_trip_byte_for_byte(string json)
    {
        var queue = await QueueAsync("json");

        await Client.PublishAsync(queue, MessageBody.Json(json));

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        Assert.Equal(json, received.Body.AsJson());
        Assert.Equal(Encoding.UTF8.GetBytes(json), received.Body.Bytes.ToArray());
        var browsed = Assert.Single((await Client.BrowseAsync(queue, MessageState.Inflight)).Messages);
        Assert.Equal(json, browsed.Body.AsJson());
    }

    [Fact]
    public async Task Every_byte_value_must_round_trip_as_binary()
    {
        var queue = await QueueAsync("binary");
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Encoding.UTF8.GetBytes("\n{\"not\": json")).ToArray();

        await Client.PublishAsync(queue, new PublishMessage(MessageBody.Binary(bytes)) { ContentType = "application/octet-stream" });

        var popped = Assert.Single(await Client.PopAsync(queue));
        Assert.True(popped.Body.IsBinary);
        Assert.Equal(bytes, popped.Body.Bytes.ToArray());
        Assert.Equal("application/octet-stream", popped.ContentType);
    }

    [Fact]
    public async Task An_empty_binary_body_must_round_trip()
    {
        var queue = await QueueAsync("binary-empty");

        await Client.PublishAsync(queue, MessageBody.Binary([]));

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        Assert.True(received.Body.IsBinary);
        Assert.Equal(0, received.Body.Length);
        var raw = await Api.GetAsync($"v1/queues/{queue}/messages/{received.Id}");
        Assert.Equal("", raw.Json.GetProperty("bodyBase64").GetString());
    }

    [Fact]
    public async Task A_serialized_object_must_deserialize_back()
    {
        var queue = await QueueAsync("object");
        var order = new Order(42, "Ada", [1.5m, 2.25m]);

        await Client.PublishAsync(queue, MessageBody.Serialize(order));

        var received = Assert.Single(await Client.ReceiveAsync(queue));
        var back = received.Body.Deserialize<Order>();
        Assert.Equal(order.Id, back!.Id);
        Assert.Equal(order.Customer, back.Customer);
        Assert.Equal(order.Amounts, back.Amounts);
        Assert.Equal(42, received.Body.AsJsonElement().GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task An_edited_body_must_round_trip_too()
    {
        var queue = await QueueAsync("edit-body");
        var id = (await Client.PublishAsync(queue, MessageBody.Json("1"))).Id;
        var binary = new byte[] { 0, 255, 10, 13 };

        await Client.EditMessageAsync(queue, id, new MessageEdit { Body = MessageBody.Binary(binary) });
        Assert.Equal(binary, (await Client.GetMessageAsync(queue, id)).Body.Bytes.ToArray());

        await Client.EditMessageAsync(queue, id, new MessageEdit { Body = MessageBody.Text("back to\ntext") });
        Assert.Equal("back to\ntext", (await Client.GetMessageAsync(queue, id)).Body.AsText());
    }

    public sealed record Order(int Id, string Customer, decimal[] Amounts);
}

/// <summary><see cref="BodySpecs"/> over <see cref="ActorMqHttpClient"/>.</summary>
public sealed class BodySpecsOverHttp(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : BodySpecs(shared, akka, output, ClientTransport.Http);

/// <summary><see cref="BodySpecs"/> over <see cref="ActorMqAkkaClient"/>.</summary>
public sealed class BodySpecsOverAkka(SharedNode shared, AkkaClients akka, ITestOutputHelper output)
    : BodySpecs(shared, akka, output, ClientTransport.Akka);
