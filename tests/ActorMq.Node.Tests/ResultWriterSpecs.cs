using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class ResultWriterSpecs
{
    [Fact]
    public void A_single_publish_must_answer_one_result_object()
    {
        Assert.Equal(
            """{"id":"m1","state":"ready","duplicate":false}""",
            Text(ResultWriter.Published([new PublishResult("m1", MessageState.Ready, null, false)], batch: false)));
        Assert.Equal(
            """{"id":"m1","state":"scheduled","deliverAt":"2030-01-02T03:04:05.1234567Z","duplicate":true}""",
            Text(ResultWriter.Published([new PublishResult("m1", MessageState.Scheduled, Samples.At, true)], batch: false)));
    }

    [Fact]
    public void A_batch_publish_must_answer_results_in_order() =>
        Assert.Equal(
            """{"messages":[{"id":"a","state":"ready","duplicate":false},{"id":"b","state":"ready","duplicate":true}]}""",
            Text(ResultWriter.Published(
                [new PublishResult("a", MessageState.Ready, null, false), new PublishResult("b", MessageState.Ready, null, true)], batch: true)));

    [Fact]
    public void A_batch_ack_must_answer_each_entry_with_its_status() =>
        Assert.Equal(
            """{"results":[{"id":"a","acked":true},{"id":"b","acked":false,"status":409,"detail":"stale"},{"id":"c","acked":false,"status":404,"detail":"gone"}]}""",
            Text(ResultWriter.Acked([
                new AckResult("a", null),
                new AckResult("b", new QueueError(ErrorKind.StaleLease, "token", "stale")),
                new AckResult("c", new QueueError(ErrorKind.NotFound, "id", "gone")),
            ])));

    [Fact]
    public void Counts_must_be_named()
    {
        Assert.Equal("""{"purged":3}""", Text(ResultWriter.Count("purged", 3)));
        Assert.Equal("""{"moved":0}""", Text(ResultWriter.Count("moved", 0)));
        Assert.Equal("""{"expired":12}""", Text(ResultWriter.Count("expired", 12)));
    }

    [Fact]
    public void An_extend_must_answer_the_new_expiry() =>
        Assert.Equal("""{"expiresAt":"2030-01-02T03:04:05.1234567Z"}""", Text(ResultWriter.Extended(Samples.At)));
}
