using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class PopTests
{
    [Fact]
    public void Pop_must_remove_what_it_returns_at_once_and_count_it_delivered()
    {
        var q = Create();
        q.Publish("a", id: "a", priority: 2);
        q.Publish("b", id: "b", priority: 1);
        q.Publish("c", id: "c", priority: 3);
        q.AdvanceTo(At(4));

        var popped = q.Pop(max: 2);

        Assert.Equal(["b", "a"], popped.Select(m => m.Id));
        Assert.All(popped, m => Assert.Equal(1, m.ReceiveCount));
        Assert.All(popped, m => Assert.Equal(At(4), m.FirstReceivedAt));
        Assert.All(popped, m => Assert.Null(m.Lease));
        Assert.Null(q.State.Find("a"));
        Assert.Null(q.State.Find("b"));
        Assert.Equal(new QueueCounts(Ready: 1, Scheduled: 0, Delayed: 0, Inflight: 0), q.Info.Counts);
        Assert.Equal(2, q.Info.Totals.Delivered);
        Assert.Equal(0, q.Info.Totals.Acked);
        Assert.Null(QueueEngine.NextChangeAt(q.State));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Pop_must_return_the_body_as_published()
    {
        var q = Create();
        var body = MessageBody.Json("[1, 2.50, \"x\\ny\"]");
        q.Publish(new PublishRequest { Body = body, Headers = new Dictionary<string, string> { ["k"] = "v" } });

        var popped = Assert.Single(q.Pop());

        Assert.Equal(body.Bytes.ToArray(), popped.Body.Bytes.ToArray());
        Assert.Equal("v", popped.Headers["k"]);
    }

    [Fact]
    public void Pop_must_never_dead_letter_even_on_the_last_allowed_receive()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 2 });
        q.Publish("work", id: "m1");
        q.Nack(q.ReceiveOne());

        var popped = Assert.Single(q.Pop());

        Assert.Equal(2, popped.ReceiveCount);
        Assert.Empty(q.EventsOf<MessageDeadLettered>());
        Assert.Empty(q.State.Outbox);
        Assert.Equal(0, q.Info.Totals.DeadLettered);
        Assert.Null(q.State.Find("m1"));
    }

    [Fact]
    public void Pop_must_skip_leased_and_scheduled_messages()
    {
        var q = Create();
        q.Publish("leased", id: "leased");
        q.Publish("scheduled", id: "scheduled", delay: Seconds(60));
        q.Publish("ready", id: "ready");
        q.ReceiveOne();

        var popped = q.Pop();

        Assert.Equal(["ready"], popped.Select(m => m.Id));
        Assert.Equal(MessageState.Inflight, q.Get("leased").State);
        Assert.Equal(MessageState.Scheduled, q.Get("scheduled").State);
    }

    [Fact]
    public void Pop_must_skip_and_remove_expired_messages()
    {
        var q = Create();
        q.Publish("stale", id: "stale", ttl: Seconds(1));
        q.Publish("fresh", id: "fresh");
        q.AdvanceTo(At(1));

        var popped = q.Pop();

        Assert.Equal(["fresh"], popped.Select(m => m.Id));
        Assert.Equal(1, q.Info.Totals.Expired);
        Assert.Equal(1, q.Info.Totals.Delivered);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Pop_must_refuse_a_max_outside_1_to_1000(int max)
    {
        var q = Create();
        q.Publish("a");

        var error = q.Refuse(new Pop(max), ErrorKind.Invalid);

        Assert.Equal("max", error.Field);
    }
}
