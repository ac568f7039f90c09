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
        var connection = Quote(options.EffectiveConnectionString);
        var provider = Quote(options.ProviderName);
        return ConfigurationFactory.ParseString($$"""
            akka.persistence.journal.sql {
              class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
              connection-string = {{connection}}
              provider-name = {{provider}}
              table-mapping = default
              auto-initialize = true
            }
            akka.persistence.snapshot-store.sql {
              class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
              connection-string = {{connection}}
              provider-name = {{provider}}
              table-mapping = default
              auto-initialize = true
            }
            """);
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
