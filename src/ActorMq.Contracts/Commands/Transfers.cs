using ActorMq.Engine;

namespace ActorMq.Contracts.Commands;

/// <summary>
/// Messages that <paramref name="SourceQueue"/> moves into <paramref name="Queue"/> (dead letters, or a redrive).
/// The target stores them idempotently and answers the sender with <see cref="TransfersStored"/>; the source re-sends
/// until it hears that answer.
/// </summary>
public sealed record TransferBatch(string Queue, string SourceQueue, IReadOnlyList<TransferMessage> Messages) : IQueueMessage;

/// <summary>The target queue <paramref name="Queue"/> has persisted these transfers of <paramref name="SourceQueue"/>.</summary>
public sealed record TransfersStored(string SourceQueue, string Queue, IReadOnlyList<string> TransferIds) : IActorMqMessage;

/// <summary>The answer to a <see cref="Redrive"/> once every moved message is stored in its target queue.</summary>
public sealed record Redriven(int Moved) : QueueReply;
