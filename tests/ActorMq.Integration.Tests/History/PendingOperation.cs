namespace ActorMq.Integration.Tests.History;

/// <summary>An invoked operation of an <see cref="OperationHistory"/>, to be completed once: ok, fail or info.</summary>
public sealed class PendingOperation
{
    private readonly OperationHistory _history;
    private int _completed;

    internal PendingOperation(OperationHistory history, HistoryEvent invocation)
    {
        _history = history;
        Invocation = invocation;
    }

    /// <summary>The invoke entry.</summary>
    public HistoryEvent Invocation { get; }

    /// <summary>A successful publish: the id answered, and whether it was a duplicate.</summary>
    public HistoryEvent Published(string id, bool duplicate) => Complete(Completion(EventType.Ok) with { MessageId = id, Duplicate = duplicate });

    /// <summary>A successful receive with the messages it leased.</summary>
    public HistoryEvent Received(IReadOnlyList<Delivery> deliveries) => Complete(Completion(EventType.Ok) with { Deliveries = deliveries });

    /// <summary>A successful ack.</summary>
    public HistoryEvent Acked() => Complete(Completion(EventType.Ok));

    /// <summary>The server refused the operation: it did not take effect.</summary>
    public HistoryEvent Fail(string error) => Complete(Completion(EventType.Fail) with { Error = error });

    /// <summary>The outcome is unknown: the operation may have taken effect, or may still.</summary>
    public HistoryEvent Info(string error) => Complete(Completion(EventType.Info) with { Error = error });

    // The completion carries the invocation's identity; Append stamps its index and time.
    private HistoryEvent Completion(EventType type) =>
        new(0, Invocation.Op, Invocation.Process, type, Invocation.Kind, Invocation.Queue, default)
        {
            MessageId = Invocation.MessageId,
            Token = Invocation.Token,
        };

    private HistoryEvent Complete(HistoryEvent completion) =>
        Interlocked.Exchange(ref _completed, 1) == 1
            ? throw new InvalidOperationException($"operation {Invocation.Op} was already completed")
            : _history.Append(completion);
}
