using ActorMq.Engine.Tests.Support;
using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class TransferTests
{
    /// <summary>A dead letter as a queue named <paramref name="source"/> would send it.</summary>
    private static TransferMessage DeadLetter(string transferId, string id, string source, int priority = 100) =>
        new(
            transferId,
            TransferReason.MaxReceives,
            id,
            Text(id),
            null,
            MessageHeaders.From(new Dictionary<string, string>
            {
                [DeadLetterHeaders.Reason] = "maxReceives",
                [DeadLetterHeaders.Source] = source,
                [DeadLetterHeaders.At] = "2026-01-01T00:00:00.0000000Z",
            }),
            priority);

    private static QueueFixture DeadLetterQueueWith(params TransferMessage[] transfers)
    {
        var dlq = Missing("orders.dlq");
        dlq.Succeed<TransfersAccepted>(new AcceptTransfers(transfers));
        return dlq;
    }

    [Fact]
    public void AcceptTransfers_must_create_a_missing_dead_letter_queue_that_never_dead_letters()
    {
        var orders = Create();
        orders.Publish(Message("poison", id: "m1", priority: 7, headers: new Dictionary<string, string> { ["tenant"] = "acme" }));
        orders.Nack(orders.ReceiveOne(), deadLetter: true);
        var transfer = Assert.Single(orders.State.Outbox);
        var dlq = Missing(transfer.TargetQueue);

        var accepted = dlq.Succeed<TransfersAccepted>(new AcceptTransfers([transfer.Message]));

        Assert.Equal(new TransfersAccepted(1, 0), accepted);
        Assert.True(dlq.State.Exists);
        Assert.Equal(QueueSettings.ForDeadLetterQueue(), dlq.State.Settings);
        Assert.Equal(0, dlq.State.Settings.MaxReceives);
        var stored = dlq.Get("m1");
        Assert.Equal(MessageState.Ready, stored.State);
        Assert.Equal(Text("poison"), stored.Body);
        Assert.Equal(7, stored.Priority);
        Assert.Equal("acme", stored.Headers["tenant"]);
        Assert.Equal("nack", stored.Headers[DeadLetterHeaders.Reason]);
        Assert.Equal("orders", stored.Headers[DeadLetterHeaders.Source]);
        Assert.Equal(0, stored.ReceiveCount);
        Assert.Null(stored.FirstReceivedAt);
        dlq.AssertReplayRebuildsState();
    }

    [Fact]
    public void AcceptTransfers_must_store_a_transfer_once_however_often_it_arrives()
    {
        var t1 = DeadLetter("orders@1:1", "a", "orders");
        var dlq = DeadLetterQueueWith(t1);

        var again = dlq.Succeed<TransfersAccepted>(new AcceptTransfers([t1]));
        var twiceInOne = dlq.Succeed<TransfersAccepted>(new AcceptTransfers([DeadLetter("orders@1:2", "b", "orders"), DeadLetter("orders@1:2", "b", "orders")]));

        Assert.Equal(new TransfersAccepted(0, 1), again);
        Assert.Equal(new TransfersAccepted(1, 1), twiceInOne);
        Assert.Equal(2, dlq.Info.Counts.Ready);
        Assert.Equal(2, dlq.Info.Totals.Published);
        dlq.AssertReplayRebuildsState();
    }

    [Fact]
    public void AcceptTransfers_must_drop_a_repeated_transfer_even_after_its_message_left()
    {
        var t1 = DeadLetter("orders@1:1", "a", "orders");
        var dlq = DeadLetterQueueWith(t1);
        dlq.Ack(dlq.ReceiveOne());
        dlq.Advance(TimeSpan.FromHours(1));

        var again = dlq.Succeed<TransfersAccepted>(new AcceptTransfers([t1]));

        Assert.Equal(new TransfersAccepted(0, 1), again);
        Assert.Equal(0, dlq.Info.Counts.Total);
    }

    [Fact]
    public void AcceptTransfers_must_rename_a_message_whose_id_is_taken()
    {
        var dlq = DeadLetterQueueWith(DeadLetter("orders@1:1", "m1", "orders"));

        var accepted = dlq.Succeed<TransfersAccepted>(new AcceptTransfers([DeadLetter("billing@1:1", "m1", "billing")]));

        Assert.Equal(1, accepted.Accepted);
        var ids = dlq.IdsIn(MessageState.Ready);
        Assert.Equal(2, ids.Count);
        Assert.Equal("m1", ids[0]);
        Assert.NotEqual("m1", ids[1]);
        Assert.StartsWith("m1", ids[1], StringComparison.Ordinal);
        Assert.Equal("orders", dlq.Get("m1").Headers[DeadLetterHeaders.Source]);
        Assert.Equal("billing", dlq.Get(ids[1]).Headers[DeadLetterHeaders.Source]);
        dlq.AssertReplayRebuildsState();
    }

    [Fact]
    public void AcceptTransfers_must_rename_to_an_id_no_live_message_has()
    {
        // The rename is "<id>~<position key>"; here a client already published a message with exactly that id.
        var dlq = Create(name: "orders.dlq");
        dlq.Publish("first m1", id: "m1");
        dlq.Publish("looks renamed", id: "m1~3");

        var thrown = Record.Exception(() => dlq.Execute(new AcceptTransfers([DeadLetter("orders@1:1", "m1", "orders")])));

        Assert.Null(thrown);
        Assert.Equal(3, dlq.IdsIn(MessageState.Ready).Distinct().Count());
        Assert.Equal(Text("looks renamed"), dlq.Get("m1~3").Body);
        dlq.AssertReplayRebuildsState();
    }

    [Fact]
    public void AcceptTransfers_must_rename_a_second_message_with_the_same_id_in_one_batch()
    {
        var dlq = Missing("orders.dlq");

        var accepted = dlq.Succeed<TransfersAccepted>(new AcceptTransfers(
            [DeadLetter("orders@1:1", "m1", "orders"), DeadLetter("billing@1:1", "m1", "billing")]));

        Assert.Equal(new TransfersAccepted(2, 0), accepted);
        Assert.Equal(2, dlq.IdsIn(MessageState.Ready).Distinct().Count());
    }

    [Fact]
    public void AcceptTransfers_of_redriven_messages_must_create_a_missing_queue_with_default_settings()
    {
        var orders = Missing("orders");
        var redriven = DeadLetter("orders.dlq@1:1", "m1", "orders") with { Reason = TransferReason.Redrive };

        orders.Succeed<TransfersAccepted>(new AcceptTransfers([redriven]));

        Assert.Equal(QueueSettings.Default, orders.State.Settings);
        Assert.Equal(1, orders.Info.Counts.Ready);
    }

    [Fact]
    public void ConfirmTransfers_must_clear_the_outbox()
    {
        var orders = Create();
        orders.Publish("a");
        orders.Publish("b");
        orders.Nack(orders.ReceiveOne(), deadLetter: true);
        orders.Nack(orders.ReceiveOne(), deadLetter: true);
        var transferIds = orders.State.Outbox.Select(t => t.Message.TransferId).ToList();

        var first = orders.Execute(new ConfirmTransfers([transferIds[0], "never-sent"]));
        var remaining = orders.State.Outbox.Select(t => t.Message.TransferId).ToList();
        orders.Succeed<Done>(new ConfirmTransfers([transferIds[1]]));

        Assert.Equal([new TransferConfirmed(transferIds[0])], first.Events);
        Assert.Equal([transferIds[1]], remaining);
        Assert.Empty(orders.State.Outbox);
        Assert.Null(orders.State.FindTransfer(transferIds[0]));
        orders.AssertReplayRebuildsState();
    }

    [Fact]
    public void ConfirmTransfers_of_an_already_confirmed_transfer_must_emit_nothing()
    {
        var orders = Create();
        orders.Publish("a");
        orders.Nack(orders.ReceiveOne(), deadLetter: true);
        var transferId = Assert.Single(orders.State.Outbox).Message.TransferId;
        orders.Succeed<Done>(new ConfirmTransfers([transferId]));

        var again = orders.Execute(new ConfirmTransfers([transferId, transferId]));

        Assert.True(again.IsSuccess);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Redrive_must_move_ready_dead_letters_to_the_queue_each_came_from()
    {
        var dlq = DeadLetterQueueWith(
            DeadLetter("orders@1:1", "a", "orders", priority: 5),
            DeadLetter("billing@1:1", "b", "billing"),
            DeadLetter("orders@1:2", "c", "orders"));

        var started = dlq.Succeed<RedriveStarted>(new Redrive(null, null));

        Assert.Equal(
            [("a", "orders"), ("b", "billing"), ("c", "orders")],
            started.Transfers.Select(t => (t.Message.Id, t.TargetQueue)).OrderBy(x => x.Id));
        Assert.All(started.Transfers, t => Assert.Equal(TransferReason.Redrive, t.Message.Reason));
        Assert.Equal(5, started.Transfers.Single(t => t.Message.Id == "a").Message.Priority);
        Assert.Equal(Text("b"), started.Transfers.Single(t => t.Message.Id == "b").Message.Body);
        Assert.Equal(0, dlq.Info.Counts.Total);
        Assert.Equal(3, dlq.State.Outbox.Count);
        Assert.Equal(3, dlq.EventsOf<MessageRedriven>().Count);
        Assert.Equal(3, started.Transfers.Select(t => t.Message.TransferId).Distinct().Count());
        dlq.AssertReplayRebuildsState();
    }

    [Fact]
    public void Redrive_to_a_named_queue_must_send_every_ready_message_there()
    {
        var dlq = DeadLetterQueueWith(DeadLetter("orders@1:1", "a", "orders"), DeadLetter("billing@1:1", "b", "billing"));

        var started = dlq.Succeed<RedriveStarted>(new Redrive("replay", null));

        Assert.Equal(2, started.Transfers.Count);
        Assert.All(started.Transfers, t => Assert.Equal("replay", t.TargetQueue));
    }

    [Fact]
    public void Redrive_must_refuse_to_send_messages_to_the_queue_itself()
    {
        var dlq = DeadLetterQueueWith(DeadLetter("orders@1:1", "a", "orders"));

        var error = dlq.Refuse(new Redrive("orders.dlq", null), ErrorKind.Invalid);

        Assert.Equal("to", error.Field);
        Assert.Equal(1, dlq.Info.Counts.Ready);
    }

    [Fact]
    public void Redrive_must_refuse_an_invalid_target_name_or_max()
    {
        var dlq = DeadLetterQueueWith(DeadLetter("orders@1:1", "a", "orders"));

        Assert.Equal("to", dlq.Refuse(new Redrive("no such/queue", null), ErrorKind.Invalid).Field);
        Assert.Equal("max", dlq.Refuse(new Redrive(null, 0), ErrorKind.Invalid).Field);
    }

    [Fact]
    public void Redrive_must_move_at_most_max_messages_in_delivery_order()
    {
        var dlq = DeadLetterQueueWith(
            DeadLetter("orders@1:1", "a", "orders", priority: 9),
            DeadLetter("orders@1:2", "b", "orders", priority: 1),
            DeadLetter("orders@1:3", "c", "orders", priority: 5));

        var started = dlq.Succeed<RedriveStarted>(new Redrive(null, 2));

        Assert.Equal(["b", "c"], started.Transfers.Select(t => t.Message.Id));
        Assert.Equal(["a"], dlq.IdsIn(MessageState.Ready));
    }

    [Fact]
    public void Redrive_must_leave_inflight_and_delayed_messages_and_those_without_another_source()
    {
        var dlq = DeadLetterQueueWith(
            DeadLetter("orders@1:1", "leased", "orders", priority: 1),
            DeadLetter("orders@1:2", "delayed", "orders", priority: 2),
            DeadLetter("orders@1:3", "ready", "orders", priority: 3));
        dlq.Publish("no source", id: "orphan");
        dlq.Publish(Message("from itself", id: "self", headers: new Dictionary<string, string> { [DeadLetterHeaders.Source] = "orders.dlq" }));
        dlq.ReceiveOne();
        dlq.Nack(dlq.ReceiveOne(), delay: Seconds(60));

        var started = dlq.Succeed<RedriveStarted>(new Redrive(null, null));

        Assert.Equal(["ready"], started.Transfers.Select(t => t.Message.Id));
        Assert.Equal(MessageState.Inflight, dlq.Get("leased").State);
        Assert.Equal(MessageState.Delayed, dlq.Get("delayed").State);
        Assert.Equal(MessageState.Ready, dlq.Get("orphan").State);
        Assert.Equal(MessageState.Ready, dlq.Get("self").State);
    }

    [Fact]
    public void A_redriven_message_must_arrive_at_the_back_of_its_source_with_receiveCount_zero()
    {
        var orders = Create(QueueSettings.Default with { MaxReceives = 1 });
        orders.Publish("poison", id: "m1");
        orders.Nack(orders.ReceiveOne());
        var deadLetter = Assert.Single(orders.State.Outbox);
        var dlq = Missing(deadLetter.TargetQueue);
        dlq.Succeed<TransfersAccepted>(new AcceptTransfers([deadLetter.Message]));
        orders.Succeed<Done>(new ConfirmTransfers([deadLetter.Message.TransferId]));
        orders.Publish("newer", id: "m2");

        var redrive = Assert.Single(dlq.Succeed<RedriveStarted>(new Redrive(null, null)).Transfers);
        orders.Succeed<TransfersAccepted>(new AcceptTransfers([redrive.Message]));
        dlq.Succeed<Done>(new ConfirmTransfers([redrive.Message.TransferId]));

        Assert.Equal("orders", redrive.TargetQueue);
        var back = orders.Get("m1");
        Assert.Equal(0, back.ReceiveCount);
        Assert.Null(back.FirstReceivedAt);
        Assert.Equal(Text("poison"), back.Body);
        Assert.Equal(["m2", "m1"], orders.IdsIn(MessageState.Ready));
        Assert.Empty(orders.State.Outbox);
        Assert.Empty(dlq.State.Outbox);
        Assert.Equal(0, dlq.Info.Counts.Total);
        orders.AssertReplayRebuildsState();
        dlq.AssertReplayRebuildsState();
    }
}
