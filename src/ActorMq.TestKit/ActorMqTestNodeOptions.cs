namespace ActorMq.TestKit;

/// <summary>How an <see cref="ActorMqTestNode"/> behaves where a real node takes node options.</summary>
public sealed class ActorMqTestNodeOptions
{
    /// <summary>Whether a publish to a missing queue creates it (the node option <c>--auto-create-queues</c>). Default true.</summary>
    public bool AutoCreateQueues { get; set; } = true;

    /// <summary>
    /// How long, in real time, a client request may wait for its answer, and <see cref="ActorMqTestNode.SettleAsync"/>
    /// for the node to settle. Default 10 s: the in-process node answers in milliseconds, so this only bounds a test
    /// that went wrong.
    /// </summary>
    public TimeSpan RealTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
