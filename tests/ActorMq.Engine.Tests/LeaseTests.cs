using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class LeaseTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public void Receive_must_grant_a_lease_expiring_after_the_queue_visibility_timeout()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(45) });
        var published = q.Publish("work");
        q.AdvanceTo(At(3));

        var received = q.ReceiveOne();

        Assert.Equal(published.Id, received.Id);
        Assert.NotNull(received.Lease);
        Assert.False(string.IsNullOrEmpty(received.Lease.Value.Token));
        Assert.Equal(At(48), received.Lease.Value.ExpiresAt);
        Assert.Equal(MessageState.Inflight, q.Get(received.Id).State);
        Assert.Equal(1, q.Info.Counts.Inflight);
        Assert.Equal(0, q.Info.Counts.Ready);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Receive_must_use_the_visibility_timeout_it_names()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(45) });
        q.Publish("work");

        var received = q.ReceiveOne(visibility: Seconds(5));

        Assert.Equal(At(5), received.Lease?.ExpiresAt);
    }

    [Fact]
    public void Receive_must_skip_leased_messages()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");

        var first = q.ReceiveOne();
        var second = q.ReceiveOne();
        var third = q.Receive();

        Assert.Equal("a", first.Id);
        Assert.Equal("b", second.Id);
        Assert.Empty(third);
    }

    [Fact]
    public void Receive_must_return_at_most_max_messages()
    {
        var q = Create();
        for (var i = 0; i < 5; i++)
        {
            q.Publish($"m{i}");
        }

        var received = q.Receive(max: 3);

        Assert.Equal(3, received.Count);
        Assert.Equal(2, q.Info.Counts.Ready);
        Assert.Equal(3, received.Select(m => m.Lease!.Value.Token).Distinct().Count());
    }

    [Fact]
    public void Receive_of_an_empty_queue_must_return_nothing_and_emit_nothing()
    {
        var q = Create();

        var decision = q.Execute(new Receive(10, null));

        Assert.Empty(Assert.IsType<Delivered>(decision.Reply).Messages);
        Assert.Empty(decision.Events);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Receive_must_refuse_a_max_outside_1_to_1000(int max)
    {
        var q = Create();
        q.Publish("a");

        var error = q.Refuse(new Receive(max, null), ErrorKind.Invalid);

        Assert.Equal("max", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(43_200.001)]
    public void Receive_must_refuse_a_visibility_timeout_out_of_bounds(double seconds)
    {
        var q = Create();
        q.Publish("a");

        var error = q.Refuse(new Receive(1, Seconds(seconds)), ErrorKind.Invalid);

        Assert.Equal("visibilityTimeoutSeconds", error.Field);
    }

    [Fact]
    public void Receive_must_count_leases_and_remember_the_first_receive()
    {
        var q = Create();
        q.Publish("work");
        q.AdvanceTo(At(2));
        var first = q.ReceiveOne();
        q.Nack(first);
        q.AdvanceTo(At(9));

        var second = q.ReceiveOne();

        Assert.Equal(1, first.ReceiveCount);
        Assert.Equal(At(2), first.FirstReceivedAt);
        Assert.Equal(2, second.ReceiveCount);
        Assert.Equal(At(2), second.FirstReceivedAt);
        Assert.NotEqual(first.Lease?.Token, second.Lease?.Token);
        Assert.Equal(2, q.Info.Totals.Delivered);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Ack_with_the_current_token_must_remove_the_message()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();

        q.Ack(received);

        Assert.Null(q.State.Find(received.Id));
        Assert.Equal(0, q.Info.Counts.Total);
        Assert.Equal(1, q.Info.Totals.Acked);
        Assert.Equal(new MessageAcked(received.Id), q.Events[^1]);
        q.AdvanceTo(At(3600));
        Assert.Empty(q.Receive());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Ack_with_a_wrong_token_must_answer_stale_lease_and_change_nothing()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();
        var before = q.State.ToSnapshot();

        var decision = q.Execute(new Ack([new LeaseRef(received.Id, received.Lease!.Value.Token + "x")]));

        var result = Assert.Single(Assert.IsType<Acked>(decision.Reply).Results);
        Assert.Equal(ErrorKind.StaleLease, result.Error?.Kind);
        Assert.Equal("token", result.Error?.Field);
        Assert.Empty(decision.Events);
        Assert.Equal(before, q.State.ToSnapshot());
        Assert.Equal(MessageState.Inflight, q.Get(received.Id).State);
    }

    [Fact]
    public void Ack_one_tick_before_the_lease_expires_must_succeed()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(30) - OneTick);

        q.Ack(received);

        Assert.Equal(1, q.Info.Totals.Acked);
    }

    [Fact]
    public void Ack_at_or_after_the_lease_expiry_must_answer_stale_lease()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(30));

        var result = Assert.Single(q.AckAll(LeaseOf(received)));

        Assert.Equal(ErrorKind.StaleLease, result.Error?.Kind);
        Assert.Equal(MessageState.Ready, q.Get(received.Id).State);
        Assert.Equal(0, q.Info.Totals.Acked);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Ack_with_the_token_of_an_earlier_lease_must_answer_stale_lease()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var first = q.ReceiveOne();
        q.AdvanceTo(At(30));
        var second = q.ReceiveOne();

        var result = Assert.Single(q.AckAll(LeaseOf(first)));

        Assert.Equal(ErrorKind.StaleLease, result.Error?.Kind);
        Assert.Equal(MessageState.Inflight, q.Get(second.Id).State);
        Assert.Equal(second.Lease, q.Get(second.Id).Lease);
    }

    [Fact]
    public void Ack_of_a_ready_message_must_answer_stale_lease()
    {
        var q = Create();
        var published = q.Publish("never received");

        var result = Assert.Single(q.AckAll(new LeaseRef(published.Id, "1")));

        Assert.Equal(ErrorKind.StaleLease, result.Error?.Kind);
        Assert.Equal(MessageState.Ready, q.Get(published.Id).State);
    }

    [Fact]
    public void Ack_of_an_unknown_id_must_answer_not_found()
    {
        var q = Create();

        var result = Assert.Single(q.AckAll(new LeaseRef("no-such-message", "1")));

        Assert.Equal("no-such-message", result.Id);
        Assert.Equal(ErrorKind.NotFound, result.Error?.Kind);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Ack_must_hold_1_to_1000_leases(int count)
    {
        var q = Create();
        var leases = Enumerable.Range(0, count).Select(i => new LeaseRef($"m{i}", "1")).ToArray();

        var error = q.Refuse(new Ack(leases), ErrorKind.Invalid);

        Assert.Equal("leases", error.Field);
    }

    [Fact]
    public void A_batch_ack_must_answer_each_entry_and_ack_only_the_good_ones()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        q.Publish("c", id: "c");
        var leased = q.Receive(max: 3);

        var results = q.AckAll(
            LeaseOf(leased[0]),
            new LeaseRef("b", "not-the-token"),
            new LeaseRef("ghost", "1"),
            LeaseOf(leased[2]));

        Assert.Equal(["a", "b", "ghost", "c"], results.Select(r => r.Id));
        Assert.Null(results[0].Error);
        Assert.Equal(ErrorKind.StaleLease, results[1].Error?.Kind);
        Assert.Equal(ErrorKind.NotFound, results[2].Error?.Kind);
        Assert.Null(results[3].Error);
        Assert.Null(q.State.Find("a"));
        Assert.Equal(MessageState.Inflight, q.Get("b").State);
        Assert.Null(q.State.Find("c"));
        Assert.Equal(2, q.Info.Totals.Acked);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Acking_the_same_lease_twice_in_one_request_must_ack_it_once()
    {
        var q = Create();
        q.Publish("a", id: "a");
        var received = q.ReceiveOne();

        var results = q.AckAll(LeaseOf(received), LeaseOf(received));

        Assert.Null(results[0].Error);
        Assert.NotNull(results[1].Error);
        Assert.Equal(ErrorKind.StaleLease, results[1].Error?.Kind);
        Assert.Single(q.EventsOf<MessageAcked>());
        Assert.Equal(1, q.Info.Totals.Acked);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Extend_must_set_the_expiry_to_now_plus_the_queue_visibility_timeout()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("slow work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(20));

        var expiresAt = q.Extend(received);

        Assert.Equal(At(50), expiresAt);
        Assert.Equal(At(50), q.Get(received.Id).Lease?.ExpiresAt);
        Assert.Equal(received.Lease?.Token, q.Get(received.Id).Lease?.Token);
        q.AdvanceTo(At(50) - OneTick);
        Assert.Empty(q.Receive());
        q.AdvanceTo(At(50));
        Assert.Equal(received.Id, q.ReceiveOne().Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Extend_must_use_the_timeout_it_names_even_if_shorter()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(10));

        var expiresAt = q.Extend(received, visibility: Seconds(5));

        Assert.Equal(At(15), expiresAt);
        q.AdvanceTo(At(15));
        q.Execute(Tick.Instance);
        Assert.Equal(MessageState.Ready, q.Get(received.Id).State);
    }

    [Fact]
    public void Extend_with_a_stale_token_must_be_refused()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();

        var error = q.Refuse(new Extend(received.Id, "stale", null), ErrorKind.StaleLease);

        Assert.Equal("token", error.Field);
    }

    [Fact]
    public void Extend_after_the_lease_expired_must_be_refused()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(31));

        q.Refuse(new Extend(received.Id, received.Lease!.Value.Token, null), ErrorKind.StaleLease);

        Assert.Equal(MessageState.Ready, q.Get(received.Id).State);
    }

    [Fact]
    public void Extend_with_a_timeout_out_of_bounds_must_be_refused()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();

        var error = q.Refuse(new Extend(received.Id, received.Lease!.Value.Token, TimeSpan.Zero), ErrorKind.Invalid);

        Assert.Equal("visibilityTimeoutSeconds", error.Field);
    }

    [Fact]
    public void Nack_must_make_the_message_ready_at_once()
    {
        var q = Create(QueueSettings.Default with { RetryDelay = Seconds(60) });
        q.Publish("work");
        var received = q.ReceiveOne();

        q.Nack(received);

        var message = q.Get(received.Id);
        Assert.Equal(MessageState.Ready, message.State);
        Assert.Null(message.Lease);
        Assert.Equal(1, message.ReceiveCount);
        Assert.Equal(received.Id, q.ReceiveOne().Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Nack_with_a_delay_must_keep_the_message_delayed_until_then()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(4));

        q.Nack(received, delay: Seconds(10));

        var message = q.Get(received.Id);
        Assert.Equal(MessageState.Delayed, message.State);
        Assert.Equal(At(14), message.DelayedUntil);
        Assert.Equal(1, q.Info.Counts.Delayed);
        q.AdvanceTo(At(14) - OneTick);
        Assert.Empty(q.Receive());
        q.AdvanceTo(At(14));
        Assert.Equal(received.Id, q.ReceiveOne().Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Nack_with_a_stale_token_must_be_refused_and_change_nothing()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();

        var error = q.Refuse(new Nack(received.Id, "stale", null, false), ErrorKind.StaleLease);

        Assert.Equal("token", error.Field);
        Assert.Equal(MessageState.Inflight, q.Get(received.Id).State);
    }

    [Fact]
    public void Nack_with_a_negative_delay_must_be_refused()
    {
        var q = Create();
        q.Publish("work");
        var received = q.ReceiveOne();

        var error = q.Refuse(new Nack(received.Id, received.Lease!.Value.Token, Seconds(-1), false), ErrorKind.Invalid);

        Assert.Equal("delaySeconds", error.Field);
    }

    [Fact]
    public void Nack_of_an_unknown_message_must_answer_not_found()
    {
        var q = Create();

        var error = q.Refuse(new Nack("ghost", "1", null, false), ErrorKind.NotFound);

        Assert.Equal("id", error.Field);
    }

    [Fact]
    public void An_expired_lease_must_make_the_message_ready_exactly_at_expiry()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();

        q.AdvanceTo(At(30) - OneTick);
        var beforeExpiry = q.Receive();
        q.AdvanceTo(At(30));
        var atExpiry = q.Receive();

        Assert.Empty(beforeExpiry);
        Assert.Equal(received.Id, Assert.Single(atExpiry).Id);
        Assert.Equal(2, atExpiry[0].ReceiveCount);
    }

    [Fact]
    public void An_expired_lease_with_a_retry_delay_must_delay_the_message_until_expiry_plus_the_delay()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30), RetryDelay = Seconds(15) });
        q.Publish("work");
        var received = q.ReceiveOne();

        q.AdvanceTo(At(30));
        q.Execute(Tick.Instance);
        var delayed = q.Get(received.Id);
        q.AdvanceTo(At(45) - OneTick);
        var early = q.Receive();
        q.AdvanceTo(At(45));
        var onTime = q.Receive();

        Assert.Equal(MessageState.Delayed, delayed.State);
        Assert.Equal(At(45), delayed.DelayedUntil);
        Assert.Empty(early);
        Assert.Equal(received.Id, Assert.Single(onTime).Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_lease_whose_retry_delay_has_also_passed_must_be_ready_at_the_next_command()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30), RetryDelay = Seconds(15) });
        q.Publish("work");
        var received = q.ReceiveOne();

        q.AdvanceTo(At(100));
        var again = q.Receive();

        Assert.Equal(received.Id, Assert.Single(again).Id);
    }

    [Fact]
    public void A_tick_at_lease_expiry_must_release_the_lease()
    {
        var q = Create(QueueSettings.Default with { VisibilityTimeout = Seconds(30) });
        q.Publish("work");
        var received = q.ReceiveOne();
        q.AdvanceTo(At(30));

        var decision = q.Execute(Tick.Instance);

        Assert.Equal(new LeaseReleased(received.Id, null), Assert.Single(decision.Events));
        Assert.Null(q.Get(received.Id).Lease);
    }
}
