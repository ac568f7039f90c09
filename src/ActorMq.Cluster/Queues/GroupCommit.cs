using ActorMq.Contracts.Persistence;
using ActorMq.Engine;
using Akka.Actor;

namespace ActorMq.Cluster.Queues;

/// <summary>
/// The queue's group commit: events staged while a write is in flight go out together in the next write, and every
/// answer waits for the write that holds what it saw. At most one write is in flight.
/// </summary>
internal sealed class GroupCommit
{
    private readonly List<IQueueEvent> _events = [];
    private List<(IActorRef To, object Answer)> _staged = [];
    private List<(IActorRef To, object Answer)> _inFlight = [];

    /// <summary>True while a write is in flight.</summary>
    public bool Writing { get; private set; }

    /// <summary>True when events wait for the next write.</summary>
    public bool HasEvents => _events.Count > 0;

    /// <summary>Stages events and, when given, an answer to send once they (and everything before them) are written.</summary>
    public void Add(IReadOnlyList<IQueueEvent> events, IActorRef? to, object? answer)
    {
        _events.AddRange(events);
        if (to is not null && answer is not null && !to.IsNobody())
        {
            _staged.Add((to, answer));
        }
    }

    /// <summary>Takes the staged events as the batch to write; their answers go with it.</summary>
    public QueueEventBatch BeginWrite()
    {
        Writing = true;
        var batch = new QueueEventBatch(_events.ToArray());
        _events.Clear();
        (_inFlight, _staged) = (_staged, _inFlight);
        return batch;
    }

    /// <summary>The write is done: sends its answers.</summary>
    public void EndWrite(IActorRef self)
    {
        Writing = false;
        Send(_inFlight, self);
    }

    /// <summary>Sends staged answers that wait for no write.</summary>
    public void SendStaged(IActorRef self) => Send(_staged, self);

    /// <summary>
    /// The store failed: every client waiting gets <paramref name="failure"/> instead; what was owed to other entities
    /// (transfer confirmations, parks, fires) is not sent, and they ask again.
    /// </summary>
    public void FailAll(IActorRef self, object failure)
    {
        foreach (var (to, answer) in _inFlight.Concat(_staged))
        {
            if (answer is Contracts.Commands.QueueResponse)
            {
                to.Tell(failure, self);
            }
        }

        _inFlight.Clear();
        _staged.Clear();
        _events.Clear();
    }

    private static void Send(List<(IActorRef To, object Answer)> answers, IActorRef self)
    {
        foreach (var (to, answer) in answers)
        {
            to.Tell(answer, self);
        }

        answers.Clear();
    }
}
