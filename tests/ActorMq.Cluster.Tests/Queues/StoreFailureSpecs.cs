using System.Collections.Immutable;
using ActorMq.Cluster.Tests.Support;
using ActorMq.Engine;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Queues;

/// <summary>A queue whose store fails must say so and acknowledge nothing it did not write.</summary>
public sealed class StoreFailureSpecs(ITestOutputHelper output) : QueueSpec(output, """
    akka.persistence.journal.plugin = "failing-journal"
    failing-journal.class = "ActorMq.Cluster.Tests.Queues.FailingJournal, ActorMq.Cluster.Tests"
    failing-journal.plugin-dispatcher = "akka.actor.default-dispatcher"
    """)
{
    [Fact]
    public void Failed_write_must_answer_unavailable_and_stop_the_queue()
    {
        var q = StartQueue("doomed");
        Watch(q);

        var response = Ask(q, Request("doomed", PublishOf(Message("never stored"))));

        Assert.Null(response.Reply);
        Assert.Equal(ErrorKind.Unavailable, response.Error!.Kind);
        Assert.Contains("nothing from this request was kept", response.Error.Detail, StringComparison.Ordinal);
        ExpectTerminated(q);
    }
}

/// <summary>An in-memory journal whose every write fails, as a database that went away.</summary>
public sealed class FailingJournal : MemoryJournal
{
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken) =>
        Task.FromException<IImmutableList<Exception>>(new IOException("the database went away"));
}
