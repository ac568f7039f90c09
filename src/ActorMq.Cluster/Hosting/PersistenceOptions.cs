namespace ActorMq.Cluster.Hosting;

/// <summary>The databases a node can keep its journal and snapshots in.</summary>
public enum DbProvider
{
    /// <summary>An SQLite file (Microsoft.Data.Sqlite), the embedded default.</summary>
    Sqlite,

    /// <summary>PostgreSQL (Npgsql).</summary>
    PostgreSql,

    /// <summary>SQL Server (Microsoft.Data.SqlClient).</summary>
    SqlServer,
}

/// <summary>Where a node persists queues: the journal and snapshot store of Akka.Persistence.Sql.</summary>
public sealed class PersistenceOptions
{
    /// <summary>The database kind. Default <see cref="DbProvider.Sqlite"/>.</summary>
    public DbProvider Provider { get; set; } = DbProvider.Sqlite;

    /// <summary>The connection string. Default: an SQLite file <c>actormq.db</c> in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the embedded SQLite database lives. Default <c>./data</c>.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The Akka.Persistence.Sql (linq2db) provider name of <see cref="Provider"/>.</summary>
    public string ProviderName => Provider switch
    {
        DbProvider.Sqlite => "SQLite.MS",
        DbProvider.PostgreSql => "PostgreSQL.15",
        DbProvider.SqlServer => "SqlServer.2019",
        _ => throw new ArgumentOutOfRangeException(nameof(Provider), Provider, "unknown database provider"),
    };

    /// <summary>The journal's connection string: the one given, or the default SQLite file <c>actormq.db</c>.</summary>
    public string EffectiveConnectionString => ConnectionString ?? DefaultSqliteFile("actormq.db");

    /// <summary>
    /// The snapshot store's connection string: the one given, or, by default, an SQLite file of its own
    /// (<c>actormq-snapshots.db</c>), so that writing a large snapshot never holds the journal's write lock.
    /// </summary>
    public string EffectiveSnapshotConnectionString => ConnectionString ?? DefaultSqliteFile("actormq-snapshots.db");

    /// <summary>Throws <see cref="ArgumentException"/> naming <c>--db</c> when a database server has no connection string.</summary>
    public void Validate()
    {
        if (Provider != DbProvider.Sqlite && ConnectionString is null)
        {
            throw new ArgumentException($"--db (ACTORMQ_DB) is required with --db-provider {Provider.ToString().ToLowerInvariant()}: give the connection string.");
        }
    }

    private string DefaultSqliteFile(string file)
    {
        Validate();
        return $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, file))};Pooling=True";
    }

    /// <summary>Parses <c>sqlite</c>, <c>postgresql</c> or <c>sqlserver</c> (case-insensitive).</summary>
    public static DbProvider ParseProvider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DbProvider.Sqlite,
        "postgresql" or "postgres" => DbProvider.PostgreSql,
        "sqlserver" or "mssql" => DbProvider.SqlServer,
        _ => throw new ArgumentException($"unknown database provider '{value}': use sqlite, postgresql or sqlserver."),
    };
}
