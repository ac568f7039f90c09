using Akka.Actor;

namespace ActorMq.Cluster.Queues;

/// <summary>
/// A one-shot timer that tells an actor a message with the operating system timer's precision (about 1 ms). Akka's
/// scheduler runs every timer on its next 10 ms tick (its minimum), which made a scheduled message ~5 ms late on
/// average; the queue's timer for due messages uses this one instead, unless the actor system runs on virtual time.
/// A message told after <see cref="Cancel"/> or a later <see cref="Start"/> may still arrive: the receiver must treat it
/// as a hint to look at the clock, never as a fact.
/// </summary>
internal sealed class PreciseTimer : IDisposable
{
    /// <summary>Longer delays fire early at this bound and are re-armed; the OS timer refuses delays of 2^32 ms and more.</summary>
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private readonly Timer _timer;

    public PreciseTimer(IActorRef receiver, object message) =>
        _timer = new Timer(_ => receiver.Tell(message, ActorRefs.NoSender), null, Timeout.Infinite, Timeout.Infinite);

    /// <summary>The timer for the actor system's scheduler: null when it is not the real clock's (a test's virtual time).</summary>
    public static PreciseTimer? For(ActorSystem system, IActorRef receiver, object message) =>
        system.Scheduler is HashedWheelTimerScheduler ? new PreciseTimer(receiver, message) : null;

    /// <summary>
    /// (Re)starts the timer: the message goes out once <paramref name="delay"/> has passed, rounded up to whole
    /// milliseconds (the OS timer's unit: a delay under 1 ms would otherwise fire at once, before it is due).
    /// </summary>
    public void Start(TimeSpan delay) =>
        _timer.Change(delay < MaxDelay ? TimeSpan.FromMilliseconds(Math.Ceiling(delay.TotalMilliseconds)) : MaxDelay, Timeout.InfiniteTimeSpan);

    /// <summary>Stops the timer if it has not fired.</summary>
    public void Cancel() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

    /// <inheritdoc />
    public void Dispose() => _timer.Dispose();
}
