using Npgsql;

namespace ActorMq.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database on the server of <see cref="TestPostgres"/>, made with <c>CREATE DATABASE</c>
/// and dropped (<c>WITH (FORCE)</c>, so connections left open do not keep it) on dispose.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private PostgresDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name: a prefix and a GUID.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates a database named <c>&lt;prefix&gt;_&lt;guid&gt;</c>.</summary>
    /// <param name="prefix">Lower-case letters, digits and <c>_</c>.</param>
    public static async Task<PostgresDatabase> CreateAsync(string prefix)
    {
        var server = TestPostgres.ConnectionString
            ?? throw new InvalidOperationException($"{TestPostgres.Variable} is not set: it must name a PostgreSQL server whose role may create databases (bash .ci/run sets it)");
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(server, $"CREATE DATABASE {name}");
        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    /// <summary>Runs one SQL statement in this database and returns the first column of every row.</summary>
    public async Task<IReadOnlyList<object>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetValue(0));
        }

        return rows;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(TestPostgres.ConnectionString!, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
