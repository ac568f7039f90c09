using ActorMq.Contracts.Persistence;
using Akka.Actor;
using Akka.Persistence;

namespace ActorMq.Cluster.Tests.Support;

/// <summary>Recovers a persistence id and reports what the stores hold for it: the snapshot offered and the batches replayed.</summary>
public sealed class JournalReader : ReceivePersistentActor
{
    private readonly string _persistenceId;
    private readonly List<QueueEventBatch> _batches = [];
    private QueueSnapshotRecord? _snapshot;

    public JournalReader(string persistenceId)
    {
        _persistenceId = persistenceId;
        Recover<SnapshotOffer>(o => _snapshot = o.Snapshot as QueueSnapshotRecord);
        Recover<QueueEventBatch>(_batches.Add);
        Command<Read>(_ => Sender.Tell(new Contents(_snapshot, _batches.ToArray())));
    }

    public override string PersistenceId => _persistenceId;

    public static Props Props(string persistenceId) => Akka.Actor.Props.Create(() => new JournalReader(persistenceId));

    public sealed class Read
    {
        public static readonly Read Instance = new();
    }

    public sealed record Contents(QueueSnapshotRecord? Snapshot, IReadOnlyList<QueueEventBatch> Batches);
}
