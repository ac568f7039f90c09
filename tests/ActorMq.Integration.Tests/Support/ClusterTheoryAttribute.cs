namespace ActorMq.Integration.Tests.Support;

/// <summary>A <see cref="ClusterFactAttribute"/> with data: skipped the same way when there is no PostgreSQL.</summary>
public sealed class ClusterTheoryAttribute : TheoryAttribute
{
    public ClusterTheoryAttribute()
    {
        Skip = TestPostgres.SkipReason;
    }
}
