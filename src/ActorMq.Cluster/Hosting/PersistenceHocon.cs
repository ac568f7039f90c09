using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace ActorMq.Cluster.Hosting;

/// <summary>The journal and snapshot-store HOCON of Akka.Persistence.Sql for a node's <see cref="PersistenceOptions"/>.</summary>
public static class PersistenceHocon
{
    /// <summary>The journal plugin's id (its HOCON path).</summary>
    public const string JournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The snapshot store plugin's id (its HOCON path).</summary>
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>
    /// Builds the HOCON; both plugins name their class, as the SQL plugins require. Tables use the plugin's
    /// <c>default</c> mapping (journal, journal_metadata, tags, snapshot), the same on every database.
    /// </summary>
    public static Config Build(PersistenceOptions options)
    {
        var provider = Quote(options.ProviderName);
        // SQLite has one writer per file: a single journal writer (which batches anyway) never waits on itself.
        var parallelism = options.Provider == DbProvider.Sqlite ? 1 : 3;
        // On SQLite, a new linq2db connection per write costs less than a clone of a template connection (the plugin's
        // default): bench/run.sh --scenarios latency, four A/B pairs, node CPU -4%, p99 3.99-4.34 ms against 4.40-4.83.
        var cloneConnection = options.Provider == DbProvider.Sqlite ? "false" : "true";
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = {{Quote(options.EffectiveConnectionString)}}
              provider-name = {{provider}}
              table-mapping = default
              auto-initialize = true
              parallelism = {{parallelism}}
              use-clone-connection = {{cloneConnection}}
            }
            akka.persistence.snapshot-store.sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = {{Quote(options.EffectiveSnapshotConnectionString)}}
              provider-name = {{provider}}
              table-mapping = default
              auto-initialize = true
            }
            """);
    }

    /// <summary>
    /// The actor-system setup that goes with <see cref="Build"/>: on SQLite, the journal's and the snapshot store's
    /// connections get SQLite's own busy handler (<see cref="SqliteBusyTimeout"/>); other databases need none.
    /// </summary>
    public static Setup? Setup(PersistenceOptions options)
    {
        if (options.Provider != DbProvider.Sqlite)
        {
            return null;
        }

        var setup = new MultiDataOptionsSetup();
        setup.AddDataOptions(JournalPluginId, SqliteOptions(options, options.EffectiveConnectionString));
        setup.AddDataOptions(SnapshotPluginId, SqliteOptions(options, options.EffectiveSnapshotConnectionString));
        return setup;
    }

    private static DataOptions SqliteOptions(PersistenceOptions options, string connectionString) =>
        new DataOptions().UseConnectionString(options.ProviderName, connectionString).UseInterceptor(new SqliteBusyTimeout());

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
