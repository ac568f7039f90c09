using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>One real node shared by the tests of the <see cref="SharedNodeCollection"/>; each test uses its own queues.</summary>
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

/// <summary>The tests that share one node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedNodeCollection : ICollectionFixture<SharedNode>
{
    public const string Name = "End to end: shared node";
}

/// <summary>
/// Base of the tests on the shared node: an <see cref="Api"/> on it, and on dispose the node's log lines written
/// during the test (shown with a failed test's output).
/// </summary>
[Collection(SharedNodeCollection.Name)]
public abstract class SharedNodeSpecs : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly int _logMark;

    protected SharedNodeSpecs(SharedNode shared, ITestOutputHelper output)
    {
        Node = shared.Node;
        _output = output;
        _logMark = Node.LogLineCount;
        Api = new Api(Node.Http);
    }

    protected NodeProcess Node { get; }

    protected Api Api { get; }

    public void Dispose()
    {
        _output.WriteLine($"--- node log during this test ({Node.BaseAddress}, data {Node.DataDir}) ---");
        _output.WriteLine(Node.Log(_logMark, maxLines: 300));
        GC.SuppressFinalize(this);
    }
}
