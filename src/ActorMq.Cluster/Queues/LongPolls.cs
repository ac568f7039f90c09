using Akka.Actor;
using Receive = ActorMq.Engine.Receive;

namespace ActorMq.Cluster.Queues;

/// <summary>A receive waiting for messages until <paramref name="Deadline"/>.</summary>
internal sealed record Poll(IActorRef ReplyTo, Receive Receive, DateTimeOffset Deadline);

/// <summary>Receives waiting for messages, served first come, first served.</summary>
internal sealed class LongPolls
{
    private readonly LinkedList<Poll> _polls = new();

    public DateTimeOffset? EarliestDeadline => _polls.Count == 0 ? null : _polls.Min(p => p.Deadline);

    public void Add(Poll poll) => _polls.AddLast(poll);

    /// <summary>Puts a poll that found nothing back at the head, keeping its turn.</summary>
    public void PutBack(Poll poll) => _polls.AddFirst(poll);

    public Poll? TakeFirst()
    {
        var first = _polls.First?.Value;
        if (first is not null)
        {
            _polls.RemoveFirst();
        }

        return first;
    }

    public IReadOnlyList<Poll> TakeAll()
    {
        var all = _polls.ToArray();
        _polls.Clear();
        return all;
    }

    public IReadOnlyList<Poll> TakeExpired(DateTimeOffset now)
    {
        var expired = _polls.Where(p => p.Deadline <= now).ToArray();
        foreach (var poll in expired)
        {
            _polls.Remove(poll);
        }

        return expired;
    }
}
