using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Persistence;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using Akka.Actor;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// One queue listing for one client: asks the catalog for the names, asks each queue for its description, answers
/// the client with a <see cref="QueueList"/> by name (queues deleted meanwhile are left out), and
/// stops. Answers Unavailable if the answers are not all in within the gateway's request timeout.
/// </summary>
public sealed class QueueListActor : ReceiveActor, IWithTimers
{
    private const string DeadlineKey = "deadline";

    private readonly List<QueueInfo> _found = [];
    private readonly IActorRef _catalog;
    private readonly TimeSpan _timeout;
    private int _pending = -1;

    /// <summary>Creates the listing and sends its first question.</summary>
    public QueueListActor(IActorRef queues, IActorRef catalog, IActorRef replyTo, TimeSpan timeout)
    {
        _catalog = catalog;
        _timeout = timeout;
        Receive<CatalogSnapshot>(names =>
        {
            _pending = names.Queues.Count;
            foreach (var name in names.Queues)
            {
                queues.Tell(new GetQueue(name));
            }

            ReplyIfDone(replyTo);
        });
        Receive<QueueResponse>(response =>
        {
            if (response.Reply is QueueFound found)
            {
                _found.Add(found.Queue);
            }

            _pending--;
            ReplyIfDone(replyTo);
        });
        Receive<Deadline>(_ =>
        {
            replyTo.Tell(QueueResponse.Fail(new QueueError(
                ErrorKind.Unavailable, null, $"the queue list was not complete within {timeout.TotalSeconds:0.#} s; the cluster may be rebalancing. Retry.")));
            Context.Stop(Self);
        });
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Props of one listing.</summary>
    public static Props Props(IActorRef queues, IActorRef catalog, IActorRef replyTo, TimeSpan timeout) =>
        Akka.Actor.Props.Create(() => new QueueListActor(queues, catalog, replyTo, timeout));

    /// <inheritdoc />
    protected override void PreStart()
    {
        Timers.StartSingleTimer(DeadlineKey, Deadline.Instance, _timeout);
        _catalog.Tell(ListQueues.Instance);
    }

    private void ReplyIfDone(IActorRef replyTo)
    {
        if (_pending != 0)
        {
            return;
        }

        replyTo.Tell(new QueueList(_found.OrderBy(q => q.Name, StringComparer.Ordinal).ToArray()));
        Context.Stop(Self);
    }

    private sealed record Deadline
    {
        public static readonly Deadline Instance = new();
    }
}
