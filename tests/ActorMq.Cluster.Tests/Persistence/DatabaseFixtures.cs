using ActorMq.Cluster.Hosting;
using Npgsql;

namespace ActorMq.Cluster.Tests.Persistence;

/// <summary>A database the SQL persistence specs run against; a file SQLite and a real server share this shape.</summary>
public interface IDatabaseFixture
{
    /// <summary>Persistence options pointing at a fresh, empty database for one spec.</summary>
    PersistenceOptions NewDatabase();
}

/// <summary>SQLite files in a temporary directory, deleted at the end.</summary>
public sealed class SqliteFixture : IDatabaseFixture, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actormq-sqlite-").FullName;

    public PersistenceOptions NewDatabase() => new()
    {
        Provider = DbProvider.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N"))}.db",
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>
/// A real PostgreSQL named by ACTORMQ_TEST_POSTGRES (.ci/run installs and starts one on 127.0.0.1). Each spec gets its
/// own schema-less database, created here and dropped at the end.
/// </summary>
public sealed class PostgresFixture : IDatabaseFixture, IDisposable
{
    public const string Variable = "ACTORMQ_TEST_POSTGRES";

    private readonly List<string> _databases = [];

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);

    public PersistenceOptions NewDatabase()
    {
        var name = "actormq_spec_" + Guid.NewGuid().ToString("N");
        Execute($"CREATE DATABASE {name}");
        _databases.Add(name);
        return new PersistenceOptions
        {
            Provider = DbProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString,
        };
    }

    public void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
        {
            Execute($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}

/// <summary>
/// A fact that needs the PostgreSQL of <see cref="PostgresFixture"/>: under CI it always runs (and fails without a
/// server); elsewhere it is skipped, saying why, when ACTORMQ_TEST_POSTGRES is not set.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresFixture.ConnectionString is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"set {PostgresFixture.Variable} to a PostgreSQL connection string (bash .ci/run does) to run this spec";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SqlCollection : ICollectionFixture<SqliteFixture>, ICollectionFixture<PostgresFixture>
{
    public const string Name = "SQL persistence";
}
