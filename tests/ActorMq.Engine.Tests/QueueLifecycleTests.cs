using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class QueueLifecycleTests
{
    [Fact]
    public void Publish_must_create_a_missing_queue_with_default_settings()
    {
        var q = Missing();

        var result = q.Publish("first");

        Assert.True(q.State.Exists);
        Assert.Equal(QueueSettings.Default, q.State.Settings);
        Assert.Equal(Start, q.State.CreatedAt);
        var created = Assert.IsType<QueueConfigured>(q.Events[0]);
        Assert.True(created.Created);
        Assert.IsType<MessagePublished>(q.Events[1]);
        Assert.Equal(MessageState.Ready, q.Get(result.Id).State);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Publish_to_a_missing_queue_without_auto_create_must_answer_not_found()
    {
        var q = Missing();

        var error = q.Refuse(new Publish([Message("first")], AutoCreate: false), ErrorKind.NotFound);

        Assert.Equal("queue", error.Field);
        Assert.False(q.State.Exists);
    }

    [Fact]
    public void Publish_to_an_existing_queue_without_auto_create_must_succeed()
    {
        var q = Create();

        var published = q.Succeed<Published>(new Publish([Message("first")], AutoCreate: false));

        Assert.Single(published.Results);
        Assert.Equal(1, q.Info.Counts.Ready);
    }

    public static TheoryData<string> CommandsOnAQueue => new()
    {
        "receive", "pop", "ack", "nack", "extend", "edit", "cancel", "purge", "delete", "sweep", "redrive",
    };

    private static QueueCommand CommandNamed(string name) => name switch
    {
        "receive" => new Receive(1, null),
        "pop" => new Pop(1),
        "ack" => new Ack([new LeaseRef("m1", "1")]),
        "nack" => new Nack("m1", "1", null, false),
        "extend" => new Extend("m1", "1", null),
        "edit" => new EditMessage("m1", new MessagePatch { Priority = 1 }, null),
        "cancel" => new CancelMessage("m1", null),
        "purge" => Purge.Instance,
        "delete" => DeleteQueue.Instance,
        "sweep" => SweepExpired.Instance,
        "redrive" => new Redrive(null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown command"),
    };

    [Theory]
    [MemberData(nameof(CommandsOnAQueue))]
    public void Commands_on_a_missing_queue_must_answer_not_found(string command)
    {
        var q = Missing();

        var error = q.Refuse(CommandNamed(command), ErrorKind.NotFound);

        Assert.Equal("queue", error.Field);
        Assert.False(q.State.Exists);
    }

    [Fact]
    public void Browse_of_a_missing_queue_must_answer_not_found()
    {
        var q = Missing();

        var error = QueueQueries.Browse(q.State, MessageState.Ready, 10, null, out var page);

        Assert.Equal(ErrorKind.NotFound, error?.Kind);
        Assert.Null(page);
    }

    [Fact]
    public void Purge_must_remove_every_live_message_and_report_how_many()
    {
        var q = Create();
        q.Publish("ready 1");
        q.Publish("ready 2");
        q.Publish("scheduled", delay: Seconds(60));
        q.Publish("to lease");
        q.Publish("to delay");
        var inflight = q.ReceiveOne();
        q.Nack(q.ReceiveOne(), delay: Seconds(30));
        var counts = q.Info.Counts;

        var purged = q.Purge();

        Assert.Equal(new QueueCounts(Ready: 2, Scheduled: 1, Delayed: 1, Inflight: 1), counts);
        Assert.Equal(5, purged);
        Assert.Equal(new QueueCounts(0, 0, 0, 0), q.Info.Counts);
        Assert.Null(q.State.Find(inflight.Id));
        Assert.Null(QueueEngine.NextChangeAt(q.State));
        var ack = Assert.Single(q.AckAll(LeaseOf(inflight)));
        Assert.Equal(ErrorKind.NotFound, ack.Error?.Kind);
        q.AdvanceTo(At(120));
        Assert.Empty(q.Receive());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Purge_of_an_empty_queue_must_report_zero_and_emit_nothing()
    {
        var q = Create();

        var decision = q.Execute(Purge.Instance);

        Assert.Equal(0, Assert.IsType<Removed>(decision.Reply).Count);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Delete_must_remove_the_queue_so_later_commands_answer_not_found()
    {
        var q = Create();
        var published = q.Publish("doomed");

        q.Succeed<QueueDeletedReply>(DeleteQueue.Instance);

        Assert.False(q.State.Exists);
        Assert.Null(q.State.Find(published.Id));
        q.Refuse(new Receive(1, null), ErrorKind.NotFound);
        q.Refuse(DeleteQueue.Instance, ErrorKind.NotFound);
        q.Refuse(new Publish([Message("again")], AutoCreate: false), ErrorKind.NotFound);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void A_deleted_queue_created_again_must_start_empty_with_fresh_totals_and_default_settings()
    {
        var q = Create(QueueSettings.Default with { MaxReceives = 2 });
        q.Publish("old", dedupId: "d1");
        q.Succeed<QueueDeletedReply>(DeleteQueue.Instance);
        q.Advance(Seconds(1));

        var result = q.Publish("new", dedupId: "d1");

        Assert.False(result.Duplicate);
        Assert.Equal(1, q.Info.Counts.Ready);
        Assert.Equal(1, q.Info.Totals.Published);
        Assert.Equal(QueueSettings.Default, q.State.Settings);
        Assert.Equal(At(1), q.State.CreatedAt);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Info_must_report_counts_per_state_and_totals()
    {
        var q = Create();
        q.Publish("a");
        q.Publish("b");
        q.Publish("c", delay: Seconds(10));
        q.Ack(q.ReceiveOne());
        q.ReceiveOne();

        var info = q.Info;

        Assert.Equal("orders", info.Name);
        Assert.Equal(new QueueCounts(Ready: 0, Scheduled: 1, Delayed: 0, Inflight: 1), info.Counts);
        Assert.Equal(2, info.Counts.Total);
        Assert.Equal(new QueueTotals(Published: 3, Delivered: 2, Acked: 1, DeadLettered: 0, Expired: 0), info.Totals);
    }
}
