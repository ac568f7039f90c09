namespace ActorMq.Testing;

/// <summary>
/// One real node shared by the tests of a collection (use it as an <see cref="ICollectionFixture{TFixture}"/>); each
/// test uses its own queues.
/// </summary>
public sealed class SharedNode : IAsyncLifetime
{
    private NodeProcess? _node;

    /// <summary>The running node.</summary>
    public NodeProcess Node => _node ?? throw new InvalidOperationException("the shared node has not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _node = await NodeProcess.StartAsync();

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _node?.Dispose();
        return Task.CompletedTask;
    }
}
