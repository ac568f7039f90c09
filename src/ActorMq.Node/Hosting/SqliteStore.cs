using ActorMq.Cluster.Hosting;
using Microsoft.Data.Sqlite;

namespace ActorMq.Node.Hosting;

/// <summary>Prepares the embedded SQLite store: its directory, and write-ahead logging (kept in the file once set).</summary>
public static class SqliteStore
{
    /// <summary>Creates the data directory and turns WAL on in the journal and snapshot files, when the node uses SQLite.</summary>
    public static void Prepare(PersistenceOptions options)
    {
        if (options.Provider != DbProvider.Sqlite)
        {
            return;
        }

        if (options.ConnectionString is null)
        {
            Directory.CreateDirectory(options.DataDirectory);
        }

        foreach (var connectionString in new[] { options.EffectiveConnectionString, options.EffectiveSnapshotConnectionString }.Distinct())
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL;";
            command.ExecuteNonQuery();
        }
    }
}
