using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class TtlTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public void Ttl_must_count_from_publish_for_an_immediate_message()
    {
        var q = Create();
        q.Publish("short-lived", id: "m1", ttl: Seconds(10));

        q.AdvanceTo(At(10) - OneTick);
        var justInTime = q.Receive();

        Assert.Equal("m1", Assert.Single(justInTime).Id);
    }

    [Fact]
    public void Ttl_must_count_from_deliverAt_for_a_scheduled_message()
    {
        var q = Create();
        q.Publish("later", id: "m1", delay: Seconds(60), ttl: Seconds(10));

        q.AdvanceTo(At(70) - OneTick);
        var received = q.Receive();

        Assert.Equal("m1", Assert.Single(received).Id);
        Assert.Equal(At(70), q.Get("m1").ExpiresAt);
    }

    [Fact]
    public void A_scheduled_message_must_expire_ttl_after_its_deliverAt()
    {
        var q = Create();
        q.Publish("later", id: "m1", delay: Seconds(60), ttl: Seconds(10));

        q.AdvanceTo(At(70));
        var received = q.Receive();

        Assert.Empty(received);
        Assert.Null(q.State.Find("m1"));
        Assert.Equal(1, q.Info.Totals.Expired);
    }

    [Fact]
    public void Receive_must_skip_and_remove_an_expired_ready_message()
    {
        var q = Create();
        q.Publish("stale", id: "stale", priority: 1, ttl: Seconds(10));
        q.Publish("fresh", id: "fresh", priority: 2);
        q.AdvanceTo(At(10));
        var countsBefore = q.Info.Counts;

        var decision = q.Execute(new Receive(10, null));

        var delivered = Assert.IsType<Delivered>(decision.Reply);
        Assert.Equal("fresh", Assert.Single(delivered.Messages).Id);
        Assert.Contains(new MessageExpired("stale", At(10)), decision.Events);
        Assert.Equal(2, countsBefore.Ready);
        Assert.Null(q.State.Find("stale"));
        Assert.Equal(1, q.Info.Totals.Expired);
        Assert.Equal(0, q.Info.Totals.DeadLettered);
        Assert.Equal(new QueueCounts(0, 0, 0, 1), q.Info.Counts);
        Assert.Empty(q.State.Outbox);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Receive_must_still_fill_max_after_skipping_expired_messages()
    {
        var q = Create();
        q.Publish("stale 1", id: "s1", ttl: Seconds(1));
        q.Publish("stale 2", id: "s2", ttl: Seconds(1));
        q.Publish("fresh 1", id: "f1");
        q.Publish("fresh 2", id: "f2");
        q.AdvanceTo(At(5));

        var received = q.Receive(max: 2);

        Assert.Equal(["f1", "f2"], received.Select(m => m.Id));
        Assert.Equal(2, q.Info.Totals.Expired);
    }

    [Fact]
    public void The_queue_message_ttl_must_apply_to_messages_that_name_none()
    {
        var q = Create(QueueSettings.Default with { MessageTtl = Seconds(30) });
        q.Publish("default ttl", id: "short");
        q.Publish("own ttl", id: "long", ttl: Seconds(300));

        q.AdvanceTo(At(30));

        Assert.Equal(["long"], q.ReceiveAllIds());
        Assert.Equal(Seconds(30), q.EventsOf<MessagePublished>().Single(p => p.Id == "short").Ttl);
    }

    [Fact]
    public void A_leased_message_must_not_be_removed_while_its_lease_lasts()
    {
        var q = Create();
        q.Publish("slow", id: "m1", ttl: Seconds(10));
        var received = q.ReceiveOne(visibility: Seconds(60));

        q.AdvanceTo(At(30));
        q.Execute(SweepExpired.Instance);
        var extendedTo = q.Extend(received, visibility: Seconds(60));
        q.Ack(received);

        Assert.Equal(At(90), extendedTo);
        Assert.Equal(1, q.Info.Totals.Acked);
        Assert.Equal(0, q.Info.Totals.Expired);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void An_expired_message_must_be_removed_when_its_lease_expires()
    {
        var q = Create();
        q.Publish("slow", id: "m1", ttl: Seconds(10));
        q.ReceiveOne(visibility: Seconds(30));
        q.AdvanceTo(At(29));
        q.Execute(Tick.Instance);
        var stillLeased = q.Get("m1").State;

        q.AdvanceTo(At(30));
        var decision = q.Execute(Tick.Instance);

        Assert.Equal(MessageState.Inflight, stillLeased);
        Assert.Equal(new MessageExpired("m1", At(30)), Assert.Single(decision.Events));
        Assert.Null(q.State.Find("m1"));
        Assert.Equal(1, q.Info.Totals.Expired);
        Assert.Empty(q.Receive());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void An_expired_message_must_be_removed_when_it_is_nacked()
    {
        var q = Create();
        q.Publish("slow", id: "m1", ttl: Seconds(10));
        var received = q.ReceiveOne(visibility: Seconds(30));
        q.AdvanceTo(At(15));

        q.Nack(received);

        Assert.Null(q.State.Find("m1"));
        Assert.Single(q.EventsOf<MessageExpired>());
    }

    [Fact]
    public void An_expired_message_must_go_to_the_dead_letter_queue_when_the_queue_says_so()
    {
        var q = Create(QueueSettings.Default with { DeadLetterExpired = true });
        q.Publish("stale", id: "m1", ttl: Seconds(10), priority: 4);
        q.AdvanceTo(At(10));

        var received = q.Receive();

        Assert.Empty(received);
        var dead = Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Equal(TransferReason.Expired, dead.Reason);
        Assert.Empty(q.EventsOf<MessageExpired>());
        var transfer = Assert.Single(q.State.Outbox);
        Assert.Equal("orders.dlq", transfer.TargetQueue);
        Assert.Equal("expired", transfer.Message.Headers[DeadLetterHeaders.Reason]);
        Assert.Equal(4, transfer.Message.Priority);
        Assert.Equal(1, q.Info.Totals.Expired);
        Assert.Equal(1, q.Info.Totals.DeadLettered);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void SweepExpired_must_remove_expired_ready_and_delayed_messages_only()
    {
        var q = Create();
        q.Publish("expired leased", id: "c", ttl: Seconds(10));
        q.ReceiveOne(visibility: Seconds(60));
        q.Publish("expired ready", id: "a", ttl: Seconds(10));
        q.Publish("fresh ready", id: "b", ttl: Seconds(100));
        q.Publish("expired delayed", id: "d", ttl: Seconds(10));
        q.Publish("expired scheduled", id: "s", delay: Seconds(50), ttl: Seconds(10));
        var leased = q.Receive(max: 3, visibility: Seconds(60)).ToDictionary(m => m.Id);
        q.Nack(leased["a"]);
        q.Nack(leased["b"]);
        q.Nack(leased["d"], delay: Seconds(100));

        q.AdvanceTo(At(20));
        var removed = q.Succeed<Removed>(SweepExpired.Instance);

        Assert.Equal(2, removed.Count);
        Assert.Null(q.State.Find("a"));
        Assert.Null(q.State.Find("d"));
        Assert.Equal(MessageState.Ready, q.Get("b").State);
        Assert.Equal(MessageState.Inflight, q.Get("c").State);
        Assert.Equal(MessageState.Scheduled, q.Get("s").State);
        Assert.Equal(2, q.Info.Totals.Expired);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void SweepExpired_with_nothing_expired_must_remove_nothing()
    {
        var q = Create();
        q.Publish("fresh", ttl: Seconds(100));

        var decision = q.Execute(SweepExpired.Instance);

        Assert.Equal(0, Assert.IsType<Removed>(decision.Reply).Count);
        Assert.Empty(decision.Events);
    }
}
