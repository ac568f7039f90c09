using ActorMq.Cluster.Schedules;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Contracts.Schedules;
using ActorMq.Engine;
using Akka.Actor;

namespace ActorMq.Cluster.Queues;

/// <summary>
/// A queue's side of the scheduler: the parking round it has out (at most one), the buckets it has woken and when,
/// and reads of parked messages. Holds no queue state: the engine decides, this remembers what was sent and re-sends
/// what was not answered. Used by one <see cref="QueueActor"/> only.
/// </summary>
internal sealed class ScheduleLink(string queue, ScheduleSettings settings, IActorRef region)
{
    private readonly Dictionary<long, ParkMessages> _round = [];
    private readonly Dictionary<long, DateTimeOffset> _woken = [];
    private DateTimeOffset _roundSentAt;
    private DateTimeOffset? _nextCheck;

    /// <summary>The schedule bucket shard region.</summary>
    public IActorRef Region => region;

    /// <summary>The command that starts a parking round.</summary>
    public StartParking StartParking { get; } = new(settings.BucketWidth, settings.LookAhead, settings.ParkBatchSize);

    /// <summary>Set when the buckets or the round changed, or a check is due: <see cref="WakeDue"/> looks again.</summary>
    public bool Dirty { get; set; } = true;

    /// <summary>True for events that change which buckets hold what.</summary>
    public static bool ChangesBuckets(IQueueEvent e) =>
        e is BucketOpened or MessagesParked or MessageUnparked or BucketClosed or MessageCancelled or QueuePurged or QueueDeleted;

    /// <summary>True when no round is out and some scheduled message the queue holds is due beyond the look-ahead.</summary>
    public bool MayPark(QueueState state, DateTimeOffset now) =>
        settings.ParkBatchSize > 0
        && _round.Count == 0
        && state.LatestScheduled is { } latest
        && latest.UtcTicks >= ScheduleBuckets.FirstParkable(now, settings.BucketWidth, settings.LookAhead);

    /// <summary>Records the round the engine chose and gives the messages to send once its events are written.</summary>
    public IEnumerable<ParkMessages> Begin(ParkingStarted started, DateTimeOffset now)
    {
        _roundSentAt = now;
        Dirty = true;
        foreach (var load in started.Loads)
        {
            var park = new ParkMessages(queue, load.Bucket, load.Messages);
            _round[load.Bucket] = park;
            yield return park;
        }
    }

    /// <summary>A bucket of the round answered.</summary>
    public void Stored(long bucket)
    {
        _round.Remove(bucket);
        Dirty = true;
    }

    /// <summary>True when a bucket that says it is empty may be forgotten: no park to it is out.</summary>
    public bool MayClose(long bucket)
    {
        _woken.Remove(bucket);
        Dirty = true;
        return !_round.ContainsKey(bucket);
    }

    /// <summary>
    /// When <see cref="Dirty"/>: re-sends an overdue round, wakes every bucket due (or holding nothing live) that was not
    /// woken within the retry interval, and works out when to look again (<see cref="NextCheck"/>).
    /// </summary>
    public void WakeDue(QueueState state, DateTimeOffset now)
    {
        if (!Dirty)
        {
            return;
        }

        Dirty = false;
        if (_round.Count > 0 && now - _roundSentAt >= settings.RetryInterval)
        {
            _roundSentAt = now;
            foreach (var park in _round.Values)
            {
                region.Tell(park);
            }
        }

        foreach (var bucket in _woken.Keys.Where(b => !state.Buckets.ContainsKey(b)).ToList())
        {
            _woken.Remove(bucket);
        }

        foreach (var bucket in ScheduleBuckets.ToWake(state.Buckets, now, settings.LookAhead))
        {
            if (!_round.ContainsKey(bucket) && !(_woken.TryGetValue(bucket, out var at) && now - at < settings.RetryInterval))
            {
                _woken[bucket] = now;
                region.Tell(new WakeBucket(queue, bucket));
            }
        }

        _nextCheck = NextCheckOf(state);
    }

    /// <summary>When the queue must look again: the next bucket's wake time, or the earliest answer overdue.</summary>
    public DateTimeOffset? NextCheck() => _nextCheck;

    private DateTimeOffset? NextCheckOf(QueueState state)
    {
        DateTimeOffset? next = _round.Count > 0 ? _roundSentAt + settings.RetryInterval : null;
        foreach (var (bucket, parked) in state.Buckets)
        {
            if (_round.ContainsKey(bucket))
            {
                continue;
            }

            DateTimeOffset at;
            if (_woken.TryGetValue(bucket, out var woken))
            {
                at = woken + settings.RetryInterval;
            }
            else if (parked > 0)
            {
                at = new DateTimeOffset(bucket, TimeSpan.Zero) - settings.LookAhead;
            }
            else
            {
                continue;
            }

            next = next is null || at < next ? at : next;
        }

        return next;
    }

    /// <summary>
    /// Fetches the bodies and headers of <paramref name="parked"/> from their buckets and pipes
    /// <paramref name="result"/> of them (each marked with the bucket it came from) to <paramref name="self"/>, or a
    /// failure when a bucket does not answer in time.
    /// </summary>
    public void Fetch(IReadOnlyList<StoredMessage> parked, Func<IReadOnlyList<StoredMessage>, Fetched> result, IActorRef self)
    {
        var asks = parked
            .GroupBy(m => m.ParkedIn!.Value)
            .Select(g => region.Ask<ParkedFound>(new FetchParked(queue, g.Key, g.Select(m => m.Id).ToList()), settings.FetchTimeout))
            .ToList();
        Task.WhenAll(asks).PipeTo(
            self,
            success: found => result(found.SelectMany(f => f.Messages.Select(m => m with { ParkedIn = f.Bucket })).ToList()),
            failure: e => result([]) with { Failure = $"queue '{queue}' could not read a scheduled message from its schedule bucket ({e.GetBaseException().Message}). Retry." });
    }

    /// <summary>
    /// <paramref name="response"/> with every parked message given its body and headers from <paramref name="fetched"/>;
    /// unavailable when a bucket no longer holds one (it was just taken back: a retry finds it in the queue).
    /// </summary>
    public QueueResponse Fill(QueueResponse response, IReadOnlyList<StoredMessage> fetched)
    {
        var byId = fetched.GroupBy(m => m.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Version)!, StringComparer.Ordinal);
        var missing = false;
        StoredMessage Whole(StoredMessage m)
        {
            if (!m.IsParked)
            {
                return m;
            }

            if (byId.TryGetValue(m.Id, out var held) && held.Version == m.Version)
            {
                return m with { Body = held.Body, Headers = held.Headers, ParkedIn = null };
            }

            missing = true;
            return m;
        }

        var filled = response.Reply switch
        {
            MessageFound found => response with { Reply = new MessageFound(Whole(found.Message)) },
            MessagesBrowsed browsed => response with
            {
                Reply = new MessagesBrowsed(browsed.Page with { Messages = browsed.Page.Messages.Select(Whole).ToList() }),
            },
            _ => response,
        };
        return missing
            ? QueueResponse.Fail(new QueueError(ErrorKind.Unavailable, null, $"a scheduled message of queue '{queue}' moved while it was read. Retry."))
            : filled;
    }

    /// <summary>
    /// Bodies fetched for <paramref name="ReplyTo"/>: to fill <paramref name="Response"/>, or to take the messages back
    /// and run <paramref name="Resume"/> (an edit); <paramref name="Failure"/> when a bucket did not answer.
    /// </summary>
    internal sealed record Fetched(
        IReadOnlyList<StoredMessage> Messages,
        IActorRef ReplyTo,
        QueueResponse? Response = null,
        QueueRequest? Resume = null,
        string? Failure = null);
}
