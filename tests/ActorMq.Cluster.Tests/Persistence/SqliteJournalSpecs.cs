using System.Collections.Immutable;
using ActorMq.Cluster.Hosting;
using ActorMq.Cluster.Persistence;
using ActorMq.Contracts.Persistence;
using ActorMq.Engine;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Akka.Serialization;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ActorMq.Cluster.Tests.Persistence;

/// <summary>
/// The embedded node's own SQLite journal on real files, through the journal protocol persistent actors use: what it
/// writes comes back in order, deletes keep the highest sequence number, a bad event or a failing write fails alone, and
/// Akka.Persistence.Sql's SQLite journal reads what it wrote and the other way round.
/// </summary>
[Collection(SqlCollection.Name)]
public sealed class SqliteJournalSpecs(SqliteFixture sqlite, ITestOutputHelper output)
{
    private const string PluginJournal = "akka.persistence.journal.sql-plugin";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public void Written_events_must_replay_in_sequence_order_within_the_bounds_asked()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        node.Write("a", 1, "one");
        node.Write("a", 2, "two", "three");
        node.Write("b", 1, "other");
        node.Write("a", 4, "four");

        Assert.Equal(["one", "two", "three", "four"], node.Replay("a").Payloads);
        Assert.Equal(["two", "three"], node.Replay("a", from: 2, to: 3).Payloads);
        Assert.Equal(["two"], node.Replay("a", from: 2, max: 1).Payloads);
        var replayed = node.Replay("a");
        Assert.Equal(4, replayed.Highest);
        Assert.All(replayed.Events, e => Assert.Equal(("a", ActorRefs.NoSender), (e.PersistenceId, e.Sender)));
        Assert.Equal([1L, 2, 3, 4], replayed.Events.Select(e => e.SequenceNr));
    }

    [Fact]
    public void Replay_must_read_past_one_page_of_rows()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        var payloads = Enumerable.Range(1, 8).Select(i => $"e{i}").ToArray();
        for (var i = 0; i < payloads.Length; i++)
        {
            node.Write("paged", i + 1, payloads[i]);
        }

        // The spec's replay-batch-size is 3: three queries, the last one short.
        Assert.Equal(payloads, node.Replay("paged").Payloads);
        Assert.Equal(payloads[2..7], node.Replay("paged", from: 3, to: 7).Payloads);
    }

    [Fact]
    public void Delete_must_remove_events_up_to_its_bound_and_keep_the_highest_sequence_number()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        for (var seq = 1; seq <= 5; seq++)
        {
            node.Write("d", seq, $"e{seq}");
        }

        node.Delete("d", 3);
        Assert.Equal(["e4", "e5"], node.Replay("d").Payloads);

        node.Delete("d", long.MaxValue);
        var afterAll = node.Replay("d");
        Assert.Empty(afterAll.Events);
        Assert.Equal(5, afterAll.Highest);

        node.Write("d", 6, "e6");
        Assert.Equal(["e6"], node.Replay("d").Payloads);
    }

    [Fact]
    public void Event_that_cannot_be_serialized_must_be_rejected_alone()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        var outcomes = node.WriteAll(
            new AtomicWrite(node.Event("r", 1, "kept")),
            new AtomicWrite(ImmutableList.Create<IPersistentRepresentation>(node.Event("r", 2, "with it"), node.Event("r", 3, new Unserializable()))),
            new AtomicWrite(node.Event("s", 1, "other id")));

        Assert.IsType<WriteMessageSuccess>(outcomes[0]);
        Assert.IsType<WriteMessageRejected>(outcomes[1]);
        Assert.IsType<WriteMessageRejected>(outcomes[2]);
        Assert.IsType<WriteMessageSuccess>(outcomes[3]);
        Assert.Equal(["kept"], node.Replay("r").Payloads);
        Assert.Equal(["other id"], node.Replay("s").Payloads);
    }

    [Fact]
    public async Task Failing_write_must_fail_alone_when_it_is_committed_with_others()
    {
        var database = sqlite.NewDatabase();
        using var writer = new SqliteJournalWriter(database.EffectiveConnectionString, "spec");
        await writer.InitializeAsync();
        await writer.WriteAsync([Row("x", 1, "first")], created: 1);

        // While the database's write lock is held elsewhere, the writer waits, and these queue up for one transaction.
        Task second, stale, other;
        using (var blocker = new SqliteConnection(database.EffectiveConnectionString))
        {
            blocker.Open();
            using var transaction = blocker.BeginTransaction();
            second = writer.WriteAsync([Row("x", 2, "second")], created: 2);
            stale = writer.WriteAsync([Row("x", 1, "a stale writer's")], created: 2);
            other = writer.WriteAsync([Row("y", 1, "another actor's")], created: 2);
            transaction.Commit();
        }

        await second;
        var failure = await Assert.ThrowsAsync<SqliteException>(() => stale);
        Assert.Contains("UNIQUE", failure.Message, StringComparison.Ordinal);
        await other;
        Assert.Equal(["x/1 first", "x/2 second", "y/1 another actor's"], Rows(database));
    }

    [Fact]
    public void Tagged_events_must_store_their_tags_and_replay_untagged()
    {
        var database = sqlite.NewDatabase();
        using var node = new Node(database, output);
        node.Write("t", 1, "plain");
        node.WriteAll(new AtomicWrite(node.Event("t", 2, new Tagged("tagged", ["blue", "green"]))));

        Assert.Equal(["plain", "tagged"], node.Replay("t").Payloads);
        using var connection = new SqliteConnection(database.EffectiveConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT t.tag, t.sequence_nr, t.persistence_id FROM tags t JOIN journal j ON j.ordering = t.ordering_id ORDER BY t.tag";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, long, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2)));
        }

        Assert.Equal([("blue", 2L, "t"), ("green", 2L, "t")], rows);
    }

    [Fact]
    public void Concurrent_writers_must_each_find_their_own_events_in_order()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        const int writers = 20;
        const int writesEach = 10;
        for (var seq = 1; seq <= writesEach; seq++)
        {
            for (var w = 0; w < writers; w++)
            {
                node.Journal.Tell(new WriteMessages([new AtomicWrite(node.Event($"w{w}", seq, $"w{w}-{seq}"))], node.TestActor, 1));
            }
        }

        for (var i = 0; i < writers * writesEach; i++)
        {
            Assert.IsType<WriteMessageSuccess>(Assert.Single(node.ExpectWriteOutcomes(1)));
        }

        for (var w = 0; w < writers; w++)
        {
            Assert.Equal(Enumerable.Range(1, writesEach).Select(seq => $"w{w}-{seq}"), node.Replay($"w{w}").Payloads);
        }
    }

    [Fact]
    public void Akka_Persistence_Sql_must_read_what_this_journal_wrote_and_the_other_way_round()
    {
        using var node = new Node(sqlite.NewDatabase(), output);
        var batch = new QueueEventBatch([
            new QueueConfigured(QueueSettings.Default, Created: true, DateTimeOffset.UnixEpoch.AddDays(20_000)),
            new MessageReady("m-1"),
        ]);
        node.Write("ours", 1, batch);
        node.Write("ours", 2, "text");
        node.WriteWith(PluginJournal, "theirs", 1, "from the plugin");
        node.WriteWith(PluginJournal, "theirs", 2, batch);
        // A node that moves from one journal to the other goes on writing the same ids (not back and forth: Akka's
        // replay filter takes a writer that comes back after another for a stale one, and drops its events).
        node.Write("both", 1, "ours first", "ours second");
        node.WriteWith(PluginJournal, "both", 3, "then theirs");

        foreach (var journal in new[] { Node.OwnJournal, PluginJournal })
        {
            var ours = node.Replay("ours", journal: journal).Payloads;
            Assert.Equal(batch.Events, Assert.IsType<QueueEventBatch>(ours[0]).Events);
            Assert.Equal("text", ours[1]);
            var theirs = node.Replay("theirs", journal: journal).Payloads;
            Assert.Equal("from the plugin", theirs[0]);
            Assert.Equal(batch.Events, Assert.IsType<QueueEventBatch>(theirs[1]).Events);
            Assert.Equal(["ours first", "ours second", "then theirs"], node.Replay("both", journal: journal).Payloads);
        }

        node.Delete("both", 2, journal: PluginJournal);
        node.Delete("ours", long.MaxValue);
        foreach (var journal in new[] { Node.OwnJournal, PluginJournal })
        {
            Assert.Equal(["then theirs"], node.Replay("both", journal: journal).Payloads);
            var ours = node.Replay("ours", journal: journal);
            Assert.Equal((0, 2L), (ours.Events.Count, ours.Highest));
        }
    }

    private static JournalRow Row(string persistenceId, long seq, string text) =>
        new(persistenceId, seq, System.Text.Encoding.UTF8.GetBytes(text), "", 0, []);

    /// <summary>Every journal row as "pid/seq message", in table order.</summary>
    private static List<string> Rows(PersistenceOptions database)
    {
        using var connection = new SqliteConnection(database.EffectiveConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT persistence_id, sequence_number, message FROM journal ORDER BY ordering";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add($"{reader.GetString(0)}/{reader.GetInt64(1)} {System.Text.Encoding.UTF8.GetString((byte[])reader.GetValue(2))}");
        }

        return rows;
    }

    /// <summary>A type bound to <see cref="RefusingSerializer"/>.</summary>
    public sealed class Unserializable;

    /// <summary>A serializer that refuses everything, as one meeting a value it cannot write.</summary>
    public sealed class RefusingSerializer(ExtendedActorSystem system) : Serializer(system)
    {
        public override int Identifier => 7399;

        public override bool IncludeManifest => false;

        public override byte[] ToBinary(object obj) => throw new System.Runtime.Serialization.SerializationException($"cannot serialize {obj.GetType().Name}");

        public override object FromBinary(byte[] bytes, Type type) => throw new System.Runtime.Serialization.SerializationException("cannot deserialize");
    }

    /// <summary>What a replay gave: the events in order and the highest sequence number it reported.</summary>
    private sealed record Replayed(IReadOnlyList<IPersistentRepresentation> Events, long Highest)
    {
        public IReadOnlyList<object> Payloads => Events.Select(e => e.Payload).ToArray();
    }

    /// <summary>
    /// An actor system with the node's SQLite journal (<see cref="PersistenceHocon"/>) and, on the same file,
    /// Akka.Persistence.Sql's own SQLite journal as <see cref="PluginJournal"/>.
    /// </summary>
    private sealed class Node(PersistenceOptions database, ITestOutputHelper output)
        : Akka.TestKit.Xunit2.TestKit(Config(database), output: output)
    {
        public const string OwnJournal = PersistenceHocon.JournalPluginId;

        public IActorRef Journal => JournalOf(OwnJournal);

        public Persistent Event(string persistenceId, long seq, object payload) =>
            new(payload, seq, persistenceId, "", isDeleted: false, TestActor, "writer-of-" + persistenceId);

        public void Write(string persistenceId, long firstSeq, params object[] payloads) => Write(persistenceId, firstSeq, payloads, OwnJournal);

        public void WriteWith(string journal, string persistenceId, long seq, object payload) => Write(persistenceId, seq, [payload], journal);

        /// <summary>Writes <paramref name="writes"/> in one request; the outcome of every event, in order.</summary>
        public IReadOnlyList<object> WriteAll(params AtomicWrite[] writes)
        {
            Journal.Tell(new WriteMessages(writes, TestActor, 1));
            return ExpectWriteOutcomes(writes.Sum(w => ((IImmutableList<IPersistentRepresentation>)w.Payload).Count));
        }

        /// <summary>The next <paramref name="events"/> outcomes of one write request, after its success or failure message.</summary>
        public IReadOnlyList<object> ExpectWriteOutcomes(int events)
        {
            ExpectMsg<object>(m => m is WriteMessagesSuccessful or WriteMessagesFailed, Wait);
            return Enumerable.Range(0, events)
                .Select(_ => ExpectMsg<object>(m => m is WriteMessageSuccess or WriteMessageRejected or WriteMessageFailure, Wait))
                .ToArray();
        }

        public Replayed Replay(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue, string journal = OwnJournal)
        {
            JournalOf(journal).Tell(new ReplayMessages(from, to, max, persistenceId, TestActor));
            var events = new List<IPersistentRepresentation>();
            while (true)
            {
                switch (ExpectMsg<object>(Wait))
                {
                    case ReplayedMessage replayed:
                        events.Add(replayed.Persistent);
                        break;
                    case RecoverySuccess done:
                        return new Replayed(events, done.HighestSequenceNr);
                    case var other:
                        throw new Xunit.Sdk.XunitException($"replay of {persistenceId} answered {other}");
                }
            }
        }

        public void Delete(string persistenceId, long toSequenceNr, string journal = OwnJournal)
        {
            JournalOf(journal).Tell(new DeleteMessagesTo(persistenceId, toSequenceNr, TestActor));
            ExpectMsg<DeleteMessagesSuccess>(Wait);
        }

        private void Write(string persistenceId, long firstSeq, object[] payloads, string journal)
        {
            var events = payloads.Select((p, i) => (IPersistentRepresentation)Event(persistenceId, firstSeq + i, p)).ToImmutableList();
            JournalOf(journal).Tell(new WriteMessages([new AtomicWrite(events)], TestActor, 1));
            ExpectMsg<WriteMessagesSuccessful>(Wait);
            for (var i = 0; i < payloads.Length; i++)
            {
                ExpectMsg<WriteMessageSuccess>(Wait);
            }
        }

        private IActorRef JournalOf(string pluginId) => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(pluginId);

        private static Config Config(PersistenceOptions database) =>
            ConfigurationFactory.ParseString($$"""
                akka.actor.provider = local
                akka.persistence.journal.sql.replay-batch-size = 3
                {{PluginJournal}} {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  plugin-dispatcher = "akka.actor.default-dispatcher"
                  connection-string = "{{database.EffectiveConnectionString}}"
                  provider-name = "SQLite.MS"
                  table-mapping = default
                  auto-initialize = true
                }
                akka.actor.serializers.refusing = "{{typeof(RefusingSerializer).AssemblyQualifiedName}}"
                akka.actor.serialization-bindings {
                  "{{typeof(Unserializable).AssemblyQualifiedName}}" = refusing
                }
                """)
                .WithFallback(PersistenceHocon.Build(database))
                .WithFallback(ActorMqConfig.FromDefaults().Config);
    }
}
