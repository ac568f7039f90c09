namespace ActorMq.Cluster.Persistence;

/// <summary>One event as the journal table holds it: serialized by the serializer Akka binds to its type.</summary>
/// <param name="PersistenceId">The writer's persistence id.</param>
/// <param name="SequenceNr">The event's sequence number.</param>
/// <param name="Message">The serialized event.</param>
/// <param name="Manifest">The serializer's manifest, <c>""</c> when it has none.</param>
/// <param name="Identifier">The serializer's id.</param>
/// <param name="Tags">The event's tags (usually none).</param>
internal sealed record JournalRow(string PersistenceId, long SequenceNr, byte[] Message, string Manifest, int Identifier, IReadOnlyCollection<string> Tags);
