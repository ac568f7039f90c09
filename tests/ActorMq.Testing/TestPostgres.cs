namespace ActorMq.Testing;

/// <summary>
/// The PostgreSQL server that tests of real clusters use: the connection string in <c>ACTORMQ_TEST_POSTGRES</c>
/// (<c>bash .ci/run</c> starts a server on 127.0.0.1 and sets it). Under CI (<c>CI=true</c>) those tests always run,
/// and fail without a server; elsewhere they are skipped, saying why, when the variable is not set.
/// </summary>
public static class TestPostgres
{
    /// <summary>The environment variable that holds the connection string.</summary>
    public const string Variable = "ACTORMQ_TEST_POSTGRES";

    /// <summary>The server's connection string; its role must be allowed to create databases. Null when not set.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why a test that needs the server is skipped here, or null when it runs.</summary>
    public static string? SkipReason =>
        ConnectionString is null && Environment.GetEnvironmentVariable("CI") != "true"
            ? $"set {Variable} to a PostgreSQL connection string whose role may create databases (bash .ci/run does) to run this test"
            : null;
}
