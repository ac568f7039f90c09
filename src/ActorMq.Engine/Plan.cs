namespace ActorMq.Engine;

/// <summary>
/// What <see cref="QueueEngine.Decide"/> made of a command: the events to apply and persist, or an error (and then no
/// events). The reply is built from the state once the events are applied (see <see cref="QueueEngine.Execute"/>).
/// </summary>
public sealed class Plan
{
    private readonly Func<QueueState, QueueReply>? _reply;

    private Plan(IReadOnlyList<IQueueEvent> events, Func<QueueState, QueueReply>? reply, QueueError? error)
    {
        Events = events;
        _reply = reply;
        Error = error;
    }

    /// <summary>The events, in order.</summary>
    public IReadOnlyList<IQueueEvent> Events { get; }

    /// <summary>Why the command was refused, or null.</summary>
    public QueueError? Error { get; }

    internal static Plan Of(IReadOnlyList<IQueueEvent> events, Func<QueueState, QueueReply> reply) => new(events, reply, null);

    internal static Plan Fail(QueueError error) => new([], null, error);

    /// <summary>The reply, from the state after <see cref="Events"/> were applied to it.</summary>
    public QueueReply Reply(QueueState applied) =>
        _reply is null ? throw new InvalidOperationException("a failed plan has no reply") : _reply(applied);
}
