using Akka.Configuration;

namespace ActorMq.Cluster.Queues;

/// <summary>Tuning of queue entities, read from <c>actormq.queue</c> in HOCON (see reference.conf for each default).</summary>
/// <param name="SnapshotEvery">A queue snapshots once the events since its last snapshot reach max(this, live messages), and when it stops with at least this many since its last. Default 10000.</param>
/// <param name="TransferRetryInterval">How often unconfirmed dead letters and redrives are sent again. Default 5 s.</param>
/// <param name="TransferBatchSize">Most transfers in one message to a target queue. Default 1000.</param>
public sealed record QueueActorSettings(int SnapshotEvery, TimeSpan TransferRetryInterval, int TransferBatchSize)
{
    /// <summary>The defaults of reference.conf.</summary>
    public static readonly QueueActorSettings Default = new(10_000, TimeSpan.FromSeconds(5), 1000);

    /// <summary>Reads the <c>actormq.queue</c> section.</summary>
    public static QueueActorSettings From(Config config)
    {
        var section = config.GetConfig("actormq.queue");
        return section is null || section.IsEmpty
            ? Default
            : new QueueActorSettings(
                section.GetInt("snapshot-every", Default.SnapshotEvery),
                section.GetTimeSpan("transfer-retry-interval", Default.TransferRetryInterval),
                section.GetInt("transfer-batch-size", Default.TransferBatchSize));
    }
}
