using ActorMq.Contracts.Persistence;
using Akka.Actor;

namespace ActorMq.Cluster.Queues;

/// <summary>
/// A queue's side of the catalog: what it last told the catalog (that it exists, or was deleted) and whether the
/// catalog has written that yet. Until the catalog answers with <see cref="CatalogRecorded"/> the queue tells it again,
/// after <see cref="RetryInterval"/> and then twice as long each time up to <see cref="MaxRetryInterval"/>, and does not
/// stop: a queue made just before its node stopped, while the catalog's proxy was still looking for the singleton, was
/// otherwise missing from the list after the restart until something woke it. A stopping queue tells it again every
/// <see cref="RetryInterval"/> and gives up after <see cref="AttemptsWhenStopping"/> tries (the catalog may be stopping
/// with the cluster); it tells the catalog again whenever it recovers. Used by one <see cref="QueueActor"/> only.
/// </summary>
internal sealed class CatalogLink(string queue, IActorRef catalog)
{
    /// <summary>How long a queue waits for the catalog's answer before it tells it again the first time (and while stopping).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two tries of a queue that is not stopping.</summary>
    public static readonly TimeSpan MaxRetryInterval = TimeSpan.FromSeconds(30);

    /// <summary>How many times a stopping queue tells the catalog again before it stops without its answer.</summary>
    public const int AttemptsWhenStopping = 5;

    private bool? _told;
    private int _attemptsWhileStopping;
    private TimeSpan _interval = RetryInterval;

    /// <summary>True while the catalog has not answered what it was last told.</summary>
    public bool Pending => _told is not null;

    /// <summary>Tells the catalog that the queue exists (or no longer does).</summary>
    public void Tell(bool exists, IActorRef self)
    {
        _told = exists;
        _attemptsWhileStopping = 0;
        _interval = RetryInterval;
        catalog.Tell(new CatalogChanged(queue, exists), self);
    }

    /// <summary>True when <paramref name="recorded"/> answers what the catalog was last told (it is no longer pending).</summary>
    public bool Recorded(CatalogRecorded recorded)
    {
        if (_told is not { } told || recorded.Queue != queue || recorded.Exists != told)
        {
            return false;
        }

        _told = null;
        return true;
    }

    /// <summary>
    /// Tells the catalog again what it has not answered, and returns how long to wait before the next try; null when
    /// nothing is pending, or when a <paramref name="stopping"/> queue has tried <see cref="AttemptsWhenStopping"/> times
    /// (it gives up).
    /// </summary>
    public TimeSpan? Retry(bool stopping, IActorRef self)
    {
        if (_told is not { } told)
        {
            return null;
        }

        if (stopping && ++_attemptsWhileStopping > AttemptsWhenStopping)
        {
            _told = null;
            return null;
        }

        catalog.Tell(new CatalogChanged(queue, told), self);
        _interval = stopping ? RetryInterval : TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, MaxRetryInterval.Ticks));
        return _interval;
    }
}
