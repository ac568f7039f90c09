using ActorMq.Engine;

namespace ActorMq.Contracts.Commands;

/// <summary>
/// An engine command for <paramref name="Queue"/>. A <see cref="Receive"/> with a positive <paramref name="Wait"/>
/// long-polls: the queue answers when a message becomes ready or the wait ends. Answered with a <see cref="QueueResponse"/>.
/// </summary>
public sealed record QueueRequest(string Queue, QueueCommand Command, TimeSpan Wait = default) : IQueueMessage;

/// <summary>The answer to any request to a queue: a reply, or an error that changed nothing.</summary>
public sealed record QueueResponse(QueueReply? Reply, QueueError? Error) : IActorMqMessage
{
    /// <summary>A successful answer.</summary>
    public static QueueResponse Ok(QueueReply reply) => new(reply, null);

    /// <summary>A refused request.</summary>
    public static QueueResponse Fail(QueueError error) => new(null, error);
}
