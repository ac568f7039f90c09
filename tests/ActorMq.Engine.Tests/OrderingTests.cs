using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class OrderingTests
{
    [Fact]
    public void Receive_must_deliver_lower_priority_numbers_first_comparing_numerically()
    {
        var q = Create();
        q.Publish("p10", priority: 10, id: "p10");
        q.Publish("p9", priority: 9, id: "p9");
        q.Publish("p100", priority: 100, id: "p100");
        q.Publish("p2", priority: 2, id: "p2");
        q.Publish("p0", priority: 0, id: "p0");

        var ids = q.ReceiveAllIds();

        Assert.Equal(["p0", "p2", "p9", "p10", "p100"], ids);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Receive_must_keep_publish_order_within_one_priority()
    {
        var q = Create();
        foreach (var id in new[] { "c", "a", "b", "e", "d" })
        {
            q.Publish(id, id: id);
        }

        var ids = q.ReceiveAllIds();

        Assert.Equal(["c", "a", "b", "e", "d"], ids);
    }

    [Fact]
    public void Receive_must_order_by_priority_then_publish_order()
    {
        var q = Create();
        q.Publish("x", priority: 5, id: "low-1");
        q.Publish("x", priority: 1, id: "high-1");
        q.Publish("x", priority: 5, id: "low-2");
        q.Publish("x", priority: 1, id: "high-2");

        var first = q.Receive(max: 3).Select(m => m.Id);
        var rest = q.ReceiveAllIds();

        Assert.Equal(["high-1", "high-2", "low-1"], first);
        Assert.Equal(["low-2"], rest);
    }

    [Fact]
    public void A_nacked_message_must_keep_its_position_ahead_of_later_messages_of_its_priority()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        q.Publish("c", id: "c");
        var leased = q.Receive(max: 2);
        q.Publish("d", id: "d");

        q.Nack(leased[1]);
        q.Nack(leased[0]);

        Assert.Equal(["a", "b"], leased.Select(m => m.Id));
        Assert.Equal(["a", "b", "c", "d"], q.ReceiveAllIds());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_nacked_message_must_keep_its_priority()
    {
        var q = Create();
        q.Publish("background", priority: 50, id: "background");
        q.Publish("urgent", priority: 10, id: "urgent");
        var urgent = q.ReceiveOne();
        q.Publish("urgent later", priority: 10, id: "urgent-later");

        q.Nack(urgent);

        Assert.Equal("urgent", urgent.Id);
        Assert.Equal(10, q.Get("urgent").Priority);
        Assert.Equal(["urgent", "urgent-later", "background"], q.ReceiveAllIds());
    }

    [Fact]
    public void A_message_whose_lease_expired_must_keep_its_priority_and_position()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(10) });
        q.Publish("a", priority: 3, id: "a");
        q.Publish("b", priority: 3, id: "b");
        q.Publish("z", priority: 9, id: "z");
        q.ReceiveOne();
        q.Publish("c", priority: 3, id: "c");

        q.Advance(Seconds(10));

        Assert.Equal(["a", "b", "c", "z"], q.ReceiveAllIds());
        Assert.Equal(2, q.Get("a").ReceiveCount);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_delayed_retry_must_return_to_its_original_position()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        q.Nack(q.ReceiveOne(), delay: Seconds(5));
        q.Publish("c", id: "c");

        q.Advance(Seconds(5));

        Assert.Equal(["a", "b", "c"], q.ReceiveAllIds());
    }
}
