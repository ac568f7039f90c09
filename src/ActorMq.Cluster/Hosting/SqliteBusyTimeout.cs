using System.Data.Common;
using LinqToDB.Interceptors;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// Gives every SQLite connection of the snapshot store SQLite's own busy handler (the journal opens its own connections,
/// <c>SqliteConnections</c>). Without it Microsoft.Data.Sqlite answers a locked database by sleeping 150 ms before each
/// retry, which shows as 150 ms stalls whenever a snapshot or a journal deletion holds the write lock; with it, SQLite
/// waits in steps of a few milliseconds.
/// </summary>
internal sealed class SqliteBusyTimeout : ConnectionInterceptor
{
    /// <summary>How long SQLite itself waits for a lock before it reports the database busy.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static readonly string Pragma = $"PRAGMA busy_timeout = {(int)Timeout.TotalMilliseconds};";

    public override void ConnectionOpened(ConnectionEventData eventData, DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(ConnectionEventData eventData, DbConnection connection, CancellationToken cancellationToken)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
