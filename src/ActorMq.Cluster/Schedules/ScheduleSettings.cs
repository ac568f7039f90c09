using Akka.Configuration;

namespace ActorMq.Cluster.Schedules;

/// <summary>Tuning of the scheduler, read from <c>actormq.schedule</c> in HOCON (see reference.conf for each default).</summary>
/// <param name="BucketWidth">The span of deliverAt instants one bucket holds. Default 1 min.</param>
/// <param name="LookAhead">A bucket is woken this long before it starts; messages due sooner are never parked. Default 10 s.</param>
/// <param name="ParkBatchSize">Most messages one queue hands to its buckets in one round. Default 2000.</param>
/// <param name="RetryInterval">How long a queue waits for a bucket's answer before it sends again. Default 5 s.</param>
/// <param name="FetchTimeout">How long a read of a parked message waits for its bucket. Default 10 s.</param>
/// <param name="IdleTimeout">A bucket that hears nothing this long stops; its messages stay in its journal. Default 10 s.</param>
/// <param name="FireBatchSize">Most messages in one batch a woken bucket gives back. Default 1000.</param>
public sealed record ScheduleSettings(
    TimeSpan BucketWidth,
    TimeSpan LookAhead,
    int ParkBatchSize,
    TimeSpan RetryInterval,
    TimeSpan FetchTimeout,
    TimeSpan IdleTimeout,
    int FireBatchSize)
{
    /// <summary>The defaults of reference.conf.</summary>
    public static readonly ScheduleSettings Default = new(
        TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), 2000, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), 1000);

    /// <summary>Reads the <c>actormq.schedule</c> section; refuses widths and sizes that cannot work.</summary>
    public static ScheduleSettings From(Config config)
    {
        var section = config.GetConfig("actormq.schedule");
        if (section is null || section.IsEmpty)
        {
            return Default;
        }

        var settings = new ScheduleSettings(
            section.GetTimeSpan("bucket-width", Default.BucketWidth),
            section.GetTimeSpan("look-ahead", Default.LookAhead),
            section.GetInt("park-batch-size", Default.ParkBatchSize),
            section.GetTimeSpan("retry-interval", Default.RetryInterval),
            section.GetTimeSpan("fetch-timeout", Default.FetchTimeout),
            section.GetTimeSpan("idle-timeout", Default.IdleTimeout),
            section.GetInt("fire-batch-size", Default.FireBatchSize));
        return settings.BucketWidth <= TimeSpan.Zero || settings.LookAhead < TimeSpan.Zero || settings.FireBatchSize < 1 || settings.ParkBatchSize < 0
            ? throw new ArgumentException(
                $"actormq.schedule: bucket-width must be positive, look-ahead not negative, fire-batch-size at least 1 and park-batch-size at least 0 (0 keeps every scheduled message in its queue); got {settings}.")
            : settings;
    }
}
