using ActorMq.Cluster.Persistence;
using Akka.Actor.Setup;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// The journal and snapshot-store HOCON for a node's <see cref="PersistenceOptions"/>: Akka.Persistence.Sql, except the
/// journal on SQLite (<see cref="SqliteJournal"/>, same tables).
/// </summary>
public static class PersistenceHocon
{
    /// <summary>The journal plugin's id (its HOCON path).</summary>
    public const string JournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The snapshot store plugin's id (its HOCON path).</summary>
    public const string SnapshotPluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>
    /// Builds the HOCON; both plugins name their class, as the SQL plugins require. Tables use the plugin's
    /// <c>default</c> mapping (journal, journal_metadata, tags, snapshot), the same on every database. On SQLite the
    /// journal is the project's own <see cref="SqliteJournal"/>, which writes those same tables.
    /// </summary>
    public static Config Build(PersistenceOptions options) =>
        ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql {
              {{(options.Provider == DbProvider.Sqlite ? SqliteJournalHocon(options) : SqlJournalHocon(options))}}
            }
            akka.persistence.snapshot-store.sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = {{Quote(options.EffectiveSnapshotConnectionString)}}
              provider-name = {{Quote(options.ProviderName)}}
              table-mapping = default
              auto-initialize = true
            }
            """);

    /// <summary>
    /// On SQLite: Akka.Persistence.Sql's write path (Akka.Streams stages, a linq2db query built per write) was most of
    /// the node's CPU and allocation at 1,000 messages a second; <see cref="SqliteJournal"/> commits the same rows with
    /// prepared statements from one writer thread. Its heavy work is on that thread, so the actor itself runs on the
    /// default dispatcher rather than a thread of its own.
    /// </summary>
    private static string SqliteJournalHocon(PersistenceOptions options) => $$"""
        class = "{{typeof(SqliteJournal).FullName}}, {{typeof(SqliteJournal).Assembly.GetName().Name}}"
        plugin-dispatcher = "akka.actor.default-dispatcher"
        connection-string = {{Quote(options.EffectiveConnectionString)}}
        """;

    private static string SqlJournalHocon(PersistenceOptions options) => $$"""
        class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
        connection-string = {{Quote(options.EffectiveConnectionString)}}
        provider-name = {{Quote(options.ProviderName)}}
        table-mapping = default
        auto-initialize = true
        """;

    /// <summary>
    /// The actor-system setup that goes with <see cref="Build"/>: on SQLite, the snapshot store's connections get SQLite's
    /// own busy handler (<see cref="SqliteBusyTimeout"/>; the journal sets its own); other databases need none.
    /// </summary>
    public static Setup? Setup(PersistenceOptions options)
    {
        if (options.Provider != DbProvider.Sqlite)
        {
            return null;
        }

        var setup = new MultiDataOptionsSetup();
        setup.AddDataOptions(SnapshotPluginId, SqliteOptions(options, options.EffectiveSnapshotConnectionString));
        return setup;
    }

    private static DataOptions SqliteOptions(PersistenceOptions options, string connectionString) =>
        new DataOptions().UseConnectionString(options.ProviderName, connectionString).UseInterceptor(new SqliteBusyTimeout());

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
