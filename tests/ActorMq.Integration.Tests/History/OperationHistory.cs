namespace ActorMq.Integration.Tests.History;

/// <summary>
/// Every client operation of a test, in the order it happened: each is invoked, then completes ok, fails or ends
/// unknown (<see cref="EventType"/>). Thread-safe; entries get their index and time under one lock, so both grow
/// together. <see cref="HistoryChecker"/> reads it at the end.
/// </summary>
public sealed class OperationHistory
{
    private readonly Lock _gate = new();
    private readonly List<HistoryEvent> _events = [];
    private long _lastOp;

    /// <summary>How many entries the history holds.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _events.Count;
            }
        }
    }

    /// <summary>Records the invocation of an operation; complete it through the answer.</summary>
    /// <param name="process">The client process.</param>
    /// <param name="kind">What it does.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="node">The node the request goes to.</param>
    /// <param name="messageId">The message published or acked.</param>
    /// <param name="token">The lease an ack presents.</param>
    /// <param name="deliverAt">The deliverAt a publish asks for.</param>
    public PendingOperation Invoke(
        int process, OperationKind kind, string queue, int node, string? messageId = null, string? token = null, DateTimeOffset? deliverAt = null)
    {
        var op = Interlocked.Increment(ref _lastOp);
        var invocation = Append(new HistoryEvent(0, op, process, EventType.Invoke, kind, queue, default)
        {
            Node = node,
            MessageId = messageId,
            Token = token,
            DeliverAt = deliverAt,
        });
        return new PendingOperation(this, invocation);
    }

    /// <summary>A copy of every entry so far.</summary>
    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_gate)
        {
            return [.. _events];
        }
    }

    /// <summary>Adds an entry, giving it the next index and the current time.</summary>
    internal HistoryEvent Append(HistoryEvent entry)
    {
        lock (_gate)
        {
            var stamped = entry with { Index = _events.Count, At = DateTimeOffset.UtcNow };
            _events.Add(stamped);
            return stamped;
        }
    }
}
