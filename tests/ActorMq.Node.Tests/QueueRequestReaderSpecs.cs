using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class QueueRequestReaderSpecs
{
    [Theory]
    [InlineData("")]
    [InlineData(" {} ")]
    public void Purge_must_take_an_empty_body_or_an_empty_object(string json) =>
        QueueRequestReader.ReadEmpty(Body(json), "a purge");

    [Fact]
    public void Purge_must_refuse_any_field()
    {
        var error = Invalid(() => QueueRequestReader.ReadEmpty(Body("""{"all":true}"""), "a purge"), "all");
        Assert.Contains("takes no fields", error.Detail);
    }

    [Fact]
    public void Redrive_must_read_to_and_max()
    {
        Assert.Equal(new Redrive(null, null), QueueRequestReader.ReadRedrive(Body("")));
        Assert.Equal(new Redrive("orders", 10), QueueRequestReader.ReadRedrive(Body("""{"to":"orders","max":10}""")));
        Invalid(() => QueueRequestReader.ReadRedrive(Body("""{"to":"bad name"}""")), "to");
        Invalid(() => QueueRequestReader.ReadRedrive(Body("""{"max":0}""")), "max");
    }
}
