using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>The tests that share one node; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SharedNodeCollection : ICollectionFixture<SharedNode>
{
    public const string Name = "End to end: shared node";
}

/// <summary>Base of the tests on the shared node: an <see cref="Api"/> on it, and its log with each test's output.</summary>
[Collection(SharedNodeCollection.Name)]
public abstract class SharedNodeSpecs(SharedNode shared, ITestOutputHelper output) : NodeSpecs(shared.Node, output)
{
    protected Api Api { get; } = new(shared.Node.Http);
}
