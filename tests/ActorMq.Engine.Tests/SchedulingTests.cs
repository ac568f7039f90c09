using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class SchedulingTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public void A_scheduled_message_must_not_be_receivable_one_tick_before_deliverAt()
    {
        var q = Create();
        var result = q.Publish("later", deliverAt: At(60));

        q.AdvanceTo(At(60) - OneTick);
        var received = q.Receive();

        Assert.Equal(MessageState.Scheduled, result.State);
        Assert.Equal(At(60), result.DeliverAt);
        Assert.Empty(received);
        Assert.Equal(MessageState.Scheduled, q.Get(result.Id).State);
    }

    [Fact]
    public void A_scheduled_message_must_be_receivable_exactly_at_deliverAt()
    {
        var q = Create();
        var result = q.Publish("later", deliverAt: At(60));

        q.AdvanceTo(At(60));
        var received = q.ReceiveOne();

        Assert.Equal(result.Id, received.Id);
        Assert.Equal(At(60), received.DeliverAt);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_deliverAt_in_the_past_must_make_the_message_ready_at_once()
    {
        var q = Create();
        q.AdvanceTo(At(100));

        var result = q.Publish("overdue", deliverAt: At(10));

        Assert.Equal(MessageState.Ready, result.State);
        Assert.Equal(result.Id, q.ReceiveOne().Id);
    }

    [Fact]
    public void A_deliverAt_equal_to_now_must_make_the_message_ready_at_once()
    {
        var q = Create();

        var result = q.Publish("now", deliverAt: q.Now);

        Assert.Equal(MessageState.Ready, result.State);
        Assert.Equal(1, q.Info.Counts.Ready);
    }

    [Fact]
    public void DelaySeconds_must_schedule_the_message_at_now_plus_the_delay()
    {
        var q = Create();
        q.AdvanceTo(At(5));

        var result = q.Publish("delayed", delay: Seconds(30));

        Assert.Equal(MessageState.Scheduled, result.State);
        Assert.Equal(At(35), result.DeliverAt);
        q.AdvanceTo(At(35) - OneTick);
        Assert.Empty(q.Receive());
        q.AdvanceTo(At(35));
        Assert.Equal(result.Id, q.ReceiveOne().Id);
    }

    [Fact]
    public void A_zero_delay_must_make_the_message_ready_at_once()
    {
        var q = Create();

        var result = q.Publish("now", delay: TimeSpan.Zero);

        Assert.Equal(MessageState.Ready, result.State);
    }

    [Fact]
    public void Counts_must_show_scheduled_messages_until_they_become_ready()
    {
        var q = Create();
        q.Publish("ready");
        q.Publish("in 10", delay: Seconds(10));
        q.Publish("in 20", delay: Seconds(20));

        var atStart = q.Info.Counts;
        q.AdvanceTo(At(10));
        q.Execute(Tick.Instance);
        var atTen = q.Info.Counts;

        Assert.Equal(new QueueCounts(Ready: 1, Scheduled: 2, Delayed: 0, Inflight: 0), atStart);
        Assert.Equal(new QueueCounts(Ready: 2, Scheduled: 1, Delayed: 0, Inflight: 0), atTen);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_tick_at_deliverAt_must_make_the_message_ready()
    {
        var q = Create();
        var result = q.Publish("later", delay: Seconds(30));
        q.AdvanceTo(At(30));

        var decision = q.Execute(Tick.Instance);

        var ready = Assert.IsType<MessageReady>(Assert.Single(decision.Events));
        Assert.Equal(result.Id, ready.Id);
        Assert.Equal(MessageState.Ready, q.Get(result.Id).State);
    }

    [Fact]
    public void NextChangeAt_must_be_null_when_nothing_is_due()
    {
        var q = Create();
        q.Publish("ready");

        Assert.Null(QueueEngine.NextChangeAt(q.State));
    }

    [Fact]
    public void NextChangeAt_must_be_the_earliest_deliverAt()
    {
        var q = Create();
        q.Publish("late", deliverAt: At(300));
        q.Publish("early", deliverAt: At(100));
        q.Publish("middle", deliverAt: At(200));

        Assert.Equal(At(100), QueueEngine.NextChangeAt(q.State));
    }

    [Fact]
    public void NextChangeAt_must_be_the_earliest_of_deliverAt_lease_expiry_and_retry_time()
    {
        var q = Create();
        q.Publish("scheduled", deliverAt: At(100));
        q.Publish("work");

        var leased = q.ReceiveOne(visibility: Seconds(40));
        var withLease = QueueEngine.NextChangeAt(q.State);
        q.AdvanceTo(At(10));
        q.Nack(leased, delay: Seconds(70));
        var withRetry = QueueEngine.NextChangeAt(q.State);
        q.AdvanceTo(At(80));
        q.Execute(Tick.Instance);
        var afterRetry = QueueEngine.NextChangeAt(q.State);

        Assert.Equal(At(40), withLease);
        Assert.Equal(At(80), withRetry);
        Assert.Equal(At(100), afterRetry);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Messages_scheduled_for_the_same_instant_must_become_ready_in_priority_then_publish_order()
    {
        var q = Create();
        q.Publish("a", id: "a", priority: 5, deliverAt: At(30));
        q.Publish("b", id: "b", priority: 1, deliverAt: At(30));
        q.Publish("c", id: "c", priority: 5, deliverAt: At(30));

        q.AdvanceTo(At(30));

        Assert.Equal(["b", "a", "c"], q.ReceiveAllIds());
    }
}
