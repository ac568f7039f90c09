using System.Globalization;
using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class DeadLetterTests
{
    private static readonly QueueSettings TwoReceives = QueueSettings.Default with { MaxReceives = 2, VisibilityTimeout = Seconds(30) };

    [Fact]
    public void A_message_must_be_dead_lettered_when_its_maxReceives_th_lease_expires()
    {
        var q = Create(TwoReceives);
        var headers = new Dictionary<string, string> { ["tenant"] = "acme" };
        q.Publish(Message("poison", id: "m1", priority: 7, headers: headers, contentType: "text/plain"));
        q.Nack(q.ReceiveOne());
        q.ReceiveOne();

        q.AdvanceTo(At(30));
        q.Execute(Tick.Instance);

        var dead = Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Equal("m1", dead.Id);
        Assert.Equal(TransferReason.MaxReceives, dead.Reason);
        Assert.Equal(At(30), dead.At);
        Assert.Equal("orders.dlq", dead.TargetQueue);
        Assert.NotNull(dead.TransferId);
        Assert.Null(q.State.Find("m1"));
        Assert.Equal(0, q.Info.Counts.Total);
        Assert.Equal(1, q.Info.Totals.DeadLettered);

        var transfer = Assert.Single(q.State.Outbox);
        Assert.Equal("orders.dlq", transfer.TargetQueue);
        var copy = transfer.Message;
        Assert.Equal(dead.TransferId, copy.TransferId);
        Assert.Equal(TransferReason.MaxReceives, copy.Reason);
        Assert.Equal("m1", copy.Id);
        Assert.Equal(Text("poison"), copy.Body);
        Assert.Equal("text/plain", copy.ContentType);
        Assert.Equal(7, copy.Priority);
        Assert.Equal("acme", copy.Headers["tenant"]);
        Assert.Equal("maxReceives", copy.Headers[DeadLetterHeaders.Reason]);
        Assert.Equal("orders", copy.Headers[DeadLetterHeaders.Source]);
        var at = copy.Headers[DeadLetterHeaders.At];
        Assert.EndsWith("Z", at, StringComparison.Ordinal);
        Assert.Equal(At(30), DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_message_must_not_be_dead_lettered_before_its_maxReceives_th_lease_ends()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 3 });
        q.Publish("flaky", id: "m1");

        q.Nack(q.ReceiveOne());
        q.Nack(q.ReceiveOne());
        var third = q.ReceiveOne();

        Assert.Equal(3, third.ReceiveCount);
        Assert.Empty(q.EventsOf<MessageDeadLettered>());
        Assert.Empty(q.State.Outbox);
        Assert.Equal(MessageState.Inflight, q.Get("m1").State);
    }

    [Fact]
    public void A_nack_that_ends_the_maxReceives_th_lease_must_dead_letter_the_message()
    {
        var q = Create(TwoReceives);
        q.Publish("poison", id: "m1");
        q.Nack(q.ReceiveOne());

        q.Nack(q.ReceiveOne());

        var dead = Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Equal(TransferReason.MaxReceives, dead.Reason);
        Assert.Null(q.State.Find("m1"));
    }

    [Fact]
    public void A_nack_with_a_delay_on_the_last_lease_must_still_dead_letter()
    {
        var q = Create(TwoReceives);
        q.Publish("poison", id: "m1");
        q.Nack(q.ReceiveOne());

        q.Nack(q.ReceiveOne(), delay: Seconds(60));

        Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Equal(0, q.Info.Counts.Delayed);
    }

    [Fact]
    public void MaxReceives_zero_must_never_dead_letter()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 0, VisibilityTimeout = Seconds(1) });
        q.Publish("forever", id: "m1");

        for (var i = 0; i < 15; i++)
        {
            q.Nack(q.ReceiveOne());
        }

        for (var i = 0; i < 15; i++)
        {
            q.ReceiveOne();
            q.Advance(Seconds(1));
        }

        Assert.Empty(q.EventsOf<MessageDeadLettered>());
        Assert.Equal(30, q.Get("m1").ReceiveCount);
        Assert.Empty(q.State.Outbox);
    }

    [Fact]
    public void A_nack_asking_for_dead_letter_must_send_the_message_with_reason_nack()
    {
        var q = Create();
        q.Publish("unprocessable", id: "m1");
        var received = q.ReceiveOne();

        q.Nack(received, deadLetter: true);

        var dead = Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Equal(TransferReason.Nack, dead.Reason);
        var transfer = Assert.Single(q.State.Outbox);
        Assert.Equal("orders.dlq", transfer.TargetQueue);
        Assert.Equal("nack", transfer.Message.Headers[DeadLetterHeaders.Reason]);
        Assert.Equal(1, q.Info.Totals.DeadLettered);
        Assert.Null(q.State.Find("m1"));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_configured_dead_letter_queue_must_receive_the_dead_letters()
    {
        var q = Create(QueueSettings.Default with { DeadLetterQueue = "orders-failed" });
        q.Publish("unprocessable");

        q.Nack(q.ReceiveOne(), deadLetter: true);

        Assert.Equal("orders-failed", Assert.Single(q.State.Outbox).TargetQueue);
        Assert.Equal("orders-failed", Assert.Single(q.EventsOf<MessageDeadLettered>()).TargetQueue);
    }

    [Fact]
    public void A_queue_named_dot_dlq_must_drop_its_dead_letters()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 1 }, name: "orders.dlq");
        q.Publish("twice dead", id: "m1");

        q.Nack(q.ReceiveOne());

        var dead = Assert.Single(q.EventsOf<MessageDeadLettered>());
        Assert.Null(dead.TargetQueue);
        Assert.Null(dead.TransferId);
        Assert.Empty(q.State.Outbox);
        Assert.Null(q.State.Find("m1"));
        Assert.Equal(1, q.Info.Totals.DeadLettered);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Every_dead_letter_must_get_its_own_transfer_id()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 1, VisibilityTimeout = Seconds(10) });
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        q.Publish("c", id: "c");
        q.Receive(max: 2);
        q.Nack(q.ReceiveOne(), deadLetter: true);

        q.AdvanceTo(At(10));
        q.Execute(Tick.Instance);

        var transferIds = q.State.Outbox.Select(t => t.Message.TransferId).ToList();
        Assert.Equal(3, transferIds.Count);
        Assert.Equal(3, transferIds.Distinct().Count());
        Assert.Equal(["a", "b", "c"], q.State.Outbox.Select(t => t.Message.Id).Order());
        q.AssertReplayRebuildsState();
    }
}
