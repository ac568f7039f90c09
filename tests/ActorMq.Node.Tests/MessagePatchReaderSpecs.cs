using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class MessagePatchReaderSpecs
{
    [Fact]
    public void A_patch_must_read_what_it_changes()
    {
        var patch = MessagePatchReader.Read(Body("""{"priority":0,"body":{"v": 2.0},"headers":{"a":"b"},"contentType":"text/plain","delaySeconds":30}"""));
        Assert.Equal(0, patch.Priority);
        Assert.Equal("""{"v": 2.0}""", Text(patch.Body!.Bytes));
        Assert.Equal(new Dictionary<string, string> { ["a"] = "b" }, patch.Headers);
        Assert.Equal("text/plain", patch.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(30), patch.Delay);
        Assert.Null(patch.DeliverAt);
    }

    [Fact]
    public void A_patch_must_read_deliverAt_and_a_binary_body()
    {
        var patch = MessagePatchReader.Read(Body("""{"deliverAt":"2030-06-01T00:00:00Z","bodyBase64":"AQI="}"""));
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero), patch.DeliverAt);
        Assert.True(patch.Body!.IsBinary);
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData("""{"priority":null}""", null)]
    [InlineData("""{"priority":-3}""", "priority")]
    [InlineData("""{"deliverAt":"2030-06-01T00:00:00Z","delaySeconds":1}""", "deliverAt")]
    [InlineData("""{"deliverAt":"2030-06-01 00:00:00Z"}""", "deliverAt")]
    [InlineData("""{"ttlSeconds":5}""", "ttlSeconds")]
    [InlineData("""{"id":"other"}""", "id")]
    public void A_bad_patch_must_be_refused(string json, string? field) =>
        Invalid(() => MessagePatchReader.Read(Body(json)), field);
}
