using ActorMq.Engine.Deciders;

namespace ActorMq.Engine;

/// <summary>
/// The queue engine: <c>command + state + now → events</c> (<see cref="Decide"/>) and <c>state + event → state</c>
/// (<see cref="Apply"/>). It never reads the clock: the caller passes <c>now</c>.
/// </summary>
public static class QueueEngine
{
    /// <summary>
    /// Decides what <paramref name="command"/> means at <paramref name="now"/>: events, or an error and no events.
    /// Pure: the state is not changed. Expects a state already brought up to <paramref name="now"/> by a
    /// <see cref="Tick"/> (as <see cref="Execute"/> does), except for <see cref="Tick"/> itself.
    /// <paramref name="entropy"/> goes into lease tokens so they cannot be guessed: the node passes a random number;
    /// tests may pass any constant and stay deterministic.
    /// </summary>
    public static Plan Decide(QueueState state, QueueCommand command, DateTimeOffset now, ulong entropy = 0)
    {
        var p = new Planner(state, now, entropy);
        return command switch
        {
            Tick => ClockDecider.Tick(p),
            Publish c => PublishDecider.Publish(p, c),
            Receive c => DeliveryDecider.Receive(p, c),
            Pop c => DeliveryDecider.Pop(p, c),
            Ack c => DeliveryDecider.Ack(p, c),
            Nack c => DeliveryDecider.Nack(p, c),
            Extend c => DeliveryDecider.Extend(p, c),
            EditMessage c => EditDecider.Edit(p, c),
            CancelMessage c => EditDecider.Cancel(p, c),
            ConfigureQueue c => AdminDecider.Configure(p, c),
            DeleteQueue => AdminDecider.Delete(p),
            Purge => AdminDecider.Purge(p),
            SweepExpired => ClockDecider.SweepExpired(p),
            AcceptTransfers c => TransferDecider.Accept(p, c),
            ConfirmTransfers c => TransferDecider.Confirm(p, c),
            Redrive c => TransferDecider.Redrive(p, c),
            StartParking c => ScheduleDecider.StartParking(p, c),
            ConfirmParked c => ScheduleDecider.ConfirmParked(p, c),
            Unpark c => ScheduleDecider.Unpark(p, c),
            CloseBucket c => ScheduleDecider.CloseBucket(p, c),
            _ => throw new ArgumentException($"unknown command {command.GetType().Name}", nameof(command)),
        };
    }

    /// <summary>Applies one event to the state and returns it (the same instance, changed in place).</summary>
    public static QueueState Apply(QueueState state, IQueueEvent e) => state.Apply(e);

    /// <summary>
    /// Brings the state up to <paramref name="now"/>, decides <paramref name="command"/> and applies its events. The
    /// decision lists every event applied (time's own first), to be persisted in that order; on error only time's own.
    /// </summary>
    public static Decision Execute(QueueState state, QueueCommand command, DateTimeOffset now, ulong entropy = 0)
    {
        var events = new List<IQueueEvent>();
        if (command is not Tick && state.NextChangeAt() <= now)
        {
            ApplyAll(state, Decide(state, Tick.Instance, now).Events, events);
        }

        var plan = Decide(state, command, now, entropy);
        if (plan.Error is not null)
        {
            return new Decision(events, null, plan.Error);
        }

        ApplyAll(state, plan.Events, events);
        return new Decision(events, plan.Reply(state), null);
    }

    /// <summary>The earliest instant at which the state changes by itself; the one timer a queue needs.</summary>
    public static DateTimeOffset? NextChangeAt(QueueState state) => state.NextChangeAt();

    private static void ApplyAll(QueueState state, IReadOnlyList<IQueueEvent> source, List<IQueueEvent> applied)
    {
        foreach (var e in source)
        {
            state.Apply(e);
            applied.Add(e);
        }
    }
}
