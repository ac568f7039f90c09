using ActorMq.Contracts.Persistence;
using Akka.Actor;
using Akka.Persistence;

namespace ActorMq.Cluster.Tests.Support;

/// <summary>Recovers a persistence id and reports what the stores hold for it: the snapshot offered and the events replayed.</summary>
public sealed class JournalReader : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private readonly List<QueueEventBatch> _batches = [];
    private readonly List<object> _events = [];
    private QueueSnapshotRecord? _snapshot;

    public JournalReader(string persistenceId)
    {
        _persistenceId = persistenceId;
        Recover<SnapshotOffer>(o => _snapshot = o.Snapshot as QueueSnapshotRecord);
        Recover<QueueEventBatch>(_batches.Add);
        Recover<object>(e =>
        {
            if (e is not RecoveryCompleted)
            {
                _events.Add(e);
            }
        });
        Command<Read>(_ => Sender.Tell(new Contents(_snapshot, _batches.ToArray(), _events.ToArray())));
    }

    public override string PersistenceId => _persistenceId;

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalReader(persistenceId));

    public sealed class Read
    {
        public static readonly Read Instance = new();
    }

    /// <summary>What the stores hold: a queue's snapshot and batches, and any other events (a schedule bucket's).</summary>
    public sealed record Contents(QueueSnapshotRecord? Snapshot, IReadOnlyList<QueueEventBatch> Batches, IReadOnlyList<object> Others);
}
