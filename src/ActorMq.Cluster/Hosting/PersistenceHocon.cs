using Akka.Configuration;

namespace ActorMq.Cluster.Hosting;

/// <summary>The journal and snapshot-store HOCON of Akka.Persistence.Sql for a node's <see cref="PersistenceOptions"/>.</summary>
public static class PersistenceHocon
{
    /// <summary>
    /// Builds the HOCON; both plugins name their class, as the SQL plugins require. Tables use the plugin's
    /// <c>default</c> mapping (journal, journal_metadata, tags, snapshot), the same on every database.
    /// </summary>
    public static Config Build(PersistenceOptions options)
    {
        var provider = Quote(options.ProviderName);
        // SQLite has one writer per file: a single journal writer (which batches anyway) never waits on itself.
        var parallelism = options.Provider == DbProvider.Sqlite ? 1 : 3;
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = {{Quote(options.EffectiveConnectionString)}}
              provider-name = {{provider}}
              table-mapping = default
              auto-initialize = true
              parallelism = {{parallelism}}
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

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
