using ActorMq.Client;
using ActorMq.Cluster.Catalog;
using ActorMq.Cluster.Gateway;
using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Queues;
using ActorMq.Cluster.Schedules;
using ActorMq.Contracts;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.TestKit.Regions;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit;

namespace ActorMq.TestKit;

/// <summary>
/// An ActorMq node inside a test's actor system, for Akka.TestKit tests: the real <see cref="QueueActor"/>,
/// <see cref="ScheduleActor"/> and catalog, each entity behind a one-node region (no cluster, no sharding), on the
/// in-memory journal, with the <see cref="TestScheduler"/>'s virtual time; reached through <see cref="Client"/>, the
/// same <see cref="IActorMqClient"/> as over HTTP or Akka.Remote. Time moves only when the test says:
/// <see cref="AdvanceAsync"/> moves it in steps of at most <see cref="MaxStep"/> (half the schedule look-ahead) and
/// lets the node settle after each, so every scheduled message is back in its queue before it is due and is delivered
/// in the step it falls due, never before.
/// </summary>
/// <example>
/// <code>
/// public sealed class ReminderSpecs(ITestOutputHelper output) : TestKit(ActorMqTestNode.Config(), output: output)
/// {
///     [Fact]
///     public async Task Reminder_is_due_after_a_day()
///     {
///         await using var node = ActorMqTestNode.Start(Sys);
///         await node.Client.PublishAsync("reminders", new PublishMessage(MessageBody.Text("hi")) { Delay = TimeSpan.FromDays(1) });
///         await node.AdvanceAsync(TimeSpan.FromHours(23));
///         Assert.Empty(await node.Client.PopAsync("reminders"));
///         await node.AdvanceAsync(TimeSpan.FromHours(1));
///         Assert.Single(await node.Client.PopAsync("reminders"));
///     }
/// }
/// </code>
/// </example>
public sealed class ActorMqTestNode : IAsyncDisposable
{
    private static int _nodes;

    private readonly ActorSystem _system;
    private readonly ActorMqTestNodeOptions _options;
    private readonly ScheduleTraffic _traffic = new();
    private readonly IActorRef _queues;
    private readonly IActorRef _schedules;
    private readonly IActorRef _catalog;
    private readonly IActorRef _gateway;
    private readonly ActorMqAkkaClient _client;

    private ActorMqTestNode(ActorSystem system, ActorMqTestNodeOptions options, TestScheduler scheduler)
    {
        _system = system;
        _options = options;
        Scheduler = scheduler;
        var config = ActorMqConfig.FromDefaults(system.Settings.Config);
        Schedule = config.Schedule;
        MaxStep = Schedule.LookAhead > TimeSpan.Zero ? Schedule.LookAhead / 2 : TimeSpan.MaxValue;

        var prefix = $"actormq-test-node-{Interlocked.Increment(ref _nodes)}";
        _catalog = system.ActorOf(CatalogActor.Props(), $"{prefix}-catalog");
        IActorRef? queues = null;
        IActorRef? schedules = null;
        _queues = system.ActorOf(
            TestRegionActor.Props(
                m => (m as IQueueMessage)?.Queue,
                name => QueueActor.Props(name, config.Queue, queues!, _catalog, schedules!, config.Schedule),
                _traffic),
            $"{prefix}-queues");
        queues = _queues;
        _schedules = system.ActorOf(
            TestRegionActor.Props(
                m => m is IScheduleMessage s ? ScheduleMessageExtractor.EntityIdOf(s.Queue, s.Bucket) : null,
                id => ScheduleActor.Props(id, config.Schedule, _queues),
                _traffic),
            $"{prefix}-schedules");
        schedules = _schedules;
        _gateway = system.ActorOf(
            ClientGatewayActor.Props(_queues, _catalog, new ClientGatewaySettings(options.AutoCreateQueues, options.RealTimeout), () => true),
            $"{prefix}-gateway");
        _client = ActorMqAkkaClient.ForGateway(_gateway, options.RealTimeout);
    }

    /// <summary>The client of this node: every ActorMq operation, answered in virtual time.</summary>
    public IActorMqClient Client => _client;

    /// <summary>The virtual clock every queue and bucket of this node reads.</summary>
    public TestScheduler Scheduler { get; }

    /// <summary>The virtual now.</summary>
    public DateTimeOffset Now => Scheduler.Now;

    /// <summary>The schedule settings in force (<c>actormq.schedule</c>): bucket width and look-ahead.</summary>
    public ScheduleSettings Schedule { get; }

    /// <summary>
    /// What the schedule buckets have done so far: how many messages queues handed to them (a re-sent hand-over counts
    /// again), and how many times a queue woke one. Shows that a test's schedules went through buckets, as far-off
    /// schedules do on a real node.
    /// </summary>
    public ScheduleActivity ScheduleActivity
    {
        get
        {
            var (parked, woken) = _traffic.Totals;
            return new ScheduleActivity(parked, woken);
        }
    }

    /// <summary>
    /// The longest single step <see cref="AdvanceAsync"/> takes: half the look-ahead (one hour with
    /// <see cref="Config"/>'s defaults), so a bucket is always woken, and settled, a step before its messages are due.
    /// </summary>
    public TimeSpan MaxStep { get; }

    /// <summary>
    /// The configuration of a test's actor system that hosts a node: the <see cref="TestScheduler"/>, the in-memory
    /// journal and snapshot store (recovery timeouts that virtual time cannot trip), a local provider, schedule buckets
    /// an hour wide woken two hours ahead, ActorMq's defaults and serializer bindings. Pass it to the TestKit's
    /// constructor.
    /// </summary>
    /// <param name="overrides">HOCON that takes precedence, such as <c>actormq.schedule.look-ahead = 6h</c>.</param>
    public static Config Config(string? overrides = null) => TestNodeHocon.Build(overrides);

    /// <summary>Starts a node in <paramref name="system"/>, whose configuration must include <see cref="Config"/>.</summary>
    /// <param name="system">The test's actor system (the TestKit's <c>Sys</c>).</param>
    /// <param name="options">Auto-create and the real-time bound; defaults when null.</param>
    /// <exception cref="InvalidOperationException">The system does not run on the <see cref="TestScheduler"/>.</exception>
    public static ActorMqTestNode Start(ActorSystem system, ActorMqTestNodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(system);
        var scheduler = system.Scheduler as TestScheduler ?? throw new InvalidOperationException(
            "the actor system does not run on Akka.TestKit's TestScheduler: create it with ActorMqTestNode.Config() (or set akka.scheduler.implementation)");
        return new ActorMqTestNode(system, options ?? new ActorMqTestNodeOptions(), scheduler);
    }

    /// <summary>
    /// Moves virtual time on by <paramref name="by"/> in steps of at most <see cref="MaxStep"/>, letting the node settle
    /// after each (<see cref="SettleAsync"/>). Scheduled messages due by the new now are then ready.
    /// </summary>
    /// <param name="by">How far; zero or more.</param>
    /// <param name="cancellationToken">Cancels the wait for the node to settle.</param>
    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        await SettleAsync(cancellationToken).ConfigureAwait(false);
        var left = by;
        while (left > TimeSpan.Zero)
        {
            var step = left < MaxStep ? left : MaxStep;
            Scheduler.Advance(step);
            left -= step;
            await SettleAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Moves virtual time on to <paramref name="instant"/> (nothing when it has passed), as <see cref="AdvanceAsync"/> does.</summary>
    /// <param name="instant">The new now.</param>
    /// <param name="cancellationToken">Cancels the wait for the node to settle.</param>
    public Task AdvanceToAsync(DateTimeOffset instant, CancellationToken cancellationToken = default) =>
        AdvanceAsync(instant > Now ? instant - Now : TimeSpan.Zero, cancellationToken);

    /// <summary>
    /// Waits, in real time, until the node has done all it can without virtual time moving: every queue has written and
    /// answered what it was sent, every schedule bucket has stored what it was given and given back what it was woken
    /// for. Bounded by <see cref="ActorMqTestNodeOptions.RealTimeout"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The node did not settle in time (the message says which buckets owe what).</exception>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RealTimeout);
        try
        {
            while (true)
            {
                await _traffic.WhenIdle().WaitAsync(deadline.Token).ConfigureAwait(false);
                var version = _traffic.Version;

                // Each queue answers a read only once its writes are done; the regions then have routed all they were sent.
                var queues = await _queues.Ask<TestRegionActor.Synced>(TestRegionActor.Sync.Instance, cancellationToken: deadline.Token).ConfigureAwait(false);
                await Task.WhenAll(queues.Entities.Select(q => _queues.Ask<QueueResponse>(new GetQueue(q), cancellationToken: deadline.Token))).ConfigureAwait(false);
                await _schedules.Ask<TestRegionActor.Synced>(TestRegionActor.Sync.Instance, cancellationToken: deadline.Token).ConfigureAwait(false);
                await _queues.Ask<TestRegionActor.Synced>(TestRegionActor.Sync.Instance, cancellationToken: deadline.Token).ConfigureAwait(false);

                if (_traffic.IsIdle && _traffic.Version == version)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the ActorMq test node did not settle within {_options.RealTimeout.TotalSeconds} s: {_traffic.Describe()}");
        }
    }

    /// <summary>Stops the node's actors (the actor system stays).</summary>
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        foreach (var actor in new[] { _gateway, _queues, _schedules, _catalog })
        {
            _system.Stop(actor);
        }
    }
}
