using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class DedupAndDepthTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public void A_second_publish_with_the_same_dedupId_must_return_the_first_id_and_store_nothing()
    {
        var q = Create();
        var first = q.Publish("order #1", dedupId: "order-1");
        q.AdvanceTo(At(299));
        var before = q.State.ToSnapshot();

        var decision = q.Execute(new Publish([Message("order #1 again", dedupId: "order-1")], AutoCreate: true));

        var second = Assert.Single(Assert.IsType<Published>(decision.Reply).Results);
        Assert.True(second.Duplicate);
        Assert.False(first.Duplicate);
        Assert.Equal(first.Id, second.Id);
        Assert.Empty(decision.Events);
        Assert.Equal(before, q.State.ToSnapshot());
        Assert.Equal(1, q.Info.Totals.Published);
        Assert.Equal(Text("order #1"), q.Get(first.Id).Body);
    }

    [Fact]
    public void A_duplicate_must_answer_the_state_and_deliverAt_of_the_first_publish()
    {
        var q = Create();
        var first = q.Publish("later", dedupId: "d1", deliverAt: At(60));

        var second = q.Publish("later", dedupId: "d1");

        Assert.True(second.Duplicate);
        Assert.Equal(MessageState.Scheduled, second.State);
        Assert.Equal(first.DeliverAt, second.DeliverAt);
    }

    [Fact]
    public void A_dedupId_must_still_deduplicate_after_the_first_message_was_acked()
    {
        var q = Create();
        var first = q.Publish("once", dedupId: "d1");
        q.Ack(q.ReceiveOne());

        var second = q.Publish("once", dedupId: "d1");

        Assert.True(second.Duplicate);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(0, q.Info.Counts.Total);
    }

    [Fact]
    public void A_dedupId_must_deduplicate_until_one_tick_before_the_window_ends()
    {
        var q = Create(QueueSettings.Default with { DedupWindow = Seconds(60) });
        var first = q.Publish("x", dedupId: "d1");
        q.AdvanceTo(At(60) - OneTick);

        var second = q.Publish("x", dedupId: "d1");

        Assert.True(second.Duplicate);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public void A_dedupId_must_be_stored_again_once_the_window_has_passed()
    {
        var q = Create(QueueSettings.Default with { DedupWindow = Seconds(60) });
        var first = q.Publish("x", dedupId: "d1");
        q.AdvanceTo(At(60));

        var second = q.Publish("x", dedupId: "d1");
        var third = q.Publish("x", dedupId: "d1");

        Assert.False(second.Duplicate);
        Assert.NotEqual(first.Id, second.Id);
        Assert.True(third.Duplicate);
        Assert.Equal(second.Id, third.Id);
        Assert.Equal(2, q.Info.Counts.Ready);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_zero_dedup_window_must_never_deduplicate()
    {
        var q = Create(QueueSettings.Default with { DedupWindow = TimeSpan.Zero });

        var first = q.Publish("x", dedupId: "d1");
        var second = q.Publish("x", dedupId: "d1");

        Assert.False(second.Duplicate);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void Duplicates_within_one_batch_must_each_say_so_and_store_one_message()
    {
        var q = Create();

        var results = q.PublishBatch(
            Message("a", dedupId: "d1"),
            Message("b", dedupId: "d2"),
            Message("a again", dedupId: "d1"),
            Message("no dedup"));

        Assert.Equal([false, false, true, false], results.Select(r => r.Duplicate));
        Assert.Equal(results[0].Id, results[2].Id);
        Assert.Equal(3, results.Select(r => r.Id).Distinct().Count());
        Assert.Equal(3, q.Info.Counts.Ready);
        Assert.Equal(3, q.Info.Totals.Published);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Different_dedupIds_must_not_deduplicate()
    {
        var q = Create();

        var first = q.Publish("x", dedupId: "d1");
        var second = q.Publish("x", dedupId: "D1");

        Assert.False(second.Duplicate);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public void A_client_id_that_a_live_message_has_must_be_refused_as_a_conflict()
    {
        var q = Create();
        q.Publish("first", id: "order-1");

        var error = q.Refuse(new Publish([Message("second", id: "order-1")], AutoCreate: true), ErrorKind.Conflict);

        Assert.Equal("id", error.Field);
        Assert.Equal(Text("first"), q.Get("order-1").Body);
    }

    [Fact]
    public void A_batch_with_a_taken_client_id_must_be_refused_whole()
    {
        var q = Create();
        q.Publish("first", id: "order-1");
        q.ReceiveOne();

        var error = q.Refuse(
            new Publish([Message("new", id: "order-2"), Message("clash", id: "order-1")], AutoCreate: true),
            ErrorKind.Conflict);

        Assert.Equal("messages[1].id", error.Field);
        Assert.Null(q.State.Find("order-2"));
    }

    [Fact]
    public void A_batch_naming_one_client_id_twice_must_be_refused()
    {
        var q = Create();

        var error = q.Refuse(new Publish([Message("a", id: "same"), Message("b", id: "same")], AutoCreate: true), ErrorKind.Conflict);

        Assert.Equal("messages[1].id", error.Field);
    }

    [Fact]
    public void The_id_of_a_message_that_has_left_may_be_used_again()
    {
        var q = Create();
        q.Publish("first", id: "order-1");
        q.Ack(q.ReceiveOne());

        var again = q.Publish("second", id: "order-1");

        Assert.Equal("order-1", again.Id);
        Assert.Equal(Text("second"), q.Get("order-1").Body);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_publish_that_would_exceed_maxDepth_must_be_refused_and_store_nothing()
    {
        var q = Create(QueueSettings.Default with { MaxDepth = 3 });
        q.Publish("1");
        q.Publish("2");

        var error = q.Refuse(new Publish([Message("3"), Message("4")], AutoCreate: true), ErrorKind.DepthExceeded);

        Assert.Equal("messages", error.Field);
        Assert.Equal(2, q.Info.Counts.Total);
    }

    [Fact]
    public void A_publish_that_reaches_maxDepth_exactly_must_be_accepted()
    {
        var q = Create(QueueSettings.Default with { MaxDepth = 3 });
        q.Publish("1");

        q.PublishBatch(Message("2"), Message("3"));

        Assert.Equal(3, q.Info.Counts.Total);
        q.Refuse(new Publish([Message("4")], AutoCreate: true), ErrorKind.DepthExceeded);
    }

    [Fact]
    public void MaxDepth_must_count_inflight_scheduled_and_delayed_messages()
    {
        var q = Create(QueueSettings.Default with { MaxDepth = 3 });
        q.Publish("scheduled", delay: Seconds(60));
        q.Publish("leased");
        q.Publish("delayed");
        q.ReceiveOne();
        q.Nack(q.ReceiveOne(), delay: Seconds(60));

        q.Refuse(new Publish([Message("one too many")], AutoCreate: true), ErrorKind.DepthExceeded);

        Assert.Equal(new QueueCounts(Ready: 0, Scheduled: 1, Delayed: 1, Inflight: 1), q.Info.Counts);
    }

    [Fact]
    public void A_full_queue_must_accept_publishes_again_once_a_message_leaves()
    {
        var q = Create(QueueSettings.Default with { MaxDepth = 1 });
        q.Publish("1");
        q.Refuse(new Publish([Message("2")], AutoCreate: true), ErrorKind.DepthExceeded);
        q.Ack(q.ReceiveOne());

        var result = q.Publish("2");

        Assert.False(result.Duplicate);
        Assert.Equal(1, q.Info.Counts.Total);
    }

    [Fact]
    public void A_duplicate_publish_must_succeed_on_a_full_queue()
    {
        var q = Create(QueueSettings.Default with { MaxDepth = 1 });
        var first = q.Publish("1", dedupId: "d1");

        var again = q.Publish("1", dedupId: "d1");

        Assert.True(again.Duplicate);
        Assert.Equal(first.Id, again.Id);
    }
}
