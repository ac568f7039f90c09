using ActorMq.Engine;
using Akka.Actor;
using Akka.Persistence;

namespace ActorMq.Cluster.Schedules;

/// <summary>
/// Reads a schedule bucket's journal up to a sequence number and reports every message it holds
/// (<see cref="Loaded"/>), so the bucket keeps only versions in memory and loads bodies when it is woken or read.
/// Speaks the journal's replay protocol directly; stops when done.
/// </summary>
internal sealed class JournalLoader : ReceiveActor
{
    private readonly List<StoredMessage> _messages = [];

    public JournalLoader(string persistenceId, long toSequenceNr, IActorRef journal, IActorRef replyTo)
    {
        Receive<ReplayedMessage>(r =>
        {
            if (r.Persistent.Payload is EntriesParked parked)
            {
                _messages.AddRange(parked.Messages);
            }
        });
        Receive<RecoverySuccess>(_ =>
        {
            replyTo.Tell(new Loaded(_messages, null));
            Context.Stop(Self);
        });
        Receive<ReplayMessagesFailure>(f =>
        {
            replyTo.Tell(new Loaded([], f.Cause));
            Context.Stop(Self);
        });

        journal.Tell(new ReplayMessages(1, toSequenceNr, long.MaxValue, persistenceId, Self));
    }

    public static Props Props(string persistenceId, long toSequenceNr, IActorRef journal, IActorRef replyTo) =>
        Akka.Actor.Props.Create(() => new JournalLoader(persistenceId, toSequenceNr, journal, replyTo));

    /// <summary>The messages of the journal in order (every version), or the failure that stopped the read.</summary>
    internal sealed record Loaded(IReadOnlyList<StoredMessage> Messages, Exception? Failure);
}
