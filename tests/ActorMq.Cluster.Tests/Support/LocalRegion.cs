using Akka.Actor;
using Akka.Cluster.Sharding;

namespace ActorMq.Cluster.Tests.Support;

/// <summary>
/// A one-node stand-in for a shard region in TestKit specs: starts an entity per id on its first message, forwards
/// with the sender kept, and honours <see cref="Passivate"/> the way a shard does — the entity gets its stop message,
/// and what arrives meanwhile waits for, and then starts, a new incarnation that recovers from the journal.
/// </summary>
public sealed class LocalRegion : ReceiveActor
{
    private readonly Func<object, string?> _entityId;
    private readonly Func<string, Props> _props;
    private readonly Dictionary<string, IActorRef> _entities = [];
    private readonly Dictionary<IActorRef, string> _ids = [];
    private readonly Dictionary<string, List<(object Message, IActorRef Sender)>> _waiting = [];
    private int _incarnation;

    public LocalRegion(Func<object, string?> entityId, Func<string, Props> props)
    {
        _entityId = entityId;
        _props = props;

        Receive<Passivate>(p =>
        {
            if (_ids.TryGetValue(Sender, out var id))
            {
                Stop(id, p.StopMessage);
            }
        });
        Receive<StopEntity>(s => Stop(s.Id, s.StopMessage));
        Receive<To>(t => Route(t.Id, t.Message, Sender));
        Receive<Terminated>(t =>
        {
            if (!_ids.Remove(t.ActorRef, out var id))
            {
                return;
            }

            _entities.Remove(id);
            if (_waiting.Remove(id, out var waiting) && waiting.Count > 0)
            {
                foreach (var (message, sender) in waiting)
                {
                    Deliver(id, message, sender);
                }
            }
        });
        ReceiveAny(message =>
        {
            if (_entityId(message) is { } id)
            {
                Route(id, message, Sender);
            }
            else
            {
                Unhandled(message);
            }
        });
    }

    public static Props Props(Func<object, string?> entityId, Func<string, Props> props) =>
        Akka.Actor.Props.Create(() => new LocalRegion(entityId, props));

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
}
