using ActorMq.Cluster.Hosting;
using Microsoft.Data.Sqlite;

namespace ActorMq.Node.Hosting;

/// <summary>Prepares the embedded SQLite store: its directory, and write-ahead logging (kept in the file once set).</summary>
public static class SqliteStore
{
    /// <summary>Creates the data directory and turns WAL on, when the node uses SQLite.</summary>
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

        using var connection = new SqliteConnection(options.EffectiveConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }
}
