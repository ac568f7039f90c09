namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>A bad node option stops the node at once with a message that names it (DESIGN.md section 3).</summary>
public sealed class NodeOptionSpecs
{
    [Theory]
    [InlineData("--roles", "banana")]
    [InlineData("--auto-create-queues", "maybe")]
    [InlineData("--db-provider", "oracle")]
    [InlineData("--seeds", "http://example")]
    [InlineData("--db-provider", "postgresql")]
    public async Task A_bad_option_must_stop_the_node_naming_it(string option, string value)
    {
        var e = await Assert.ThrowsAsync<NodeExitedException>(() => NodeProcess.StartAsync(extraArgs: [option, value]));
        Assert.Contains(value, e.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code 2", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal);
    }
}
