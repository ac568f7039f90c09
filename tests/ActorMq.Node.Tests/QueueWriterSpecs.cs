using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class QueueWriterSpecs
{
    private const string DefaultSettings =
        """{"visibilityTimeoutSeconds":30,"maxReceives":10,"deadLetterQueue":"orders.dlq","retryDelaySeconds":0,"messageTtlSeconds":null,"deadLetterExpired":false,"defaultPriority":100,"dedupWindowSeconds":300,"maxMessageBytes":262144,"maxDepth":null}""";

    [Fact]
    public void A_queue_must_have_the_exact_shape() =>
        Assert.Equal(
            $$$"""{"name":"orders","settings":{{{DefaultSettings}}},"counts":{"ready":1,"scheduled":2,"delayed":3,"inflight":4},"totals":{"published":10,"delivered":9,"acked":8,"deadLettered":7,"expired":6}}""",
            Text(QueueWriter.One(new QueueInfo("orders", QueueSettings.Default, new QueueCounts(1, 2, 3, 4), new QueueTotals(10, 9, 8, 7, 6)))));

    [Fact]
    public void Settings_must_be_written_in_seconds_with_fractions_and_nulls_for_none()
    {
        var settings = QueueSettings.Default with
        {
            VisibilityTimeout = TimeSpan.FromMilliseconds(1500),
            RetryDelay = TimeSpan.FromTicks(1),
            MessageTtl = TimeSpan.FromHours(1),
            DeadLetterQueue = "failed",
            MaxDepth = 5,
        };
        var json = Text(QueueWriter.One(new QueueInfo("orders", settings, default, default)));
        Assert.Contains(
            """{"visibilityTimeoutSeconds":1.5,"maxReceives":10,"deadLetterQueue":"failed","retryDelaySeconds":0.0000001,"messageTtlSeconds":3600,""",
            json);
        Assert.Contains("\"maxDepth\":5}", json);
    }

    [Fact]
    public void A_dead_letter_queue_must_show_no_dead_letter_queue_of_its_own() =>
        Assert.Contains(
            "\"deadLetterQueue\":null,",
            Text(QueueWriter.One(new QueueInfo("orders.dlq", QueueSettings.ForDeadLetterQueue(), default, default))));

    [Fact]
    public void A_list_must_hold_every_queue()
    {
        var empty = new QueueInfo("a", QueueSettings.Default, default, default);
        var json = Text(QueueWriter.List([empty, empty with { Name = "b" }]));
        Assert.StartsWith("""{"queues":[{"name":"a","settings":""", json);
        Assert.Contains("""},{"name":"b","settings":""", json);
        Assert.Equal("""{"queues":[]}""", Text(QueueWriter.List([])));
    }
}
