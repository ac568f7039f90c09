using ActorMq.Contracts.Schedules;

namespace ActorMq.TestKit.Regions;

/// <summary>
/// What the in-process node's schedule buckets still owe their queues: a park (<see cref="ParkMessages"/>) until the
/// bucket answers <see cref="BucketStored"/>, a wake (<see cref="WakeBucket"/>) until it has given its messages back
/// and answers <see cref="BucketEmpty"/>. The regions report every such message as they route it; the node is settled
/// when nothing is owed and nothing new has been routed. Thread-safe.
/// </summary>
internal sealed class ScheduleTraffic
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Queue, long Bucket), int> _parks = [];
    private readonly HashSet<(string Queue, long Bucket)> _wakes = [];
    private TaskCompletionSource _idle = Completed();
    private long _version;
    private long _parkedTotal;
    private long _wakesTotal;

    /// <summary>Grows with every bucket message routed.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>How many messages queues have handed to buckets, and how many times they have woken one, so far.</summary>
    public (long Parked, long Woken) Totals
    {
        get
        {
            lock (_gate)
            {
                return (_parkedTotal, _wakesTotal);
            }
        }
    }

    /// <summary>True when no bucket owes an answer.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _parks.Count == 0 && _wakes.Count == 0;
            }
        }
    }

    /// <summary>Completes when no bucket owes an answer.</summary>
    public Task WhenIdle()
    {
        lock (_gate)
        {
            return _idle.Task;
        }
    }

    /// <summary>What is owed, for a timeout's message.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return $"parks {string.Join(", ", _parks.Keys)}; wakes {string.Join(", ", _wakes)}";
        }
    }

    /// <summary>Notes a message routed by a region; others are ignored.</summary>
    public void Observe(object message)
    {
        lock (_gate)
        {
            switch (message)
            {
                case ParkMessages park:
                    _parks[(park.Queue, park.Bucket)] = _parks.GetValueOrDefault((park.Queue, park.Bucket)) + 1;
                    _parkedTotal += park.Messages.Count;
                    break;
                case BucketStored stored when _parks.TryGetValue((stored.Queue, stored.Bucket), out var n):
                    if (n <= 1)
                    {
                        _parks.Remove((stored.Queue, stored.Bucket));
                    }
                    else
                    {
                        _parks[(stored.Queue, stored.Bucket)] = n - 1;
                    }

                    break;
                case WakeBucket wake:
                    _wakes.Add((wake.Queue, wake.Bucket));
                    _wakesTotal++;
                    break;
                case BucketEmpty empty:
                    _wakes.Remove((empty.Queue, empty.Bucket));
                    break;
                case IScheduleMessage or BucketFiring:
                    break;
                default:
                    return;
            }

            _version++;
            var idle = _parks.Count == 0 && _wakes.Count == 0;
            if (idle && !_idle.Task.IsCompleted)
            {
                _idle.TrySetResult();
            }
            else if (!idle && _idle.Task.IsCompleted)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        done.SetResult();
        return done;
    }
}
