using System.Buffers.Text;
using System.Text;
using ActorMq.Engine.Tests.Support;
using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class BrowseTests
{
    /// <summary>A queue holding messages in every live state.</summary>
    private static QueueFixture MixedQueue()
    {
        var q = Create();
        q.Publish("r1", id: "r-p5-1", priority: 5);
        q.Publish("r2", id: "r-p1", priority: 1);
        q.Publish("r3", id: "r-p5-2", priority: 5);
        q.Publish("r4", id: "r-p10", priority: 10);
        q.Publish("r5", id: "r-p9", priority: 9);
        q.Publish("s1", id: "s-300", deliverAt: At(300));
        q.Publish("s2", id: "s-100", deliverAt: At(100));
        q.Publish("s3", id: "s-200", deliverAt: At(200));
        q.Publish("x", id: "i-long", priority: 0);
        q.Publish("y", id: "i-short", priority: 0);
        q.Publish("z", id: "d-long", priority: 0);
        q.Publish("w", id: "d-short", priority: 0);
        var leased = q.Receive(max: 4).ToDictionary(m => m.Id);
        q.Nack(leased["d-long"], delay: Seconds(90));
        q.Nack(leased["d-short"], delay: Seconds(20));
        q.Extend(leased["i-long"], visibility: Seconds(80));
        q.Extend(leased["i-short"], visibility: Seconds(40));
        return q;
    }

    private static string? Cursor(QueueFixture q, MessageState state)
    {
        var error = QueueQueries.Browse(q.State, state, 1, null, out var page);
        Assert.Null(error);
        return page!.Next;
    }

    [Fact]
    public void Browse_of_ready_messages_must_list_them_by_priority_then_publish_order()
    {
        var q = MixedQueue();

        Assert.Equal(["r-p1", "r-p5-1", "r-p5-2", "r-p9", "r-p10"], q.IdsIn(MessageState.Ready));
    }

    [Fact]
    public void Browse_of_scheduled_messages_must_list_them_by_deliverAt()
    {
        var q = MixedQueue();

        Assert.Equal(["s-100", "s-200", "s-300"], q.IdsIn(MessageState.Scheduled));
    }

    [Fact]
    public void Browse_of_delayed_messages_must_list_them_by_when_they_become_ready()
    {
        var q = MixedQueue();

        Assert.Equal(["d-short", "d-long"], q.IdsIn(MessageState.Delayed));
    }

    [Fact]
    public void Browse_of_inflight_messages_must_list_them_by_lease_expiry()
    {
        var q = MixedQueue();

        Assert.Equal(["i-short", "i-long"], q.IdsIn(MessageState.Inflight));
    }

    [Fact]
    public void Browsed_messages_must_carry_their_state_and_version()
    {
        var q = MixedQueue();

        var scheduled = q.Browse(MessageState.Scheduled).Messages;
        var delayed = q.Browse(MessageState.Delayed).Messages;

        Assert.All(scheduled, m => Assert.Equal(MessageState.Scheduled, m.State));
        Assert.All(scheduled, m => Assert.Equal(1, m.Version));
        Assert.All(delayed, m => Assert.Equal(MessageState.Delayed, m.State));
        Assert.All(delayed, m => Assert.True(m.Version > 1));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Paging_with_a_cursor_must_cover_every_message_once_in_order(int limit)
    {
        var q = Create();
        var priorities = new[] { 5, 1, 5, 3, 1, 9, 3 };
        for (var i = 0; i < priorities.Length; i++)
        {
            q.Publish($"m{i}", id: $"m{i}", priority: priorities[i]);
        }

        var all = q.IdsIn(MessageState.Ready);
        var paged = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = q.Browse(MessageState.Ready, limit, after);
            Assert.InRange(page.Messages.Count, 1, limit);
            paged.AddRange(page.Messages.Select(m => m.Id));
            after = page.Next;
            pages++;
        }
        while (after is not null && pages <= priorities.Length);

        Assert.Equal(["m1", "m4", "m3", "m6", "m0", "m2", "m5"], all);
        Assert.Equal(all, paged);
        Assert.Equal((priorities.Length + limit - 1) / limit, pages);
    }

    [Fact]
    public void Paging_of_scheduled_messages_must_follow_deliverAt()
    {
        var q = MixedQueue();

        var first = q.Browse(MessageState.Scheduled, limit: 2);
        var second = q.Browse(MessageState.Scheduled, limit: 2, after: first.Next);

        Assert.Equal(["s-100", "s-200"], first.Messages.Select(m => m.Id));
        Assert.NotNull(first.Next);
        Assert.Equal(["s-300"], second.Messages.Select(m => m.Id));
        Assert.Null(second.Next);
    }

    [Fact]
    public void A_cursor_must_keep_working_after_the_message_it_points_at_left()
    {
        var q = Create();
        foreach (var id in new[] { "a", "b", "c", "d" })
        {
            q.Publish(id, id: id);
        }

        var first = q.Browse(MessageState.Ready, limit: 2);
        q.Cancel("b");
        var second = q.Browse(MessageState.Ready, limit: 2, after: first.Next);

        Assert.Equal(["a", "b"], first.Messages.Select(m => m.Id));
        Assert.Equal(["c", "d"], second.Messages.Select(m => m.Id));
    }

    [Fact]
    public void A_cursor_past_the_last_message_must_give_an_empty_page()
    {
        var q = Create();
        q.Publish("a", id: "a");
        q.Publish("b", id: "b");
        var first = q.Browse(MessageState.Ready, limit: 1);
        q.Cancel("b");

        var second = q.Browse(MessageState.Ready, limit: 1, after: first.Next);

        Assert.Empty(second.Messages);
        Assert.Null(second.Next);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("A")]
    [InlineData("eHl6")]
    [InlineData("MS4yLjM0LjU")]
    public void A_malformed_cursor_must_be_refused_naming_after(string after)
    {
        var q = MixedQueue();

        var error = QueueQueries.Browse(q.State, MessageState.Ready, 10, after, out var page);

        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Equal("after", error?.Field);
        Assert.Null(page);
    }

    [Fact]
    public void A_cursor_of_another_state_must_be_refused()
    {
        var q = MixedQueue();
        var scheduledCursor = Cursor(q, MessageState.Scheduled);

        var error = QueueQueries.Browse(q.State, MessageState.Ready, 10, scheduledCursor, out _);

        Assert.NotNull(scheduledCursor);
        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Equal("after", error?.Field);
    }

    [Fact]
    public void A_hand_made_cursor_of_the_right_shape_must_be_accepted()
    {
        // Guards the malformed-cursor theory: its "1.2.34.5" case fails only for its shape, not for its encoding.
        var q = MixedQueue();
        var wellFormed = Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{(int)MessageState.Ready}.1.0"));

        var error = QueueQueries.Browse(q.State, MessageState.Ready, 10, wellFormed, out var page);

        Assert.Null(error);
        Assert.Equal("r-p1", page!.Messages[0].Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void Browse_must_refuse_a_limit_outside_1_to_1000(int limit)
    {
        var q = MixedQueue();

        var error = QueueQueries.Browse(q.State, MessageState.Ready, limit, null, out _);

        Assert.Equal("limit", error?.Field);
    }

    [Fact]
    public void Browse_must_change_nothing()
    {
        var q = MixedQueue();
        var before = q.State.ToSnapshot();
        var eventsBefore = q.Events.Count;

        foreach (var state in Enum.GetValues<MessageState>())
        {
            var page = q.Browse(state, limit: 1);
            for (var pages = 1; page.Next is not null; pages++)
            {
                Assert.True(pages <= before.Messages.Count, $"browsing {state} did not end");
                page = q.Browse(state, limit: 1, after: page.Next);
            }
        }

        Assert.Equal(before, q.State.ToSnapshot());
        Assert.Equal(eventsBefore, q.Events.Count);
        Assert.Equal(before.Messages.Select(m => m.Version), q.State.ToSnapshot().Messages.Select(m => m.Version));
    }
}
