using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorMq.TestKit.Regions;

/// <summary>
/// A one-node stand-in for a shard region: starts an entity per id on its first message and forwards with the sender
/// kept; honours <see cref="Passivate"/> as a shard does (the entity gets its stop message; what arrives meanwhile
/// waits for a new incarnation, which recovers from the journal). Reports what it routes to a
/// <see cref="ScheduleTraffic"/> when given one, answers <see cref="Sync"/> with the ids of its live entities, delivers
/// <see cref="To"/> to an entity named explicitly, and stops one on <see cref="StopEntity"/> as a hand-off does. Also
/// what ActorMq's own actor specs use in place of sharding.
/// </summary>
internal sealed class TestRegionActor : ReceiveActor
{
    private readonly Func<object, string?> _entityId;
    private readonly Func<string, Props> _props;
    private readonly ScheduleTraffic? _traffic;
    private readonly Dictionary<string, IActorRef> _entities = [];
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _waiting = [];
    private int _incarnation;

    public TestRegionActor(Func<object, string?> entityId, Func<string, Props> props, ScheduleTraffic? traffic = null)
    {
        _entityId = entityId;
        _props = props;
        _traffic = traffic;

        Receive<Passivate>(p =>
        {
            if (_ids.TryGetValue(Sender, out var id))
            {
                Stop(id, p.StopMessage);
            }
        });
        Receive<StopEntity>(s => Stop(s.Id, s.StopMessage));
        Receive<To>(t => Route(t.Id, t.Message, Sender));
        Receive<Sync>(_ => Sender.Tell(new Synced(_entities.Keys.ToArray())));
        Receive<Terminated>(t =>
        {
            if (!_ids.Remove(t.ActorRef, out var id))
            {
                return;
            }

            _entities.Remove(id);
            if (_waiting.Remove(id, out var waiting))
            {
                foreach (var (message, sender) in waiting)
                {
                    Deliver(id, message, sender);
                }
            }
        });
        ReceiveAny(message =>
        {
            if (_entityId(message) is not { } id)
            {
                Unhandled(message);
                return;
            }

            _traffic?.Observe(message);
            Route(id, message, Sender);
        });
    }

    public static Props Props(Func<object, string?> entityId, Func<string, Props> props, ScheduleTraffic? traffic = null) =>
        Akka.Actor.Props.Create(() => new TestRegionActor(entityId, props, traffic));

    private void Route(string id, object message, IActorRef sender)
    {
        if (_waiting.TryGetValue(id, out var waiting))
        {
            waiting.Add((message, sender));
        }
        else
        {
            Deliver(id, message, sender);
        }
    }

    private void Stop(string id, object stopMessage)
    {
        if (_entities.TryGetValue(id, out var entity) && !_waiting.ContainsKey(id))
        {
            _waiting[id] = [];
            entity.Tell(stopMessage);
        }
    }

    private void Deliver(string id, object message, IActorRef sender)
    {
        if (!_entities.TryGetValue(id, out var entity))
        {
            entity = Context.ActorOf(_props(id), $"{Uri.EscapeDataString(id)}-{++_incarnation}");
            Context.Watch(entity);
            _entities[id] = entity;
            _ids[entity] = id;
        }

        entity.Tell(message, sender);
    }

    /// <summary>Delivers <paramref name="Message"/> to entity <paramref name="Id"/>, for messages that do not name it.</summary>
    public sealed record To(string Id, object Message);

    /// <summary>Stops entity <paramref name="Id"/> as sharding does on hand-off: its stop message, then a new incarnation on demand.</summary>
    public sealed record StopEntity(string Id, object StopMessage);

    /// <summary>Asks for the live entities, after everything sent to the region before.</summary>
    public sealed record Sync
    {
        public static readonly Sync Instance = new();
    }

    /// <summary>The ids of the live entities.</summary>
    public sealed record Synced(IReadOnlyList<string> Entities);
}
