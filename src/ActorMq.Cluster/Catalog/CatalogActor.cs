using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using Akka.Actor;
using Akka.Persistence;

namespace ActorMq.Cluster.Catalog;

/// <summary>
/// The names of every existing queue, so the queue list survives restarts. A persistent cluster singleton; queues tell
/// it when they are created or deleted, and again whenever they recover, so a lost message heals itself. Each
/// <see cref="CatalogChanged"/> is answered with <see cref="CatalogRecorded"/> once written: a queue tells it again until
/// then, and does not stop before (a queue made just before its node stopped would otherwise be missing from the list
/// after the restart, until something woke it).
/// </summary>
public sealed class CatalogActor : ReceivePersistentActor
{
    /// <summary>The catalog's persistence id.</summary>
    public const string Id = "actormq-catalog";

    private const int SnapshotEvery = 1000;

    private readonly SortedSet<string> _queues = new(StringComparer.Ordinal);
    private int _eventsSinceSnapshot;

    /// <summary>Creates the catalog.</summary>
    public CatalogActor()
    {
        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is CatalogSnapshot snapshot)
            {
                _queues.UnionWith(snapshot.Queues);
            }
        });
        Recover<CatalogChanged>(Apply);

        Command<CatalogChanged>(changed =>
        {
            if (_queues.Contains(changed.Queue) == changed.Exists)
            {
                Sender.Tell(new CatalogRecorded(changed.Queue, changed.Exists));
                return;
            }

            Persist(changed, e =>
            {
                Apply(e);
                if (++_eventsSinceSnapshot >= SnapshotEvery)
                {
                    SaveSnapshot(new CatalogSnapshot(_queues.ToArray()));
                    _eventsSinceSnapshot = 0;
                }

                Sender.Tell(new CatalogRecorded(e.Queue, e.Exists));
            });
        });
        Command<ListQueues>(_ => Sender.Tell(new CatalogSnapshot(_queues.ToArray())));
        Command<SaveSnapshotSuccess>(s => DeleteMessages(s.Metadata.SequenceNr));
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    /// <summary>Props of the catalog.</summary>
    public static Props Props() => Akka.Actor.Props.Create(() => new CatalogActor());

    private void Apply(CatalogChanged changed)
    {
        if (changed.Exists)
        {
            _queues.Add(changed.Queue);
        }
        else
        {
            _queues.Remove(changed.Queue);
        }
    }
}
