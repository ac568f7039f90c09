using System.Data.Common;
using ActorMq.Cluster.Hosting;
using ActorMq.Node.Hosting;
using Akka.Configuration;
using Akka.Persistence.Journal;
using Akka.Persistence.Snapshot;
using LinqToDB;
using LinqToDB.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Data.SqlClient;
using Npgsql;

namespace ActorMq.Node.Tests.Docker;

/// <summary>
/// The compose files' database settings (docker/sqlserver.env, docker/postgres.env, read by both the database container
/// and the nodes) go through the node's own option reading, make the persistence HOCON of Akka.Persistence.Sql, and
/// name plugin classes and a linq2db provider that load, with the right ADO.NET driver, without a database server.
/// </summary>
public sealed class ComposeDatabaseSpecs
{
    private const string JournalClass = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql";
    private const string SnapshotClass = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql";

    [Fact]
    public void Sql_server_compose_settings_must_make_the_SqlServer_2019_HOCON_on_Microsoft_Data_SqlClient()
    {
        var env = EnvFile.Read("sqlserver.env");

        var persistence = NodeEnvironment(env).Persistence;
        var hocon = PersistenceHocon.Build(persistence);

        Assert.Equal(DbProvider.SqlServer, persistence.Provider);
        AssertPlugins(hocon, "SqlServer.2019", env["ACTORMQ_DB"]);
        var connection = AssertProviderLoads<SqlConnection>("SqlServer.2019", env["ACTORMQ_DB"]);
        var target = new SqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("mssql,1433", target.DataSource);
        Assert.Equal("actormq", target.InitialCatalog);
        Assert.True(target.TrustServerCertificate, "SQL Server's container has a self-signed certificate");
        // The nodes log in with the password the database container was given.
        Assert.Equal(env["MSSQL_SA_PASSWORD"], target.Password);
        Assert.Equal("sa", target.UserID);
    }

    [Fact]
    public void Postgres_compose_settings_must_make_the_PostgreSQL_15_HOCON_on_Npgsql()
    {
        var env = EnvFile.Read("postgres.env");

        var persistence = NodeEnvironment(env).Persistence;
        var hocon = PersistenceHocon.Build(persistence);

        Assert.Equal(DbProvider.PostgreSql, persistence.Provider);
        AssertPlugins(hocon, "PostgreSQL.15", env["ACTORMQ_DB"]);
        var connection = AssertProviderLoads<NpgsqlConnection>("PostgreSQL.15", env["ACTORMQ_DB"]);
        var target = new NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("postgres", target.Host);
        Assert.Equal(env["POSTGRES_DB"], target.Database);
        Assert.Equal(env["POSTGRES_USER"], target.Username);
        Assert.Equal(env["POSTGRES_PASSWORD"], target.Password);
    }

    /// <summary>
    /// The node's options from these variables, read as the node reads its environment: ACTORMQ_-prefixed variables
    /// with the prefix removed (what AddEnvironmentVariables("ACTORMQ_") does), without touching this process's own
    /// environment.
    /// </summary>
    private static NodeSettings NodeEnvironment(IReadOnlyDictionary<string, string> env)
    {
        const string prefix = "ACTORMQ_";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(env
                .Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key[prefix.Length..], (string?)e.Value)))
            .Build();
        return NodeSettings.From(configuration);
    }

    private static void AssertPlugins(Config hocon, string providerName, string connectionString)
    {
        foreach (var (path, pluginClass, baseType) in new[]
                 {
                     (PersistenceHocon.JournalPluginId, JournalClass, typeof(AsyncWriteJournal)),
                     (PersistenceHocon.SnapshotPluginId, SnapshotClass, typeof(SnapshotStore)),
                 })
        {
            var plugin = hocon.GetConfig(path);
            Assert.Equal(pluginClass, plugin.GetString("class"));
            Assert.Equal(providerName, plugin.GetString("provider-name"));
            Assert.Equal(connectionString, plugin.GetString("connection-string"));
            var type = Type.GetType(plugin.GetString("class"), throwOnError: true)!;
            Assert.True(type.IsSubclassOf(baseType), $"{type} must be a {baseType.Name}");
        }
    }

    /// <summary>
    /// linq2db resolves the provider name as Akka.Persistence.Sql does (DataOptions.UseConnectionString) and makes a
    /// connection of the expected driver; nothing is opened.
    /// </summary>
    private static TConnection AssertProviderLoads<TConnection>(string providerName, string connectionString)
        where TConnection : DbConnection
    {
        using var db = new DataConnection(new DataOptions().UseConnectionString(providerName, connectionString));
        Assert.StartsWith(providerName.Split('.')[0], db.DataProvider.Name, StringComparison.Ordinal);
        var connection = db.DataProvider.CreateConnection(connectionString);
        Assert.IsType<TConnection>(connection);
        return (TConnection)connection;
    }
}
