using System.Text.Json;

namespace ActorMq.Engine.Tests.Support;

/// <summary>
/// One queue driven through <see cref="QueueEngine.Execute"/> in virtual time: <see cref="Now"/> starts at
/// <see cref="Start"/> and moves only when a test advances it. Every event the engine returns is recorded so that
/// <see cref="AssertReplayRebuildsState"/> can check that replaying them rebuilds the live state.
/// </summary>
public sealed class QueueFixture
{
    /// <summary>The instant every fixture starts at.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<IQueueEvent> _events = [];

    private QueueFixture(string name)
    {
        State = new QueueState(name);
        Now = Start;
    }

    /// <summary>The live state.</summary>
    public QueueState State { get; }

    /// <summary>The queue's name.</summary>
    public string Name => State.Name;

    /// <summary>The virtual clock.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Every event applied so far, in order.</summary>
    public IReadOnlyList<IQueueEvent> Events => _events;

    /// <summary>Settings, counts and totals.</summary>
    public QueueInfo Info => QueueQueries.Info(State);

    /// <summary>A fixture whose queue exists, created at <see cref="Start"/> with <paramref name="settings"/>.</summary>
    public static QueueFixture Create(QueueSettings? settings = null, string name = "orders")
    {
        var fixture = new QueueFixture(name);
        var reply = fixture.Succeed<QueueConfiguredReply>(new ConfigureQueue(settings ?? QueueSettings.Default));
        Assert.True(reply.Created);
        return fixture;
    }

    /// <summary>A fixture whose queue does not exist yet.</summary>
    public static QueueFixture Missing(string name = "orders") => new(name);

    /// <summary>A time span of <paramref name="seconds"/>.</summary>
    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>The instant <paramref name="seconds"/> after <see cref="Start"/>.</summary>
    public static DateTimeOffset At(double seconds) => Start + Seconds(seconds);

    /// <summary>A JSON string body holding <paramref name="text"/>.</summary>
    public static MessageBody Text(string text) => MessageBody.Json(JsonSerializer.Serialize(text));

    /// <summary>A publish request for a JSON string body.</summary>
    public static PublishRequest Message(
        string text,
        int? priority = null,
        string? id = null,
        TimeSpan? delay = null,
        DateTimeOffset? deliverAt = null,
        TimeSpan? ttl = null,
        string? dedupId = null,
        IReadOnlyDictionary<string, string>? headers = null,
        string? contentType = null) => new()
        {
            Body = Text(text),
            Priority = priority,
            Id = id,
            Delay = delay,
            DeliverAt = deliverAt,
            Ttl = ttl,
            DedupId = dedupId,
            Headers = headers,
            ContentType = contentType,
        };

    /// <summary>The lease a received message carries, as a client presents it.</summary>
    public static LeaseRef LeaseOf(StoredMessage received)
    {
        Assert.True(received.Lease.HasValue, $"message '{received.Id}' carries no lease");
        return new LeaseRef(received.Id, received.Lease.Value.Token);
    }

    /// <summary>Moves the clock forward by <paramref name="by"/>.</summary>
    public void Advance(TimeSpan by)
    {
        Assert.True(by >= TimeSpan.Zero, "virtual time only moves forward");
        Now += by;
    }

    /// <summary>Moves the clock to <paramref name="at"/>.</summary>
    public void AdvanceTo(DateTimeOffset at)
    {
        Assert.True(at >= Now, "virtual time only moves forward");
        Now = at;
    }

    /// <summary>Runs <paramref name="command"/> at <see cref="Now"/> and records its events.</summary>
    public Decision Execute(QueueCommand command)
    {
        var decision = QueueEngine.Execute(State, command, Now);
        _events.AddRange(decision.Events);
        return decision;
    }

    /// <summary>Runs <paramref name="command"/>, asserts that it succeeded, and returns its reply.</summary>
    public T Succeed<T>(QueueCommand command)
        where T : QueueReply
    {
        var decision = Execute(command);
        Assert.True(decision.IsSuccess, $"{command.GetType().Name} failed: {decision.Error}");
        return Assert.IsType<T>(decision.Reply);
    }

    /// <summary>
    /// Brings the queue up to <see cref="Now"/>, runs <paramref name="command"/>, and asserts that it was refused with
    /// <paramref name="kind"/>, with no events and no change to the state. Returns the error.
    /// </summary>
    public QueueError Refuse(QueueCommand command, ErrorKind kind)
    {
        Execute(Tick.Instance);
        var before = State.ToSnapshot();

        var decision = Execute(command);

        Assert.False(decision.IsSuccess, $"{command.GetType().Name} was expected to fail with {kind} but succeeded with {decision.Reply}");
        var error = decision.Error!;
        Assert.Equal(kind, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Detail));
        Assert.Null(decision.Reply);
        Assert.Empty(decision.Events);
        Assert.Equal(before, State.ToSnapshot());
        return error;
    }

    /// <summary>Publishes one message with a JSON string body and returns its result.</summary>
    public PublishResult Publish(
        string text,
        int? priority = null,
        string? id = null,
        TimeSpan? delay = null,
        DateTimeOffset? deliverAt = null,
        TimeSpan? ttl = null,
        string? dedupId = null,
        IReadOnlyDictionary<string, string>? headers = null) =>
        Publish(Message(text, priority, id, delay, deliverAt, ttl, dedupId, headers));

    /// <summary>Publishes one message and returns its result.</summary>
    public PublishResult Publish(PublishRequest request) => Assert.Single(PublishBatch(request));

    /// <summary>Publishes a batch (auto-creating the queue) and returns the results in order.</summary>
    public IReadOnlyList<PublishResult> PublishBatch(params PublishRequest[] requests) =>
        Succeed<Published>(new Publish(requests, AutoCreate: true)).Results;

    /// <summary>Leases up to <paramref name="max"/> ready messages.</summary>
    public IReadOnlyList<StoredMessage> Receive(int max = 1000, TimeSpan? visibility = null) =>
        Succeed<Delivered>(new Receive(max, visibility)).Messages;

    /// <summary>Leases exactly one message.</summary>
    public StoredMessage ReceiveOne(TimeSpan? visibility = null) => Assert.Single(Receive(1, visibility));

    /// <summary>The ids a receive of everything ready returns, in order.</summary>
    public IReadOnlyList<string> ReceiveAllIds() => [.. Receive().Select(m => m.Id)];

    /// <summary>Receives and deletes up to <paramref name="max"/> ready messages.</summary>
    public IReadOnlyList<StoredMessage> Pop(int max = 1000) => Succeed<Delivered>(new Pop(max)).Messages;

    /// <summary>Acks one received message and asserts that the ack was accepted.</summary>
    public void Ack(StoredMessage received)
    {
        var result = Assert.Single(Succeed<Acked>(new Ack([LeaseOf(received)])).Results);
        Assert.Null(result.Error);
    }

    /// <summary>Acks a batch and returns the per-entry results.</summary>
    public IReadOnlyList<AckResult> AckAll(params LeaseRef[] leases) => Succeed<Acked>(new Ack(leases)).Results;

    /// <summary>Nacks one received message.</summary>
    public void Nack(StoredMessage received, TimeSpan? delay = null, bool deadLetter = false)
    {
        var lease = LeaseOf(received);
        Succeed<Done>(new Nack(lease.Id, lease.Token, delay, deadLetter));
    }

    /// <summary>Extends the lease of one received message and returns the new expiry.</summary>
    public DateTimeOffset Extend(StoredMessage received, TimeSpan? visibility = null)
    {
        var lease = LeaseOf(received);
        return Succeed<Extended>(new Extend(lease.Id, lease.Token, visibility)).ExpiresAt;
    }

    /// <summary>Edits a message and returns it as it is afterwards.</summary>
    public StoredMessage Edit(string id, MessagePatch patch, long? ifMatch = null) =>
        Succeed<Edited>(new EditMessage(id, patch, ifMatch)).Message;

    /// <summary>Cancels a message.</summary>
    public void Cancel(string id, long? ifMatch = null) => Succeed<Done>(new CancelMessage(id, ifMatch));

    /// <summary>Purges the queue and returns how many messages it removed.</summary>
    public int Purge() => Succeed<Removed>(Engine.Purge.Instance).Count;

    /// <summary>One page of a browse, asserting that the browse was accepted.</summary>
    public BrowsePage Browse(MessageState state, int limit = QueueQueries.MaxBrowseLimit, string? after = null)
    {
        var error = QueueQueries.Browse(State, state, limit, after, out var page);
        Assert.Null(error);
        return Assert.IsType<BrowsePage>(page);
    }

    /// <summary>The ids of the messages in <paramref name="state"/>, in delivery order.</summary>
    public IReadOnlyList<string> IdsIn(MessageState state) => [.. Browse(state).Messages.Select(m => m.Id)];

    /// <summary>The live message <paramref name="id"/>; fails when there is none.</summary>
    public StoredMessage Get(string id) => Assert.IsType<StoredMessage>(State.Find(id));

    /// <summary>The events of one type recorded so far.</summary>
    public IReadOnlyList<T> EventsOf<T>()
        where T : IQueueEvent => [.. _events.OfType<T>()];

    /// <summary>Replays every recorded event into a fresh state and asserts that it equals the live state.</summary>
    public void AssertReplayRebuildsState()
    {
        var replayed = new QueueState(Name);
        foreach (var e in _events)
        {
            QueueEngine.Apply(replayed, e);
        }

        var expected = State.ToSnapshot();
        var actual = replayed.ToSnapshot();
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(expected.Dedup, actual.Dedup);
        Assert.Equal(expected.Outbox, actual.Outbox);
        Assert.Equal(expected.Totals, actual.Totals);
        Assert.Equal(expected, actual);
        Assert.Equal(State.Counts, replayed.Counts);
        Assert.Equal(QueueEngine.NextChangeAt(State), QueueEngine.NextChangeAt(replayed));
    }
}
