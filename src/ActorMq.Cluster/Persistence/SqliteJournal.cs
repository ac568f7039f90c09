using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using Microsoft.Data.Sqlite;

namespace ActorMq.Cluster.Persistence;

/// <summary>
/// The embedded node's journal: Akka.Persistence.Sql's SQLite tables, written without its per-write Akka.Streams
/// stages and linq2db query building. Events are serialized here, on the journal actor, and appended by one writer
/// thread (<see cref="SqliteJournalWriter"/>) that commits whatever was queued meanwhile in one transaction. Replays
/// and sequence-number reads run on pooled connections of their own (WAL lets them read while the writer writes).
/// <para>
/// Rows are the plugin's row for row (<see cref="SqliteJournalSchema"/>): the same serializer ids and manifests, the
/// created time in ticks, the journal instance's id as <c>writer_uuid</c>, tags in the tags table, and deletes that
/// keep the highest deleted row as a tombstone. A data directory written by either journal is read by the other.
/// </para>
/// <para>HOCON: <c>connection-string</c> (required), <c>replay-batch-size</c> (rows per replay query, default 1000).</para>
/// </summary>
public sealed class SqliteJournal : AsyncWriteJournal
{
    private readonly string _connectionString;
    private readonly int _replayBatchSize;
    private readonly Akka.Serialization.Serialization _serialization;
    private readonly SqliteJournalWriter _writer;
    private readonly ConcurrentDictionary<string, Task> _writing = new(StringComparer.Ordinal);
    private Task _initialized;

    /// <summary>The journal configured by its plugin <paramref name="config"/>.</summary>
    public SqliteJournal(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _connectionString = config.GetString("connection-string", null)
            ?? throw new ConfigurationException($"{nameof(SqliteJournal)} needs a connection-string");
        _replayBatchSize = config.GetInt("replay-batch-size", 1000);
        _serialization = Context.System.Serialization;
        _writer = new SqliteJournalWriter(_connectionString, Guid.NewGuid().ToString("N"));
        _initialized = _writer.InitializeAsync();
    }

    /// <summary>
    /// The tables exist once this completes. Every operation of the journal starts here, on the journal actor (each is
    /// called by it, up to its first await); a failed creation (the database could not be opened, say) is tried again.
    /// </summary>
    private Task InitializedAsync() => _initialized.IsFaulted ? _initialized = _writer.InitializeAsync() : _initialized;

    /// <inheritdoc />
    protected override async Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        await InitializedAsync().ConfigureAwait(false);
        var rows = new List<JournalRow>();
        var outcomes = ImmutableList.CreateBuilder<Exception?>();
        var persistenceIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var write in messages)
        {
            var before = rows.Count;
            try
            {
                foreach (var representation in (IImmutableList<IPersistentRepresentation>)write.Payload)
                {
                    rows.Add(Row(representation));
                }

                outcomes.Add(null);
                persistenceIds.Add(write.PersistenceId);
            }
            catch (Exception e)
            {
                // That write is rejected and none of its events kept; the others go on (the SQL plugin's rule).
                rows.RemoveRange(before, rows.Count - before);
                outcomes.Add(e);
            }
        }

        if (rows.Count > 0)
        {
            var written = _writer.WriteAsync(rows, DateTime.UtcNow.Ticks);
            foreach (var persistenceId in persistenceIds)
            {
                _writing[persistenceId] = written;
            }

            try
            {
                await written.ConfigureAwait(false);
            }
            finally
            {
                foreach (var persistenceId in persistenceIds)
                {
                    _writing.TryRemove(new KeyValuePair<string, Task>(persistenceId, written));
                }
            }
        }

        return outcomes.ToImmutable();
    }

    /// <inheritdoc />
    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        await InitializedAsync().ConfigureAwait(false);
        await _writer.DeleteAsync(persistenceId, toSequenceNr).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        await InitializedAsync().ConfigureAwait(false);
        if (_writing.TryGetValue(persistenceId, out var write))
        {
            // A write of this id still in flight (an actor restarting after a failed write, say) counts once it is done.
            await write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
        }

        return await Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = SqliteJournalSchema.Highest;
            command.Parameters.AddWithValue("@pid", persistenceId);
            command.Parameters.AddWithValue("@from", fromSequenceNr);
            return command.ExecuteScalar() is long highest ? highest : 0L;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task ReplayMessagesAsync(
        IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        await InitializedAsync().ConfigureAwait(false);
        await Task.Run(() =>
        {
            using var connection = SqliteConnections.Open(_connectionString);
            using var command = connection.CreateCommand();
            command.CommandText = SqliteJournalSchema.Replay;
            var from = command.Parameters.AddWithValue("@from", 0L);
            var limit = command.Parameters.AddWithValue("@limit", 0L);
            command.Parameters.AddWithValue("@pid", persistenceId);
            command.Parameters.AddWithValue("@to", toSequenceNr);
            var next = Math.Max(1, fromSequenceNr);
            var left = max;
            while (left > 0 && next <= toSequenceNr)
            {
                from.Value = next;
                limit.Value = Math.Min(left, _replayBatchSize);
                var read = 0;
                using (var reader = command.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        recoveryCallback(Representation(persistenceId, reader));
                        next = reader.GetInt64(0) + 1;
                        read++;
                    }
                }

                left -= read;
                if (read < _replayBatchSize)
                {
                    break;
                }
            }
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        _writer.Dispose();
        base.PostStop();
    }

    /// <summary>Serializes one event as the SQL plugin does, actor references with this system's address.</summary>
    private JournalRow Row(IPersistentRepresentation representation)
    {
        var (payload, tags) = representation.Payload is Tagged tagged
            ? (tagged.Payload, (IReadOnlyCollection<string>)tagged.Tags)
            : (representation.Payload, Array.Empty<string>());
        var serializer = _serialization.FindSerializerForType(payload.GetType(), null);
        var message = Akka.Serialization.Serialization.WithTransport(_serialization.System, (serializer, payload), static s => s.serializer.ToBinary(s.payload));
        return new JournalRow(
            representation.PersistenceId, representation.SequenceNr, message, Akka.Serialization.Serialization.ManifestFor(serializer, payload), serializer.Identifier, tags);
    }

    /// <summary>The event of a replay row, as the SQL plugin gives it back: its serializer manifest as the manifest, no sender.</summary>
    private Persistent Representation(string persistenceId, SqliteDataReader row)
    {
        var manifest = row.IsDBNull(2) ? "" : row.GetString(2);
        var payload = Payload((byte[])row.GetValue(1), row.IsDBNull(3) ? null : row.GetInt32(3), manifest);
        return new Persistent(
            payload, row.GetInt64(0), persistenceId, manifest, isDeleted: false, ActorRefs.NoSender, row.IsDBNull(4) ? null : row.GetString(4), row.GetInt64(5));
    }

    private object Payload(byte[] message, int? identifier, string manifest)
    {
        if (identifier is { } id)
        {
            return _serialization.Deserialize(message, id, manifest);
        }

        // A row without a serializer id names the event's type instead (the SQL plugin reads such rows this way too).
        var type = Type.GetType(manifest, throwOnError: true)!;
        return _serialization.FindSerializerForType(type, null).FromBinary(message, type);
    }
}
