using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>
/// The node reads its options once: it does not watch files. Its data directory is usually inside its working directory
/// (README's <c>./data</c>; this node runs in its data directory), and a watcher over that would wake for every journal
/// write.
/// </summary>
public sealed class WorkingDirectorySpecs(SharedNode shared, ITestOutputHelper output) : SharedNodeSpecs(shared, output)
{
    [Fact]
    public async Task The_node_must_watch_no_files_while_it_writes()
    {
        var q = Api.NewQueue("no-watch");
        await Api.PublishAsync(q, """{"body": "written under the working directory"}""");

        // A file watcher is an inotify instance among the process's descriptors (Linux, as the tests run).
        var watchers = Directory.EnumerateFiles($"/proc/{Node.Pid}/fd")
            .Select(fd => new FileInfo(fd).LinkTarget)
            .Where(target => target is not null && target.Contains("inotify", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(watchers);
    }
}
