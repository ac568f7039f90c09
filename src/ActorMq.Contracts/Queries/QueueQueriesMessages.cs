using ActorMq.Engine;

namespace ActorMq.Contracts.Queries;

/// <summary>Settings, counts and totals of a queue; answered with <see cref="QueueFound"/> or NotFound.</summary>
public sealed record GetQueue(string Queue) : IQueueMessage;

/// <summary>One live message with its state and version; answered with <see cref="MessageFound"/> or NotFound.</summary>
public sealed record GetMessage(string Queue, string Id) : IQueueMessage;

/// <summary>A page of messages in one state, in delivery order; answered with <see cref="MessagesBrowsed"/>.</summary>
public sealed record BrowseMessages(string Queue, MessageState State, int Limit, string? After) : IQueueMessage;

/// <summary>A queue's description.</summary>
public sealed record QueueFound(QueueInfo Queue) : QueueReply;

/// <summary>A live message.</summary>
public sealed record MessageFound(StoredMessage Message) : QueueReply;

/// <summary>A browse page.</summary>
public sealed record MessagesBrowsed(BrowsePage Page) : QueueReply;

/// <summary>
/// Every queue: the catalog answers with the names (<see cref="Persistence.CatalogSnapshot"/>); a gateway answers its
/// clients with <see cref="QueueList"/>.
/// </summary>
public sealed record ListQueues : IActorMqMessage
{
    /// <summary>The one instance.</summary>
    public static readonly ListQueues Instance = new();

    private ListQueues()
    {
    }
}

/// <summary>The queues, by name.</summary>
public sealed record QueueList(IReadOnlyList<QueueInfo> Queues) : IActorMqMessage;
