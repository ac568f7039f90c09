using Akka.Configuration;
using Akka.Dispatch;

namespace ActorMq.Cluster.Hosting;

/// <summary>
/// Runs an actor's mailbox on the thread that sent it a message, instead of waking a pool thread for it. For actors
/// that only route (the shard regions and shards between the HTTP endpoints and a queue): their work per message is a
/// lookup and a Tell, far less than the wake-up of a thread it would otherwise cost on each hop. A mailbox is still run
/// by one thread at a time; a message sent while it runs waits for that thread's loop.
/// </summary>
public sealed class InlineDispatcher(MessageDispatcherConfigurator configurator) : MessageDispatcher(configurator)
{
    /// <inheritdoc />
    protected override void ExecuteTask(IRunnable run) => run.Run();

    /// <inheritdoc />
    protected override void Shutdown()
    {
    }
}

/// <summary>Makes the <see cref="InlineDispatcher"/> of a dispatcher's HOCON (<c>type = "…InlineDispatcherConfigurator, ActorMq.Cluster"</c>).</summary>
public sealed class InlineDispatcherConfigurator : MessageDispatcherConfigurator
{
    private readonly InlineDispatcher _dispatcher;

    /// <summary>Called by Akka with the dispatcher's HOCON.</summary>
    public InlineDispatcherConfigurator(Config config, IDispatcherPrerequisites prerequisites)
        : base(config, prerequisites) => _dispatcher = new InlineDispatcher(this);

    /// <inheritdoc />
    public override MessageDispatcher Dispatcher() => _dispatcher;
}
