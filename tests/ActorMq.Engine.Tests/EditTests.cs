using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class EditTests
{
    private static readonly TimeSpan OneTick = TimeSpan.FromTicks(1);

    [Fact]
    public void Editing_the_priority_of_a_ready_message_must_reorder_it()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        q.Publish("c", id: "c");

        var edited = q.Edit("c", new MessagePatch { Priority = 1 });

        Assert.Equal(1, edited.Priority);
        Assert.Equal(MessageState.Ready, edited.State);
        Assert.Equal(2, edited.Version);
        Assert.Equal(["c", "a", "b"], q.ReceiveAllIds());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Editing_a_scheduled_message_into_the_past_must_make_it_ready()
    {
        var q = Create();
        q.Publish("later", id: "m1", deliverAt: At(600));
        q.AdvanceTo(At(10));

        var edited = q.Edit("m1", new MessagePatch { DeliverAt = At(5) });

        Assert.Equal(MessageState.Ready, edited.State);
        Assert.Equal(new QueueCounts(Ready: 1, Scheduled: 0, Delayed: 0, Inflight: 0), q.Info.Counts);
        Assert.Equal("m1", q.ReceiveOne().Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Editing_a_ready_message_into_the_future_must_schedule_it()
    {
        var q = Create();
        q.Publish("now", id: "m1");

        var edited = q.Edit("m1", new MessagePatch { DeliverAt = At(60) });

        Assert.Equal(MessageState.Scheduled, edited.State);
        Assert.Equal(At(60), edited.DeliverAt);
        Assert.Empty(q.Receive());
        Assert.Equal(At(60), QueueEngine.NextChangeAt(q.State));
        q.AdvanceTo(At(60) - OneTick);
        Assert.Empty(q.Receive());
        q.AdvanceTo(At(60));
        Assert.Equal("m1", q.ReceiveOne().Id);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Editing_with_a_delay_must_schedule_the_message_that_long_after_now()
    {
        var q = Create();
        q.Publish("m", id: "m1", delay: Seconds(10));
        q.AdvanceTo(At(5));

        var edited = q.Edit("m1", new MessagePatch { Delay = Seconds(100) });

        Assert.Equal(MessageState.Scheduled, edited.State);
        Assert.Equal(At(105), edited.DeliverAt);
        q.AdvanceTo(At(10));
        Assert.Empty(q.Receive());
    }

    [Fact]
    public void Editing_a_delayed_message_without_retiming_it_must_keep_it_delayed_until_the_same_instant()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.Nack(q.ReceiveOne(), delay: Seconds(30));

        var edited = q.Edit("m1", new MessagePatch { Priority = 3, Body = Text("patched") });

        Assert.Equal(MessageState.Delayed, edited.State);
        Assert.Equal(At(30), edited.DelayedUntil);
        Assert.Equal(3, edited.Priority);
        q.AdvanceTo(At(30));
        var received = q.ReceiveOne();
        Assert.Equal(Text("patched"), received.Body);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Editing_a_delayed_message_into_the_past_must_make_it_ready()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.Nack(q.ReceiveOne(), delay: Seconds(30));

        var edited = q.Edit("m1", new MessagePatch { DeliverAt = At(0) });

        Assert.Equal(MessageState.Ready, edited.State);
        Assert.Null(edited.DelayedUntil);
        Assert.Equal("m1", q.ReceiveOne().Id);
    }

    [Fact]
    public void Editing_must_replace_body_headers_and_content_type()
    {
        var q = Create();
        q.Publish(Message("old", id: "m1", headers: new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }, contentType: "text/plain"));

        var edited = q.Edit("m1", new MessagePatch
        {
            Body = MessageBody.Json("{\"new\": true}"),
            Headers = new Dictionary<string, string> { ["c"] = "3" },
            ContentType = "application/json",
        });

        Assert.Equal(MessageBody.Json("{\"new\": true}"), edited.Body);
        Assert.Equal(["c"], edited.Headers.Keys);
        Assert.Equal("application/json", edited.ContentType);
        Assert.Equal(edited, q.Get("m1"));
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void An_empty_patch_must_leave_the_message_as_it_was_but_for_its_version()
    {
        var q = Create();
        q.Publish(Message("m", id: "m1", priority: 4, deliverAt: At(50), headers: new Dictionary<string, string> { ["a"] = "1" }));
        var before = q.Get("m1");

        var edited = q.Edit("m1", new MessagePatch());

        Assert.Equal(before with { Version = before.Version + 1 }, edited);
    }

    [Fact]
    public void Editing_a_body_over_maxMessageBytes_must_be_refused_as_too_large()
    {
        var q = Create(QueueSettings.Default with { MaxMessageBytes = 8 });
        q.Publish("small", id: "m1");

        var error = q.Refuse(new EditMessage("m1", new MessagePatch { Body = Text("far too large") }, null), ErrorKind.TooLarge);

        Assert.Equal("body", error.Field);
        Assert.Equal(Text("small"), q.Get("m1").Body);
    }

    [Theory]
    [InlineData("negative priority", "priority")]
    [InlineData("deliverAt and delay", "deliverAt")]
    [InlineData("65 headers", "headers")]
    public void Editing_with_invalid_values_must_be_refused_naming_the_field(string fault, string field)
    {
        var q = Create();
        q.Publish("m", id: "m1");
        var patch = fault switch
        {
            "negative priority" => new MessagePatch { Priority = -1 },
            "deliverAt and delay" => new MessagePatch { DeliverAt = At(10), Delay = Seconds(10) },
            "65 headers" => new MessagePatch { Headers = Enumerable.Range(0, 65).ToDictionary(i => $"h{i}", _ => "v") },
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault"),
        };

        var error = q.Refuse(new EditMessage("m1", patch, null), ErrorKind.Invalid);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Editing_an_inflight_message_must_be_refused_as_a_conflict()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.ReceiveOne();

        q.Refuse(new EditMessage("m1", new MessagePatch { Priority = 1 }, null), ErrorKind.Conflict);

        Assert.Equal(MessageState.Inflight, q.Get("m1").State);
    }

    [Fact]
    public void Every_change_must_grow_the_version()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        var v1 = q.Get("m1").Version;

        var v2 = q.Edit("m1", new MessagePatch { Priority = 5 }).Version;
        var v3 = q.Edit("m1", new MessagePatch { Priority = 6 }).Version;
        var leased = q.ReceiveOne();
        q.Nack(leased);
        var v5 = q.Get("m1").Version;

        Assert.Equal(1, v1);
        Assert.Equal(2, v2);
        Assert.Equal(3, v3);
        Assert.Equal(4, leased.Version);
        Assert.Equal(5, v5);
    }

    [Fact]
    public void Editing_with_a_matching_if_match_must_succeed()
    {
        var q = Create();
        q.Publish("m", id: "m1");

        var edited = q.Edit("m1", new MessagePatch { Priority = 2 }, ifMatch: 1);

        Assert.Equal(2, edited.Version);
    }

    [Fact]
    public void Editing_with_a_stale_if_match_must_fail_the_precondition_and_change_nothing()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.Edit("m1", new MessagePatch { Priority = 2 });

        var error = q.Refuse(new EditMessage("m1", new MessagePatch { Priority = 9 }, IfMatch: 1), ErrorKind.PreconditionFailed);

        Assert.Equal("If-Match", error.Field);
        Assert.Equal(2, q.Get("m1").Priority);
        Assert.Equal(2, q.Get("m1").Version);
    }

    [Fact]
    public void Cancelling_a_scheduled_ready_or_delayed_message_must_remove_it()
    {
        var q = Create();
        q.Publish("s", id: "scheduled", delay: Seconds(60));
        q.Publish("r", id: "ready");
        q.Publish("d", id: "delayed", priority: 0);
        q.Nack(q.ReceiveOne(), delay: Seconds(60));

        q.Cancel("scheduled");
        q.Cancel("ready");
        q.Cancel("delayed");

        Assert.Equal(0, q.Info.Counts.Total);
        Assert.Null(QueueEngine.NextChangeAt(q.State));
        Assert.Equal(3, q.EventsOf<MessageCancelled>().Count);
        q.AdvanceTo(At(120));
        Assert.Empty(q.Receive());
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Cancelling_an_inflight_message_must_be_refused_as_a_conflict()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.ReceiveOne();

        q.Refuse(new CancelMessage("m1", null), ErrorKind.Conflict);

        Assert.Equal(MessageState.Inflight, q.Get("m1").State);
    }

    [Fact]
    public void Cancelling_with_a_stale_if_match_must_fail_the_precondition()
    {
        var q = Create();
        q.Publish("m", id: "m1");
        q.Edit("m1", new MessagePatch { Priority = 2 });

        q.Refuse(new CancelMessage("m1", IfMatch: 1), ErrorKind.PreconditionFailed);
        q.Cancel("m1", ifMatch: 2);

        Assert.Null(q.State.Find("m1"));
    }

    [Theory]
    [InlineData("acked")]
    [InlineData("popped")]
    [InlineData("cancelled")]
    [InlineData("expired")]
    [InlineData("dead-lettered")]
    [InlineData("never published")]
    public void A_message_that_has_left_must_answer_not_found_to_edit_and_cancel(string how)
    {
        var q = Create();
        q.Publish("m", id: "m1", ttl: Seconds(10));
        switch (how)
        {
            case "acked":
                q.Ack(q.ReceiveOne());
                break;
            case "popped":
                q.Pop();
                break;
            case "cancelled":
                q.Cancel("m1");
                break;
            case "expired":
                q.AdvanceTo(At(10));
                q.Execute(SweepExpired.Instance);
                break;
            case "dead-lettered":
                q.Nack(q.ReceiveOne(), deadLetter: true);
                break;
            case "never published":
                q.Cancel("m1");
                q.Publish("other", id: "m2");
                break;
        }

        var id = how == "never published" ? "m3" : "m1";
        var editError = q.Refuse(new EditMessage(id, new MessagePatch { Priority = 1 }, null), ErrorKind.NotFound);
        var cancelError = q.Refuse(new CancelMessage(id, null), ErrorKind.NotFound);

        Assert.Equal("id", editError.Field);
        Assert.Equal("id", cancelError.Field);
    }

    [Fact]
    public void A_scheduled_message_made_ready_by_an_edit_must_start_its_ttl_when_it_becomes_ready()
    {
        // DESIGN.md: TTL counts from the moment a message becomes ready; a past deliverAt means "now".
        var q = Create();
        q.Publish("later", id: "m1", deliverAt: At(100), ttl: Seconds(10));
        q.AdvanceTo(At(50));

        q.Edit("m1", new MessagePatch { DeliverAt = At(0) });
        var received = q.Receive();

        Assert.Equal("m1", Assert.Single(received).Id);
        Assert.Equal(0, q.Info.Totals.Expired);
    }

    [Fact]
    public void Retiming_a_ready_message_must_restart_its_ttl_from_the_new_delivery_instant()
    {
        // The rule chosen where DESIGN.md is silent: TTL counts from a message's deliverAt, so any retime restarts it.
        var q = Create();
        q.Publish("a", id: "a", ttl: Seconds(60));
        q.AdvanceTo(At(50));

        q.Edit("a", new MessagePatch { Delay = Seconds(10) });
        q.AdvanceTo(At(100));

        Assert.Equal("a", q.ReceiveOne().Id);
        Assert.Equal(0, q.Info.Totals.Expired);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Retiming_a_ready_message_into_the_past_must_restart_its_ttl_now()
    {
        var q = Create();
        q.Publish("a", id: "a", ttl: Seconds(60));
        q.AdvanceTo(At(50));

        q.Edit("a", new MessagePatch { DeliverAt = At(0) });
        q.AdvanceTo(At(100));

        // Counted from the publish (t=0) it would have expired at t=60; counted from the edit (t=50), it lives to t=110.
        Assert.Equal("a", q.ReceiveOne().Id);
        Assert.Equal(0, q.Info.Totals.Expired);
        q.AssertReplayRebuildsState();
    }
}
