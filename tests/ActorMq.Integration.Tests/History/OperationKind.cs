namespace ActorMq.Integration.Tests.History;

/// <summary>What an operation of the history does.</summary>
public enum OperationKind
{
    /// <summary>Publish one message, with a client id that is also its dedup id.</summary>
    Publish,

    /// <summary>Receive (lease) up to a number of messages.</summary>
    Receive,

    /// <summary>Ack one message with the token of its lease.</summary>
    Ack,
}
