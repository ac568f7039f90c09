using ActorMq.Contracts.Schedules;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Akka.Persistence;

namespace ActorMq.Cluster.Schedules;

/// <summary>
/// One schedule bucket: a sharded, persistent entity holding the scheduled messages of one queue that are due within
/// one bucket width, so the queue keeps only their index entries. It keeps only their versions in memory: the messages
/// stay in its journal, read back (<see cref="JournalLoader"/>) when the bucket is woken or a message is read. It
/// answers the queue after every write; when woken it gives everything back in batches, drops what the queue confirms,
/// and once empty deletes its journal and stops. It stops when idle too.
/// </summary>
/// <remarks>
/// Protocol (all idempotent, the queue re-sends until it hears back): <see cref="ParkMessages"/> →
/// <see cref="BucketStored"/>; <see cref="WakeBucket"/> → <see cref="BucketFiring"/>…; <see cref="ConfirmFired"/> →
/// (<see cref="BucketEmpty"/> once nothing is left); <see cref="FetchParked"/> → <see cref="ParkedFound"/> (a read).
/// </remarks>
public sealed class ScheduleActor : ReceivePersistentActor
{
    /// <summary>Prefix of bucket persistence ids: <c>schedule-&lt;queue&gt;~&lt;bucket&gt;</c>.</summary>
    public const string PersistencePrefix = "schedule-";

    private readonly string _queue;
    private readonly long _bucket;
    private readonly string _entityId;
    private readonly ScheduleSettings _settings;
    private readonly IActorRef _queues;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly ScheduleBucketState _state = new();
    private readonly List<(object Request, IActorRef Sender)> _waitingForLoad = [];
    private bool _loading;
    private bool _closing;
    private bool _stopAsked;

    /// <summary>Creates the bucket <paramref name="bucket"/> of <paramref name="queue"/>.</summary>
    /// <param name="queue">The queue whose messages the bucket holds.</param>
    /// <param name="bucket">The bucket's first instant, UTC ticks.</param>
    /// <param name="settings">Tuning.</param>
    /// <param name="queues">The queue shard region: where answers go, wherever the queue lives now.</param>
    public ScheduleActor(string queue, long bucket, ScheduleSettings settings, IActorRef queues)
    {
        _queue = queue;
        _bucket = bucket;
        _entityId = Hosting.ScheduleMessageExtractor.EntityIdOf(queue, bucket);
        _settings = settings;
        _queues = queues;

        Recover<IScheduleEvent>(_state.Apply);

        Command<ParkMessages>(OnPark);
        Command<WakeBucket>(OnWake);
        Command<ConfirmFired>(OnConfirmFired);
        Command<FetchParked>(OnFetch);
        Command<JournalLoader.Loaded>(OnLoaded);
        Command<DeleteMessagesSuccess>(_ => Close());
        Command<DeleteMessagesFailure>(f =>
        {
            _closing = false;
            StopIfAsked();
            _log.Warning(f.Cause, "[Queue={Queue}] [Bucket={Bucket}] could not delete the journal of an empty bucket; the queue will wake it again", _queue, _bucket);
        });
        Command<ReceiveTimeout>(_ =>
        {
            // Idle: stop, unless a read of the journal or its deletion is under way (it may take longer than the timeout).
            if (!Busy)
            {
                Context.Parent.Tell(new Passivate(StopBucket.Instance));
            }
        });
        Command<StopBucket>(_ =>
        {
            // A passivation asked for before a wake arrived may come while the journal is read or deleted: finish that
            // first, or the wake (or the queue's answer) would be lost with this incarnation.
            _stopAsked = true;
            StopIfAsked();
        });
    }

    /// <inheritdoc />
    public override string PersistenceId => PersistencePrefix + _entityId;

    private bool Busy => _loading || _closing;

    /// <summary>Props of the bucket entity <paramref name="entityId"/> (<c>&lt;queue&gt;~&lt;bucket&gt;</c>).</summary>
    public static Props Props(string entityId, ScheduleSettings settings, IActorRef queues)
    {
        var (queue, bucket) = Hosting.ScheduleMessageExtractor.Parse(entityId);
        return Akka.Actor.Props.Create(() => new ScheduleActor(queue, bucket, settings, queues));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        base.PreStart();
        Context.SetReceiveTimeout(_settings.IdleTimeout);
    }

    private void OnPark(ParkMessages park)
    {
        var stored = park.Messages.Select(ParkedRef.Of).ToList();
        if (_state.Park(park.Messages) is not { } parked)
        {
            // Already held at these versions (a re-send): answer again.
            _queues.Tell(new BucketStored(_queue, _bucket, stored));
            return;
        }

        Persist(parked, e =>
        {
            _state.Apply(e);
            _queues.Tell(new BucketStored(_queue, _bucket, stored));
        });
    }

    private void OnWake(WakeBucket wake)
    {
        if (_state.Count == 0)
        {
            // Nothing left (the journal may still hold what nets to nothing): delete it, then tell the queue.
            DeleteJournal();
            return;
        }

        Load(wake);
    }

    private void OnFetch(FetchParked fetch)
    {
        if (fetch.Ids.Any(_state.Holds))
        {
            Load(fetch);
        }
        else
        {
            Sender.Tell(new ParkedFound(_bucket, []));
        }
    }

    /// <summary>Reads the journal for <paramref name="request"/>; requests arriving meanwhile share the read.</summary>
    private void Load(object request)
    {
        _waitingForLoad.Add((request, Sender));
        if (_loading)
        {
            return;
        }

        _loading = true;
        var journal = Akka.Persistence.Persistence.Instance.Apply(Context.System).JournalFor(JournalPluginId);
        Context.ActorOf(JournalLoader.Props(PersistenceId, LastSequenceNr, journal, Self));
    }

    private void OnLoaded(JournalLoader.Loaded loaded)
    {
        _loading = false;
        var waiting = _waitingForLoad.ToList();
        _waitingForLoad.Clear();
        if (loaded.Failure is { } failure)
        {
            // The queue asks again (a wake is re-sent, a read times out and is retried by its client).
            _log.Warning(failure, "[Queue={Queue}] [Bucket={Bucket}] could not read the bucket's journal", _queue, _bucket);
            StopIfAsked();
            return;
        }

        var current = _state.Current(loaded.Messages);
        foreach (var (request, sender) in waiting)
        {
            switch (request)
            {
                case WakeBucket:
                    foreach (var batch in current.Chunk(_settings.FireBatchSize))
                    {
                        _queues.Tell(new BucketFiring(_queue, _bucket, batch));
                    }

                    break;
                case FetchParked fetch:
                    var ids = fetch.Ids.ToHashSet(StringComparer.Ordinal);
                    sender.Tell(new ParkedFound(_bucket, current.Where(m => ids.Contains(m.Id)).ToList()));
                    break;
            }
        }

        StopIfAsked();
    }

    private void StopIfAsked()
    {
        if (_stopAsked && !Busy)
        {
            Context.Stop(Self);
        }
    }

    private void OnConfirmFired(ConfirmFired confirmed)
    {
        if (_state.Fire(confirmed.Messages) is not { } fired)
        {
            if (_state.Count == 0)
            {
                DeleteJournal();
            }

            return;
        }

        Persist(fired, e =>
        {
            _state.Apply(e);
            if (_state.Count == 0)
            {
                DeleteJournal();
            }
        });
    }

    private void DeleteJournal()
    {
        if (_closing)
        {
            return;
        }

        _closing = true;
        if (LastSequenceNr == 0)
        {
            Close();
            return;
        }

        DeleteMessages(LastSequenceNr);
    }

    /// <summary>The journal is gone: tell the queue, and stop unless something arrived meanwhile.</summary>
    private void Close()
    {
        _closing = false;
        if (_state.Count == 0)
        {
            _queues.Tell(new BucketEmpty(_queue, _bucket));
            if (!_stopAsked)
            {
                Context.Parent.Tell(new Passivate(StopBucket.Instance));
            }
        }

        StopIfAsked();
    }

    /// <summary>Sent by sharding on hand-off and by the bucket itself when idle or empty: stop now (every write is answered).</summary>
    public sealed class StopBucket
    {
        /// <summary>The one instance.</summary>
        public static readonly StopBucket Instance = new();

        private StopBucket()
        {
        }
    }
}
