namespace ActorMq.Integration.Tests.Support;

/// <summary>
/// A test that runs a <see cref="TestCluster"/> on the PostgreSQL of <see cref="TestPostgres"/>: under CI it always
/// runs (and fails without a server); elsewhere it is skipped, saying why, when ACTORMQ_TEST_POSTGRES is not set.
/// </summary>
public sealed class ClusterFactAttribute : FactAttribute
{
    public ClusterFactAttribute()
    {
        Skip = TestPostgres.SkipReason;
    }
}
