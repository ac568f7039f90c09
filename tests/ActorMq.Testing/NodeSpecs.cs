using Xunit.Abstractions;

namespace ActorMq.Testing;

/// <summary>
/// Base of tests against a running node: on dispose it writes the node's log lines written during the test to the
/// test's output (shown with a failed test).
/// </summary>
public abstract class NodeSpecs : IDisposable
{
    private readonly int _logMark;

    /// <summary>Marks the node's log, so that only the lines of this test are written.</summary>
    protected NodeSpecs(NodeProcess node, ITestOutputHelper output)
    {
        Node = node;
        Output = output;
        _logMark = node.LogLineCount;
    }

    /// <summary>The node under test.</summary>
    protected NodeProcess Node { get; }

    /// <summary>The test's output.</summary>
    protected ITestOutputHelper Output { get; }

    /// <summary>Writes the node's log lines of this test to the test output.</summary>
    public void Dispose()
    {
        Output.WriteLine($"--- node log during this test ({Node.BaseAddress}, data {Node.DataDir}) ---");
        Output.WriteLine(Node.Log(_logMark, maxLines: 300));
        GC.SuppressFinalize(this);
    }
}
