using ActorMq.Cluster.Hosting;
using Microsoft.Data.Sqlite;

namespace ActorMq.Cluster.Persistence;

/// <summary>Opens the journal's SQLite connections, each with SQLite's own busy handler (as <see cref="SqliteBusyTimeout"/> gives the snapshot store's).</summary>
internal static class SqliteConnections
{
    /// <summary>
    /// Opens a connection to <paramref name="connectionString"/>. Without a busy handler Microsoft.Data.Sqlite answers a
    /// locked database by sleeping 150 ms before each retry; with it SQLite waits in steps of a few milliseconds.
    /// <c>synchronous = FULL</c> makes every commit durable on disk before it returns, in WAL mode too: a write is
    /// acknowledged only once it would survive a power loss.
    /// </summary>
    public static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout = {(int)SqliteBusyTimeout.Timeout.TotalMilliseconds}; PRAGMA synchronous = FULL;";
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }
}
