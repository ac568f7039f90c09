namespace ActorMq.Cluster.Persistence;

/// <summary>
/// The tables and statements of <see cref="SqliteJournal"/>: exactly Akka.Persistence.Sql 1.5.73's SQLite journal with
/// <c>table-mapping = default</c> (tags in their own table), so a data directory written by either journal is read by
/// the other. What each column holds is written down in <c>bench/notes/sqlite-journal-compatibility.md</c>.
/// </summary>
internal static class SqliteJournalSchema
{
    /// <summary>The plugin's DDL, text for text: <c>IF NOT EXISTS</c> leaves a database either journal made as it is.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS [journal] (
          [ordering]        INTEGER        NOT NULL PRIMARY KEY AUTOINCREMENT,
          [created]         INTEGER        NOT NULL,
          [deleted]         Bit            NOT NULL,
          [persistence_id]  NVarChar(255)  NOT NULL,
          [sequence_number] INTEGER        NOT NULL,
          [message]         VarBinary      NOT NULL,
          [manifest]        NVarChar(500)      NULL,
          [identifier]      INTEGER            NULL,
          [writer_uuid]     NVarChar(128)      NULL );
        CREATE UNIQUE INDEX IF NOT EXISTS journal_uq ON journal (persistence_id, sequence_number);
        CREATE INDEX IF NOT EXISTS journal_created_idx ON journal (created);
        CREATE INDEX IF NOT EXISTS journal_sequence_number_idx ON journal (sequence_number);
        CREATE TABLE IF NOT EXISTS [tags] (
          [ordering_id] INTEGER NOT NULL, [tag] NVarChar(64) NOT NULL,
          [sequence_nr] INTEGER NOT NULL, [persistence_id] NVarChar(255) NOT NULL,
          CONSTRAINT [PK_tags] PRIMARY KEY ([ordering_id], [tag]) );
        CREATE INDEX IF NOT EXISTS tags_persistence_id_sequence_nr_idx ON tags (persistence_id, sequence_nr);
        CREATE INDEX IF NOT EXISTS tags_tag_idx ON tags (tag);
        """;

    /// <summary>One event; <c>ordering</c> is the row id, given by SQLite.</summary>
    public const string Insert = """
        INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
        VALUES (@created, 0, @pid, @seq, @message, @manifest, @identifier, @writer)
        """;

    /// <summary>One tag of the event inserted last.</summary>
    public const string InsertTag = """
        INSERT INTO tags (ordering_id, tag, sequence_nr, persistence_id) VALUES (last_insert_rowid(), @tag, @seq, @pid)
        """;

    /// <summary>
    /// The highest sequence number at or below a delete's bound (deleted rows included: the plugin keeps the highest
    /// deleted row as a tombstone, so that the highest sequence number survives).
    /// </summary>
    public const string HighestAtOrBelow = """
        SELECT sequence_number FROM journal WHERE persistence_id = @pid AND sequence_number <= @to ORDER BY sequence_number DESC LIMIT 1
        """;

    /// <summary>A delete: the highest deleted row stays as a tombstone, everything below it goes, with its tags.</summary>
    public const string Delete = """
        UPDATE journal SET deleted = 1 WHERE persistence_id = @pid AND sequence_number = @seq;
        DELETE FROM journal WHERE persistence_id = @pid AND sequence_number < @seq;
        DELETE FROM tags WHERE sequence_nr < @seq AND persistence_id = @pid;
        """;

    /// <summary>The highest sequence number written above <c>@from</c>, deleted rows included; NULL when none.</summary>
    public const string Highest = """
        SELECT MAX(sequence_number) FROM journal WHERE persistence_id = @pid AND sequence_number > @from
        """;

    /// <summary>One page of a replay, in sequence order, without deleted rows.</summary>
    public const string Replay = """
        SELECT sequence_number, message, manifest, identifier, writer_uuid, created FROM journal
        WHERE persistence_id = @pid AND sequence_number >= @from AND sequence_number <= @to AND deleted = 0
        ORDER BY sequence_number LIMIT @limit
        """;
}
