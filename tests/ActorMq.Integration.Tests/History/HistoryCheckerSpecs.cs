namespace ActorMq.Integration.Tests.History;

/// <summary>The checker on small hand-made histories: it passes what the guarantees allow and names what they do not.</summary>
public sealed class HistoryCheckerSpecs
{
    private const string Queue = "q";
    private static readonly DateTimeOffset Past = DateTimeOffset.UtcNow.AddMinutes(-10);

    private readonly OperationHistory _history = new();

    [Fact]
    public void A_publish_received_and_acked_is_valid()
    {
        Publish("m1").Published("m1", duplicate: false);
        var lease = Receive(Delivered("m1", "t1", 1));
        Ack("m1", lease).Acked();

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(1, result.AcknowledgedMessages);
        Assert.Equal(0, result.DuplicateDeliveries);
    }

    [Fact]
    public void An_acknowledged_publish_never_received_is_lost()
    {
        Publish("m1").Published("m1", duplicate: false);

        var result = Check();

        var violation = Assert.Single(result.Violations);
        Assert.Equal(Rule.LostAcknowledgedPublish, violation.Rule);
        Assert.Equal(new MessageKey(Queue, "m1"), violation.Message);
        Assert.NotEmpty(violation.Excerpt);
    }

    [Fact]
    public void An_acknowledged_publish_still_in_the_queue_is_not_lost()
    {
        Publish("m1").Published("m1", duplicate: false);

        var result = Check(remaining: [new MessageKey(Queue, "m1")]);

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(1, result.Remaining);
    }

    [Fact]
    public void A_publish_of_unknown_outcome_may_be_lost_or_stored()
    {
        Publish("m1").Info("no answer");
        Publish("m2").Info("no answer");
        Receive(Delivered("m2", "t1", 1));

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(2, result.UnknownMessages);
        Assert.Equal(1, result.UnknownMessagesStored);
    }

    [Fact]
    public void A_publish_sent_again_after_an_unknown_outcome_is_acknowledged_by_its_duplicate_answer()
    {
        Publish("m1").Info("timeout");
        Publish("m1").Published("m1", duplicate: true);

        var result = Check();

        Assert.Equal(Rule.LostAcknowledgedPublish, Assert.Single(result.Violations).Rule);
        Assert.Equal(1, result.AcknowledgedMessages);
        Assert.Equal(1, result.DuplicateAnswers);
    }

    [Fact]
    public void Redelivery_of_an_unacked_message_is_a_counted_duplicate()
    {
        Publish("m1").Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1));
        var second = Receive(Delivered("m1", "t2", 2));
        Ack("m1", second).Acked();

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(1, result.DuplicateDeliveries);
        Assert.Equal(1, result.MessagesDeliveredMoreThanOnce);
        Assert.Equal(2, result.MostDeliveriesOfOneMessage);
    }

    [Fact]
    public void A_message_delivered_after_its_ack_succeeded_breaks_the_rule()
    {
        Publish("m1").Published("m1", duplicate: false);
        var first = Receive(Delivered("m1", "t1", 1));
        Ack("m1", first).Acked();
        Receive(Delivered("m1", "t2", 2));

        var result = Check();

        var violation = Assert.Single(result.Violations);
        Assert.Equal(Rule.DeliveredAfterAck, violation.Rule);
        Assert.Contains("ack op", violation.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_delivered_again_after_an_ack_of_unknown_outcome_is_allowed()
    {
        Publish("m1").Published("m1", duplicate: false);
        var first = Receive(Delivered("m1", "t1", 1));
        Ack("m1", first).Info("timeout");
        var second = Receive(Delivered("m1", "t2", 2));
        Ack("m1", second).Acked();

        var result = Check();

        Assert.True(result.Valid, result.Describe());
    }

    [Fact]
    public void A_scheduled_message_leased_before_its_deliverAt_is_early()
    {
        var due = DateTimeOffset.UtcNow.AddMinutes(5);
        Publish("m1", due).Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1, firstReceivedAt: due.AddMilliseconds(-1)));

        var result = Check();

        Assert.Contains(result.Violations, v => v.Rule == Rule.DeliveredEarly);
    }

    [Fact]
    public void A_scheduled_message_leased_at_or_after_its_deliverAt_is_on_time_and_its_lateness_is_reported()
    {
        var due = Past;
        Publish("m1", due).Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1, firstReceivedAt: due.AddSeconds(2)));

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(TimeSpan.FromSeconds(2), result.Lateness[new MessageKey(Queue, "m1")]);
    }

    [Fact]
    public void A_message_nobody_published_or_whose_every_publish_was_refused_must_not_be_delivered()
    {
        Publish("m1").Fail("400 bad");
        Receive(Delivered("m1", "t1", 1), Delivered("ghost", "t2", 1));

        var result = Check();

        Assert.Equal(2, result.Violations.Count(v => v.Rule == Rule.DeliveredUnpublished));
    }

    [Fact]
    public void Two_leases_with_one_receive_count_break_the_rule()
    {
        Publish("m1").Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1));
        Receive(Delivered("m1", "t2", 1));

        var result = Check();

        Assert.Contains(result.Violations, v => v.Rule == Rule.LeaseGrantedTwice);
    }

    [Fact]
    public void Two_leases_with_one_receive_count_break_the_rule_when_the_publish_was_acknowledged_before_the_first_even_if_published_again()
    {
        Publish("m1").Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1));
        Publish("m1").Published("m1", duplicate: true);
        Receive(Delivered("m1", "t2", 1));

        var result = Check();

        Assert.Contains(result.Violations, v => v.Rule == Rule.LeaseGrantedTwice);
    }

    [Fact]
    public void Two_leases_with_one_receive_count_break_the_rule_when_an_unacknowledged_publish_was_not_sent_again()
    {
        Publish("m1").Info("no answer");
        Receive(Delivered("m1", "t1", 1));
        Receive(Delivered("m1", "t2", 1));

        var result = Check();

        Assert.Contains(result.Violations, v => v.Rule == Rule.LeaseGrantedTwice);
    }

    [Fact]
    public void A_lease_lost_in_a_crash_may_be_granted_again_with_the_same_receive_count()
    {
        // The lease went out before its write; SIGKILL lost the write, so the recovered queue leases it at count 1 again.
        Publish("m1").Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1));
        var crash = DateTimeOffset.UtcNow;
        var again = Receive(Delivered("m1", "t2", 1));
        Ack("m1", again).Acked();

        var result = Check(crashes: [crash]);

        Assert.True(result.Valid, result.Describe());
    }

    [Fact]
    public void Two_leases_with_one_receive_count_break_the_rule_when_the_crash_came_after_both()
    {
        Publish("m1").Published("m1", duplicate: false);
        Receive(Delivered("m1", "t1", 1));
        Receive(Delivered("m1", "t2", 1));

        var result = Check(crashes: [DateTimeOffset.UtcNow.AddSeconds(1)]);

        Assert.Contains(result.Violations, v => v.Rule == Rule.LeaseGrantedTwice);
    }

    [Fact]
    public void A_message_leased_before_its_publish_was_acknowledged_and_published_again_may_start_at_receive_count_1_again()
    {
        // The node leases a message before its write; SIGKILL lost the write, the publish went unanswered, and the
        // client's retry stored a new message under the same id.
        Publish("m1").Info("no answer");
        var first = Receive(Delivered("m1", "t1", 1));
        Ack("m1", first).Info("no answer");
        Publish("m1").Published("m1", duplicate: false);
        var second = Receive(Delivered("m1", "t2", 1));
        Ack("m1", second).Acked();

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(1, result.DuplicateDeliveries);
    }

    [Fact]
    public void A_publish_answered_with_another_id_breaks_the_rule()
    {
        Publish("m1").Published("m0", duplicate: true);
        Receive(Delivered("m1", "t1", 1));

        var result = Check();

        Assert.Equal(Rule.WrongIdAnswered, Assert.Single(result.Violations).Rule);
    }

    [Fact]
    public void An_operation_that_never_completed_counts_as_unknown()
    {
        Publish("m1");

        var result = Check();

        Assert.True(result.Valid, result.Describe());
        Assert.Equal(new OutcomeCounts(0, 0, 1), result.Publishes);
    }

    private static Delivery Delivered(string id, string token, int receiveCount, DateTimeOffset? firstReceivedAt = null) =>
        new(id, token, receiveCount, null, firstReceivedAt ?? DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(30));

    private PendingOperation Publish(string id, DateTimeOffset? deliverAt = null) =>
        _history.Invoke(1, OperationKind.Publish, Queue, 1, id, deliverAt: deliverAt);

    private Delivery Receive(params Delivery[] deliveries)
    {
        _history.Invoke(2, OperationKind.Receive, Queue, 1).Received(deliveries);
        return deliveries[0];
    }

    private PendingOperation Ack(string id, Delivery lease) => _history.Invoke(2, OperationKind.Ack, Queue, 1, id, lease.Token);

    private CheckResult Check(IReadOnlyCollection<MessageKey>? remaining = null, IReadOnlyCollection<DateTimeOffset>? crashes = null) =>
        HistoryChecker.Check(_history.Snapshot(), remaining ?? [], crashes);
}
