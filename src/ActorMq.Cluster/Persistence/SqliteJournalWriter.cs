using Microsoft.Data.Sqlite;

namespace ActorMq.Cluster.Persistence;

/// <summary>
/// The journal's one writer: a thread of its own with one connection and prepared statements. Whatever was queued
/// while it committed goes into its next transaction together, whichever actor wrote it (group commit): one fsync for
/// all of them. When such a transaction fails, its operations are run again one per transaction, so that only the
/// failing one fails (a duplicate sequence number from a stale writer, say), not the actors that happened to share it.
/// Operations run in the order they were queued.
/// </summary>
internal sealed class SqliteJournalWriter : IDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly string _writerUuid;
    private readonly Thread _thread;
    private readonly object _gate = new();
    private List<Operation> _queued = [];
    private List<Operation> _taken = [];
    private bool _stopping;
    private Statements? _statements;

    /// <summary>Starts the writer thread of the journal at <paramref name="connectionString"/>.</summary>
    /// <param name="connectionString">The SQLite database.</param>
    /// <param name="writerUuid">What the rows' <c>writer_uuid</c> holds: this journal instance's id.</param>
    public SqliteJournalWriter(string connectionString, string writerUuid)
    {
        _connectionString = connectionString;
        _writerUuid = writerUuid;
        _thread = new Thread(Run) { IsBackground = true, Name = "ActorMq SQLite journal writer" };
        _thread.Start();
    }

    /// <summary>Creates the tables when missing; completes once they exist.</summary>
    public Task InitializeAsync() => Enqueue(new Operation(static (statements, _) => statements.CreateTables()));

    /// <summary>Appends <paramref name="rows"/>, all stamped <paramref name="created"/>; completes once they are committed.</summary>
    public Task WriteAsync(IReadOnlyList<JournalRow> rows, long created) =>
        Enqueue(new Operation((statements, transaction) => statements.Insert(transaction, rows, created, _writerUuid)));

    /// <summary>Deletes the events of <paramref name="persistenceId"/> up to <paramref name="toSequenceNr"/>, as the SQL plugin does.</summary>
    public Task DeleteAsync(string persistenceId, long toSequenceNr) =>
        Enqueue(new Operation((statements, transaction) => statements.Delete(transaction, persistenceId, toSequenceNr)));

    /// <summary>Finishes what is queued, then stops the thread and closes the connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.PulseAll(_gate);
        }

        _thread.Join(StopTimeout);
    }

    private Task Enqueue(Operation operation)
    {
        lock (_gate)
        {
            if (_stopping)
            {
                return Task.FromException(new ObjectDisposedException(nameof(SqliteJournalWriter), "the journal is stopping"));
            }

            _queued.Add(operation);
            if (_queued.Count == 1)
            {
                Monitor.Pulse(_gate);
            }
        }

        return operation.Done.Task;
    }

    private void Run()
    {
        try
        {
            while (Take())
            {
                Commit(_taken);
                _taken.Clear();
            }
        }
        finally
        {
            _statements?.Dispose();
        }
    }

    /// <summary>Waits for operations and takes all of them; false once stopping with nothing left.</summary>
    private bool Take()
    {
        lock (_gate)
        {
            while (_queued.Count == 0)
            {
                if (_stopping)
                {
                    return false;
                }

                Monitor.Wait(_gate);
            }

            (_taken, _queued) = (_queued, _taken);
            return true;
        }
    }

    private void Commit(List<Operation> operations)
    {
        try
        {
            InTransaction(operations);
            foreach (var operation in operations)
            {
                operation.Done.TrySetResult();
            }
        }
        catch (Exception) when (operations.Count > 1)
        {
            // One of them failed, and with it the transaction: each again on its own, so only that one fails.
            foreach (var operation in operations)
            {
                Commit([operation]);
            }
        }
        catch (Exception e)
        {
            operations[0].Done.TrySetException(e);
        }
    }

    private void InTransaction(List<Operation> operations)
    {
        try
        {
            var statements = _statements ??= new Statements(SqliteConnections.Open(_connectionString));
            using var transaction = statements.Connection.BeginTransaction();
            foreach (var operation in operations)
            {
                operation.Run(statements, transaction);
            }

            transaction.Commit();
        }
        catch
        {
            // Start the next transaction on a fresh connection, whatever state this one was left in.
            _statements?.Dispose();
            _statements = null;
            throw;
        }
    }

    /// <summary>
    /// A queued operation: what it does in a transaction, and its outcome. The outcome's continuations run on the writer
    /// thread as it is set (the journal's, then Akka's, which only send the write's result on): handing each to the
    /// thread pool would wake a pool thread per write for a few microseconds of work.
    /// </summary>
    private sealed class Operation(Action<Statements, SqliteTransaction> run)
    {
        public TaskCompletionSource Done { get; } = new();

        public void Run(Statements statements, SqliteTransaction transaction) => run(statements, transaction);
    }

    /// <summary>The writer's connection and its prepared statements.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _insertTag;
        private readonly SqliteCommand _highestAtOrBelow;
        private readonly SqliteCommand _delete;

        public Statements(SqliteConnection connection)
        {
            Connection = connection;
            _insert = Command(SqliteJournalSchema.Insert, "@created", "@pid", "@seq", "@message", "@manifest", "@identifier", "@writer");
            _insertTag = Command(SqliteJournalSchema.InsertTag, "@tag", "@seq", "@pid");
            _highestAtOrBelow = Command(SqliteJournalSchema.HighestAtOrBelow, "@pid", "@to");
            _delete = Command(SqliteJournalSchema.Delete, "@pid", "@seq");
        }

        public SqliteConnection Connection { get; }

        public void CreateTables()
        {
            using var command = Connection.CreateCommand();
            command.CommandText = SqliteJournalSchema.Create;
            command.ExecuteNonQuery();
        }

        public void Insert(SqliteTransaction transaction, IReadOnlyList<JournalRow> rows, long created, string writerUuid)
        {
            var p = _insert.Parameters;
            _insert.Transaction = transaction;
            p[0].Value = created;
            p[6].Value = writerUuid;
            foreach (var row in rows)
            {
                p[1].Value = row.PersistenceId;
                p[2].Value = row.SequenceNr;
                p[3].Value = row.Message;
                p[4].Value = row.Manifest;
                p[5].Value = row.Identifier;
                _insert.ExecuteNonQuery();
                foreach (var tag in row.Tags)
                {
                    _insertTag.Transaction = transaction;
                    _insertTag.Parameters[0].Value = tag;
                    _insertTag.Parameters[1].Value = row.SequenceNr;
                    _insertTag.Parameters[2].Value = row.PersistenceId;
                    _insertTag.ExecuteNonQuery();
                }
            }
        }

        public void Delete(SqliteTransaction transaction, string persistenceId, long toSequenceNr)
        {
            _highestAtOrBelow.Transaction = transaction;
            _highestAtOrBelow.Parameters[0].Value = persistenceId;
            _highestAtOrBelow.Parameters[1].Value = toSequenceNr;
            if (_highestAtOrBelow.ExecuteScalar() is not long highest)
            {
                return;
            }

            _delete.Transaction = transaction;
            _delete.Parameters[0].Value = persistenceId;
            _delete.Parameters[1].Value = highest;
            _delete.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insert.Dispose();
            _insertTag.Dispose();
            _highestAtOrBelow.Dispose();
            _delete.Dispose();
            Connection.Dispose();
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            return command;
        }
    }
}
