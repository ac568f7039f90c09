using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Cluster.Schedules;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Cluster.Queues;

/// <summary>
/// One queue: a sharded, persistent entity that runs the engine. It decides each command at once (so later commands
/// see its effects), persists what arrived while a write was in flight as one batch (group commit), and answers only
/// after the batch holding the answer's events is written; only leased messages go out before their lease is written.
/// One timer follows the engine's next change; long polls wait in a list and are served when messages become ready.
/// Scheduled messages due beyond the look-ahead are handed to their schedule buckets (<see cref="ScheduleLink"/>), and
/// taken back before they are due.
/// </summary>
public sealed class QueueActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>Prefix of queue persistence ids: <c>queue-&lt;name&gt;</c>.</summary>
    public const string PersistencePrefix = "queue-";

    private const string TickTimer = "tick";
    private const string PollTimer = "poll-deadline";
    private const string TransferTimer = "transfer-retry";
    private const string BucketTimer = "bucket-wake";
    private const string CatalogTimer = "catalog-retry";

    private readonly string _queue;
    private readonly QueueActorSettings _settings;
    private readonly IActorRef _queues;
    private readonly CatalogLink _catalog;
    private readonly ScheduleLink _schedule;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly GroupCommit _commit = new();
    private readonly LongPolls _polls = new();
    private readonly List<RedriveWait> _redrives = [];
    private readonly PreciseTimer? _preciseTick;
    private readonly HashSet<string> _sentTransfers = new(StringComparer.Ordinal);
    private QueueState _state;
    private long _eventsSinceSnapshot;
    private DateTimeOffset? _tickArmedFor;
    private DateTimeOffset? _pollArmedFor;
    private DateTimeOffset? _bucketsArmedFor;
    private bool _stopping;
    private bool _snapshotInFlight;

    /// <summary>Creates the actor for <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue's name, the entity id.</param>
    /// <param name="settings">Tuning.</param>
    /// <param name="queues">Where messages for other queues go (the shard region).</param>
    /// <param name="catalog">The queue catalog, told when this queue is created or deleted.</param>
    /// <param name="schedules">The schedule bucket shard region.</param>
    /// <param name="schedule">Scheduler tuning.</param>
    public QueueActor(string queue, QueueActorSettings settings, IActorRef queues, IActorRef catalog, IActorRef schedules, ScheduleSettings schedule)
    {
        _queue = queue;
        _settings = settings;
        _queues = queues;
        _catalog = new CatalogLink(queue, catalog);
        _schedule = new ScheduleLink(queue, schedule, schedules);
        _state = new QueueState(queue);
        _preciseTick = PreciseTimer.For(Context.System, Self, TickNow.Instance);

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is QueueSnapshotRecord record)
            {
                _state = QueueState.FromSnapshot(record.Snapshot);
            }
        });
        Recover<QueueEventBatch>(batch =>
        {
            foreach (var e in batch.Events)
            {
                _state.Apply(e);
            }

            _eventsSinceSnapshot += batch.Events.Count;
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<QueueRequest>(OnRequest);
        Command<GetQueue>(_ => Read(() => _state.Exists ? QueueResponse.Ok(new QueueFound(QueueQueries.Info(_state))) : NotFound()));
        Command<GetMessage>(m => ReadWithBodies(() => FindMessage(m.Id)));
        Command<BrowseMessages>(b => ReadWithBodies(() => QueueQueries.Browse(_state, b.State, b.Limit, b.After, out var page) is { } error
            ? QueueResponse.Fail(error)
            : QueueResponse.Ok(new MessagesBrowsed(page!))));
        Command<BucketStored>(OnBucketStored);
        Command<BucketFiring>(OnBucketFiring);
        Command<BucketEmpty>(OnBucketEmpty);
        Command<ScheduleLink.Fetched>(OnFetched);
        Command<WakeBuckets>(_ =>
        {
            _bucketsArmedFor = null;
            _schedule.Dirty = true;
            AfterChange();
        });
        Command<TransferBatch>(OnTransferBatch);
        Command<TransfersStored>(OnTransfersStored);
        Command<TickNow>(_ =>
        {
            _tickArmedFor = null;
            Run(Tick.Instance, replyTo: null);
            AfterChange();
        });
        Command<PollDeadline>(_ =>
        {
            _pollArmedFor = null;
            ExpirePolls();
        });
        Command<RetryTransfers>(_ => SendTransfers(all: true));
        Command<CatalogRecorded>(recorded =>
        {
            if (_catalog.Recorded(recorded))
            {
                Timers.Cancel(CatalogTimer);
                StopIfIdle();
            }
        });
        Command<RetryCatalog>(_ => RetryCatalogChange());
        Command<StopQueue>(_ => BeginStop());
        Command<GetState>(_ =>
        {
            Stage([], Sender, _state.ToSnapshot());
            Flush();
        });
        Command<SaveSnapshotSuccess>(s =>
        {
            _snapshotInFlight = false;
            DeleteMessages(s.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            StopIfIdle();
        });
        Command<SaveSnapshotFailure>(f =>
        {
            _snapshotInFlight = false;
            _log.Warning(f.Cause, "[Queue={Queue}] snapshot failed; the journal is kept", _queue);
            StopIfIdle();
        });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(f => _log.Warning(f.Cause, "[Queue={Queue}] could not delete journal below a snapshot", _queue));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.Warning(f.Cause, "[Queue={Queue}] could not delete old snapshots", _queue));
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistencePrefix + _queue;

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>Props of the queue <paramref name="queue"/>.</summary>
    public static Props Props(string queue, QueueActorSettings settings, IActorRef queues, IActorRef catalog, IActorRef schedules, ScheduleSettings schedule) =>
        Akka.Actor.Props.Create(() => new QueueActor(queue, settings, queues, catalog, schedules, schedule));

    private void OnRecovered()
    {
        if (_state.Exists)
        {
            TellCatalog(exists: true);
        }

        SendTransfers(all: true);
        AfterChange();
    }

    private void OnRequest(QueueRequest request) => OnRequest(request, Sender, mayFetch: true);

    /// <summary>
    /// Runs a client's command. An edit of a parked message first fetches the message from its bucket
    /// (<paramref name="mayFetch"/>), then runs again; a second time the engine refuses it rather than fetch forever.
    /// </summary>
    private void OnRequest(QueueRequest request, IActorRef replyTo, bool mayFetch)
    {
        if (mayFetch && request.Command is EditMessage edit && _state.Find(edit.Id) is { IsParked: true } parked)
        {
            _schedule.Fetch([parked], fetched => new ScheduleLink.Fetched(fetched, replyTo, Resume: request), Self);
            return;
        }

        var decision = Run(request.Command, replyTo, holdEmptyReceive: request.Wait > TimeSpan.Zero);
        if (decision.Reply is Delivered { Messages.Count: 0 } && request.Command is Receive receive && request.Wait > TimeSpan.Zero)
        {
            _polls.Add(new Poll(replyTo, receive, Now + MinWait(request.Wait)));
            ArmPollTimer();
        }
        else if (decision.Reply is RedriveStarted started)
        {
            AwaitRedrive(started, replyTo);
        }

        AfterChange();
    }

    /// <summary>
    /// Executes a command, stages its events and (unless held back) its answer. Leased messages go to their receiver at
    /// once, before the lease is written (as a broker hands a waiting consumer a message before its disk write): a lease
    /// lost in a crash only means the message is delivered again, and every publish, ack and other change still answers
    /// after its write.
    /// </summary>
    private Decision Run(QueueCommand command, IActorRef? replyTo, bool holdEmptyReceive = false)
    {
        var decision = QueueEngine.Execute(_state, command, Now, (ulong)Random.Shared.NextInt64());
        var answer = AnswerOf(decision, holdEmptyReceive);
        if (command is Receive && answer is { Reply: Delivered { Messages.Count: > 0 } } && replyTo is not null)
        {
            replyTo.Tell(answer, Self);
            answer = null;
        }

        Stage(decision.Events, replyTo, answer);
        return decision;
    }

    /// <summary>
    /// The answer to send once the decision's events are written, or null when it must wait: an empty long poll
    /// waits for messages, a redrive for its targets to confirm.
    /// </summary>
    private static QueueResponse? AnswerOf(Decision decision, bool holdEmptyReceive) => decision switch
    {
        { Error: { } error } => QueueResponse.Fail(error),
        { Reply: Delivered { Messages.Count: 0 } } when holdEmptyReceive => null,
        { Reply: RedriveStarted { Transfers.Count: 0 } } => QueueResponse.Ok(new Redriven(0)),
        { Reply: RedriveStarted } => null,
        _ => QueueResponse.Ok(decision.Reply!),
    };

    /// <summary>Answers a read of the state brought up to now, once everything it saw is written.</summary>
    private void Read(Func<QueueResponse> read)
    {
        Run(Tick.Instance, replyTo: null);
        Stage([], Sender, read());
        AfterChange();
    }

    /// <summary>
    /// A read whose answer may hold parked messages: their bodies and headers are fetched from their buckets before the
    /// answer goes out.
    /// </summary>
    private void ReadWithBodies(Func<QueueResponse> read)
    {
        Run(Tick.Instance, replyTo: null);
        var response = read();
        var replyTo = Sender;
        var parked = response.Reply switch
        {
            MessageFound { Message.IsParked: true } found => [found.Message],
            MessagesBrowsed browsed => browsed.Page.Messages.Where(m => m.IsParked).ToList(),
            _ => (IReadOnlyList<StoredMessage>)[],
        };

        if (parked.Count == 0)
        {
            Stage([], replyTo, response);
        }
        else
        {
            _schedule.Fetch(parked, fetched => new ScheduleLink.Fetched(fetched, replyTo, Response: response), Self);
        }

        AfterChange();
    }

    private void OnFetched(ScheduleLink.Fetched fetched)
    {
        if (fetched.Failure is { } failure)
        {
            Stage([], fetched.ReplyTo, Unavailable(failure));
        }
        else if (fetched.Resume is { } request)
        {
            // An edit of a parked message: take it back from its bucket, then decide the edit on the whole message.
            foreach (var group in fetched.Messages.GroupBy(m => m.ParkedIn!.Value))
            {
                Run(new Unpark(group.Key, group.ToList()), replyTo: null);
            }

            OnRequest(request, fetched.ReplyTo, mayFetch: false);
            return;
        }
        else
        {
            Stage([], fetched.ReplyTo, _schedule.Fill(fetched.Response!, fetched.Messages));
        }

        AfterChange();
    }

    private void OnBucketStored(BucketStored stored)
    {
        Run(new ConfirmParked(stored.Bucket, stored.Messages), replyTo: null);
        _schedule.Stored(stored.Bucket);
        AfterChange();
    }

    private void OnBucketFiring(BucketFiring firing)
    {
        Run(new Unpark(firing.Bucket, firing.Messages), replyTo: null);
        // Once the messages are written here the bucket may drop them, whether they were taken or were stale copies.
        Stage([], _schedule.Region, new ConfirmFired(_queue, firing.Bucket, firing.Messages.Select(ParkedRef.Of).ToList()));
        AfterChange();
    }

    private void OnBucketEmpty(BucketEmpty empty)
    {
        if (_schedule.MayClose(empty.Bucket))
        {
            Run(new CloseBucket(empty.Bucket), replyTo: null);
        }

        AfterChange();
    }

    private QueueResponse FindMessage(string id)
    {
        if (!_state.Exists)
        {
            return NotFound();
        }

        return _state.Find(id) is { } found ? QueueResponse.Ok(new MessageFound(found)) : QueueResponse.Fail(QueueError.MessageNotFound(_queue, id));
    }

    /// <summary>Stages events and an answer for the next write, which <see cref="Flush"/> starts once the message at hand is handled.</summary>
    private void Stage(IReadOnlyList<IQueueEvent> events, IActorRef? replyTo, object? answer) => _commit.Add(events, replyTo, answer);

    /// <summary>
    /// Starts a write of everything staged, unless one is in flight; answers staged reads that need no write. Called once
    /// per handled message (at the end of <see cref="AfterChange"/>), so a publish and the long poll it serves are one write.
    /// </summary>
    private void Flush()
    {
        if (_commit.Writing)
        {
            return;
        }

        if (!_commit.HasEvents)
        {
            _commit.SendStaged(Self);
            StopIfIdle();
            return;
        }

        var batch = _commit.BeginWrite();
        var snapshot = SnapshotIfDue(batch.Events.Count);
        PersistAsync(batch, written =>
        {
            if (snapshot is not null)
            {
                // The state was captured as this batch left; now that it is written, LastSequenceNr is the batch's.
                SaveSnapshot(snapshot);
                _snapshotInFlight = true;
            }

            _commit.EndWrite(Self);
            OnWritten(written);
            Flush();
        });
    }

    private void OnWritten(QueueEventBatch batch)
    {
        var transfersAdded = false;
        foreach (var e in batch.Events)
        {
            switch (e)
            {
                case QueueConfigured { Created: true }:
                    TellCatalog(exists: true);
                    break;
                case QueueDeleted:
                    TellCatalog(exists: false);
                    ForgetIfDeleted();
                    break;
                case MessageDeadLettered { TransferId: not null } or MessageRedriven:
                    transfersAdded = true;
                    break;
                case BucketClosed:
                    ForgetIfDeleted();
                    break;
            }

            _schedule.Dirty |= ScheduleLink.ChangesBuckets(e);
        }

        if (transfersAdded)
        {
            SendTransfers(all: false);
        }
    }

    /// <summary>
    /// A snapshot of the state as it is with the batch about to be written, when the events since the last snapshot
    /// reach max(snapshot-every, live messages); saved once that batch is written.
    /// </summary>
    private QueueSnapshotRecord? SnapshotIfDue(int events)
    {
        _eventsSinceSnapshot += events;
        if (_snapshotInFlight || _eventsSinceSnapshot < Math.Max(_settings.SnapshotEvery, _state.LiveCount))
        {
            return null;
        }

        _eventsSinceSnapshot = 0;
        return new QueueSnapshotRecord(_state.ToSnapshot());
    }

    /// <summary>
    /// After any change: serve waiting long polls, hand far-off scheduled messages to their buckets and wake the buckets
    /// that are due, then follow the engine's next change with the one timer.
    /// </summary>
    private void AfterChange()
    {
        if (!_state.Exists)
        {
            foreach (var poll in _polls.TakeAll())
            {
                Stage([], poll.ReplyTo, NotFound());
            }
        }

        while (_state.Counts.Ready > 0 && _polls.TakeFirst() is { } poll)
        {
            if (Run(poll.Receive, poll.ReplyTo, holdEmptyReceive: true).Reply is Delivered { Messages.Count: 0 })
            {
                _polls.PutBack(poll);
                break;
            }
        }

        if (!_stopping)
        {
            Park();
            _schedule.WakeDue(_state, Now);
        }

        ArmTick();
        ArmPollTimer();
        Arm(BucketTimer, WakeBuckets.Instance, _schedule.NextCheck(), ref _bucketsArmedFor);
        Flush();
    }

    /// <summary>Starts a round of parking when none is out and scheduled messages are due far enough ahead.</summary>
    private void Park()
    {
        if (!_schedule.MayPark(_state, Now))
        {
            return;
        }

        if (Run(_schedule.StartParking, replyTo: null).Reply is ParkingStarted { Loads.Count: > 0 } started)
        {
            // Sent once the buckets' opening is written, so the queue never forgets a bucket that may hold its messages.
            foreach (var park in _schedule.Begin(started, Now))
            {
                Stage([], _schedule.Region, park);
            }
        }
    }

    private void ArmTick() => Arm(TickTimer, TickNow.Instance, _state.NextChangeAt(), ref _tickArmedFor, _preciseTick);

    private void ArmPollTimer() => Arm(PollTimer, PollDeadline.Instance, _polls.EarliestDeadline, ref _pollArmedFor);

    /// <summary>
    /// Points timer <paramref name="key"/> (or <paramref name="precise"/>, when given) at <paramref name="due"/> (a message
    /// at once when already due), or cancels it; nothing to do when it already points there.
    /// </summary>
    private void Arm(string key, object message, DateTimeOffset? due, ref DateTimeOffset? armedFor, PreciseTimer? precise = null)
    {
        if (due == armedFor)
        {
            return;
        }

        armedFor = due;
        var delay = due - Now;
        if (delay > TimeSpan.Zero)
        {
            if (precise is not null)
            {
                precise.Start(delay.Value);
            }
            else
            {
                Timers.StartSingleTimer(key, message, delay.Value);
            }

            return;
        }

        if (precise is not null)
        {
            precise.Cancel();
        }
        else
        {
            Timers.Cancel(key);
        }

        if (due is not null)
        {
            Self.Tell(message);
        }
    }

    private void ExpirePolls()
    {
        foreach (var poll in _polls.TakeExpired(Now))
        {
            Stage([], poll.ReplyTo, QueueResponse.Ok(new Delivered([])));
        }

        ArmPollTimer();
        Flush();
    }

    private void OnTransferBatch(TransferBatch batch)
    {
        var decision = Run(new AcceptTransfers(batch.Messages), replyTo: null);
        if (decision.IsSuccess)
        {
            Stage([], Sender, new TransfersStored(batch.SourceQueue, _queue, batch.Messages.Select(m => m.TransferId).ToArray()));
        }

        AfterChange();
    }

    private void OnTransfersStored(TransfersStored stored)
    {
        Run(new ConfirmTransfers(stored.TransferIds), replyTo: null);
        for (var i = _redrives.Count - 1; i >= 0; i--)
        {
            if (_redrives[i].Confirm(stored.TransferIds))
            {
                Stage([], _redrives[i].ReplyTo, QueueResponse.Ok(new Redriven(_redrives[i].Count)));
                _redrives.RemoveAt(i);
            }
        }

        _sentTransfers.IntersectWith(_state.Outbox.Select(t => t.Message.TransferId));
        if (_state.Outbox.Count == 0)
        {
            Timers.Cancel(TransferTimer);
            ForgetIfDeleted();
        }

        AfterChange();
    }

    private void AwaitRedrive(RedriveStarted started, IActorRef replyTo)
    {
        if (started.Transfers.Count > 0)
        {
            _redrives.Add(new RedriveWait(replyTo, started.Transfers.Select(t => t.Message.TransferId).ToList()));
        }
    }

    /// <summary>Sends transfers to their target queues: the ones not sent yet, or (on retry) every unconfirmed one.</summary>
    private void SendTransfers(bool all)
    {
        if (all)
        {
            _sentTransfers.Clear();
        }

        var unsent = _state.Outbox.Where(t => _sentTransfers.Add(t.Message.TransferId)).ToList();
        if (unsent.Count == 0)
        {
            return;
        }

        foreach (var group in unsent.GroupBy(t => t.TargetQueue))
        {
            foreach (var chunk in group.Select(t => t.Message).Chunk(_settings.TransferBatchSize))
            {
                _queues.Tell(new TransferBatch(group.Key, _queue, chunk), Self);
            }
        }

        if (all || !Timers.IsTimerActive(TransferTimer))
        {
            Timers.StartPeriodicTimer(TransferTimer, RetryTransfers.Instance, _settings.TransferRetryInterval);
        }
    }

    /// <summary>Tells the catalog that this queue exists (or was deleted), and again until it answers.</summary>
    private void TellCatalog(bool exists)
    {
        _catalog.Tell(exists, Self);
        ArmCatalogRetry(CatalogLink.RetryInterval);
    }

    /// <summary>(Re)arms the one catalog timer: <see cref="RetryCatalog"/> after <paramref name="after"/>.</summary>
    private void ArmCatalogRetry(TimeSpan after) => Timers.StartSingleTimer(CatalogTimer, RetryCatalog.Instance, after);

    private void RetryCatalogChange()
    {
        var pending = _catalog.Pending;
        if (_catalog.Retry(_stopping, Self) is { } next)
        {
            ArmCatalogRetry(next);
            return;
        }

        if (pending)
        {
            _log.Warning("[Queue={Queue}] the catalog did not answer; stopping without it (the queue tells it again when it next starts)", _queue);
            StopIfIdle();
        }
    }

    private void BeginStop()
    {
        _stopping = true;
        if (_catalog.Pending)
        {
            // A queue whose catalog has long not answered may be waiting out a long back-off: a stopping one tries again soon.
            ArmCatalogRetry(CatalogLink.RetryInterval);
        }

        foreach (var poll in _polls.TakeAll())
        {
            Stage([], poll.ReplyTo, QueueResponse.Ok(new Delivered([])));
        }

        Flush();
    }

    /// <summary>
    /// A deleted queue that owes no transfers and knows no schedule bucket drops its journal and snapshots and asks its shard to passivate it, so
    /// remember-entities stops restarting it. A later publish starts it afresh.
    /// </summary>
    private void ForgetIfDeleted()
    {
        if (_state.Exists || _state.Outbox.Count > 0 || _state.Buckets.Count > 0)
        {
            return;
        }

        DeleteMessages(LastSequenceNr);
        DeleteSnapshots(new SnapshotSelectionCriteria(LastSequenceNr));
        Context.Parent.Tell(new Passivate(StopQueue.Instance));
    }

    /// <summary>
    /// Stops once nothing is written any more. A queue that stops with at least snapshot-every events since its last
    /// snapshot (a graceful hand-off or node shutdown) first saves one, so it starts again from a snapshot rather than
    /// by replaying them: a queue filled to 1,000,000 messages never reaches the running rule's max(N, live) while it grows.
    /// </summary>
    private void StopIfIdle()
    {
        if (!_stopping || _commit.Writing || _commit.HasEvents || _snapshotInFlight || _catalog.Pending)
        {
            return;
        }

        if (_state.Exists && _eventsSinceSnapshot >= _settings.SnapshotEvery)
        {
            _eventsSinceSnapshot = 0;
            _snapshotInFlight = true;
            SaveSnapshot(new QueueSnapshotRecord(_state.ToSnapshot()));
            return;
        }

        Context.Stop(Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _preciseTick?.Dispose();
        base.PostStop();
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "[Queue={Queue}] write failed at sequence {SequenceNr}; the queue restarts from its journal", _queue, sequenceNr);
        _commit.FailAll(Self, Unavailable($"queue '{_queue}' could not write to its store; nothing from this request was kept. Retry."));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "[Queue={Queue}] write rejected at sequence {SequenceNr}; the queue restarts from its journal", _queue, sequenceNr);
        _commit.FailAll(Self, Unavailable($"queue '{_queue}' could not store this request. Retry."));
        Context.Stop(Self);
    }

    private QueueResponse NotFound() => QueueResponse.Fail(new QueueError(ErrorKind.NotFound, "queue", $"Queue '{_queue}' does not exist."));

    private static QueueResponse Unavailable(string detail) => QueueResponse.Fail(new QueueError(ErrorKind.Unavailable, null, detail));

    private static TimeSpan MinWait(TimeSpan wait) => wait < Limits.MaxWait ? wait : Limits.MaxWait;

    /// <summary>Timer message: time to bring the queue up to now.</summary>
    internal sealed class TickNow
    {
        public static readonly TickNow Instance = new();
    }

    /// <summary>Timer message: a long poll's wait may have ended.</summary>
    internal sealed class PollDeadline
    {
        public static readonly PollDeadline Instance = new();
    }

    /// <summary>Timer message: a schedule bucket is due to be woken, or an answer from one is overdue.</summary>
    internal sealed class WakeBuckets
    {
        public static readonly WakeBuckets Instance = new();
    }

    /// <summary>Timer message: tell the catalog again what it has not answered.</summary>
    internal sealed class RetryCatalog
    {
        public static readonly RetryCatalog Instance = new();
    }

    /// <summary>Timer message: send unconfirmed transfers again.</summary>
    internal sealed class RetryTransfers
    {
        public static readonly RetryTransfers Instance = new();
    }

    /// <summary>Local diagnostics: answers the whole state as a <see cref="QueueSnapshot"/> once it is written.</summary>
    public sealed class GetState
    {
        /// <summary>The one instance.</summary>
        public static readonly GetState Instance = new();

        private GetState()
        {
        }
    }

    /// <summary>Sent by sharding on hand-off and shutdown: finish the write in flight, then stop.</summary>
    public sealed class StopQueue
    {
        /// <summary>The one instance.</summary>
        public static readonly StopQueue Instance = new();

        private StopQueue()
        {
        }
    }

    private sealed class RedriveWait(IActorRef replyTo, IReadOnlyCollection<string> transferIds)
    {
        private readonly HashSet<string> _remaining = new(transferIds, StringComparer.Ordinal);

        public IActorRef ReplyTo { get; } = replyTo;

        public int Count { get; } = transferIds.Count;

        public bool Confirm(IEnumerable<string> confirmed)
        {
            _remaining.ExceptWith(confirmed);
            return _remaining.Count == 0;
        }
    }
}
