using System.Globalization;

namespace ActorMq.Engine.Tests.Properties;

/// <summary>What one step did: the command as sent, the decision, and the states around it.</summary>
/// <param name="Index">Position of the step in the scenario.</param>
/// <param name="Step">The step as generated.</param>
/// <param name="Now">The virtual instant the command ran at.</param>
/// <param name="Command">The resolved command.</param>
/// <param name="Decision">What <see cref="QueueEngine.Execute"/> returned.</param>
/// <param name="Before">A copy of the state before the step (before its tick), when the property asked for one.</param>
/// <param name="SettingsBefore">The settings the harness configured, as of before the step; null while the queue did not exist.</param>
/// <param name="TotalsBefore">The engine's totals before the step.</param>
/// <param name="State">The live state after the step.</param>
internal sealed record StepContext(
    int Index,
    Step Step,
    DateTimeOffset Now,
    QueueCommand Command,
    Decision Decision,
    QueueState? Before,
    QueueSettings? SettingsBefore,
    QueueTotals TotalsBefore,
    QueueState State)
{
    public string Describe() =>
        $"step [{Index}] at t={Fmt.Since(Now)} {Step.Op} -> {(Decision.Error is { } e ? $"error {e.Kind} ({e.Detail})" : Describe(Decision.Reply))}";

    private static string Describe(QueueReply? reply) => reply switch
    {
        Delivered d => $"Delivered[{string.Join(", ", d.Messages.Select(m => $"{m.Id}(p={m.Priority},seq={m.Seq})"))}]",
        Published p => $"Published[{string.Join(", ", p.Results.Select(r => r.Duplicate ? $"{r.Id}(dup)" : r.Id))}]",
        Acked a => $"Acked[{string.Join(", ", a.Results.Select(r => r.Error is null ? $"{r.Id}:ok" : $"{r.Id}:{r.Error.Kind}"))}]",
        _ => reply?.ToString() ?? "null",
    };
}

/// <summary>A property was violated at some step.</summary>
public sealed class PropertyViolation(string message) : Exception(message);

internal static class Verify
{
    public static void That(bool ok, StepContext ctx, Func<string> what)
    {
        if (!ok)
        {
            throw new PropertyViolation($"{ctx.Describe()}{Environment.NewLine}  VIOLATION: {what()}");
        }
    }

    public static void That(bool ok, Func<string> what)
    {
        if (!ok)
        {
            throw new PropertyViolation($"VIOLATION: {what()}");
        }
    }
}

/// <summary>
/// Runs a scenario against one <see cref="QueueState"/> on a virtual clock that starts at a fixed instant. Resolves
/// each step's references (leases, message ids) from what earlier replies returned, and hands every step to a check.
/// </summary>
internal sealed class Harness
{
    public const string QueueName = "orders";

    public static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<LeaseRef> _granted = [];
    private readonly List<string> _knownIds = [.. Enumerable.Range(0, ScenarioGen.ClientIdPool).Select(ClientId)];
    private readonly HashSet<string> _known = new(StringComparer.Ordinal);

    private Harness() => _known.UnionWith(_knownIds);

    public QueueState State { get; } = new(QueueName);

    public DateTimeOffset Now { get; private set; } = Start;

    /// <summary>Every event of every decision, in order: the journal.</summary>
    public List<IQueueEvent> Journal { get; } = [];

    /// <summary>The settings the harness configured; null while the queue does not exist.</summary>
    public QueueSettings? Settings { get; private set; }

    /// <summary>Runs <paramref name="scenario"/>, calling <paramref name="check"/> after every step.</summary>
    public static Harness Run(Scenario scenario, Action<StepContext> check, bool copyBefore = false)
    {
        var harness = new Harness();
        for (var i = 0; i < scenario.Steps.Count; i++)
        {
            check(harness.Execute(i, scenario.Steps[i], copyBefore));
        }

        return harness;
    }

    public static string ClientId(int index) => "c" + index.ToString(CultureInfo.InvariantCulture);

    public static QueueState Copy(QueueState state) => QueueState.FromSnapshot(state.ToSnapshot());

    private StepContext Execute(int index, Step step, bool copyBefore)
    {
        Now = step.Jump switch
        {
            Jump.NextChange => Latest(Now, QueueEngine.NextChangeAt(State)),
            Jump.NextExpiry => Latest(Now, State.ToSnapshot().Messages.Select(m => m.ExpiresAt).Where(at => at > Now).Min()),
            _ => Now + TimeSpan.FromMilliseconds(step.AdvanceMs),
        };
        var command = Resolve(step.Op);
        var before = copyBefore ? Copy(State) : null;
        var settingsBefore = Settings;
        var totalsBefore = State.Totals;
        var decision = QueueEngine.Execute(State, command, Now);
        Journal.AddRange(decision.Events);
        Learn(command, decision);
        return new StepContext(index, step, Now, command, decision, before, settingsBefore, totalsBefore, State);
    }

    private static DateTimeOffset Latest(DateTimeOffset now, DateTimeOffset? target) => target > now ? target.Value : now;

    private void Learn(QueueCommand command, Decision decision)
    {
        if (decision.Error is not null)
        {
            return;
        }

        switch (command, decision.Reply)
        {
            case (Publish, Published published):
                Settings ??= QueueSettings.Default;
                foreach (var r in published.Results)
                {
                    if (_known.Add(r.Id))
                    {
                        _knownIds.Add(r.Id);
                    }
                }

                break;
            case (Receive, Delivered delivered):
                _granted.AddRange(delivered.Messages.Select(m => new LeaseRef(m.Id, m.Lease!.Value.Token)));
                break;
            case (ConfigureQueue c, _):
                Settings = c.Settings;
                break;
            case (DeleteQueue, _):
                Settings = null;
                break;
            default:
                break;
        }
    }

    private QueueCommand Resolve(Op op) => op switch
    {
        PublishOp p => new Publish([.. p.Messages.Select(ToRequest)], p.AutoCreate),
        ReceiveOp r => new Receive(r.Max, Seconds(r.VisibilitySeconds)),
        PopOp p => new Pop(p.Max),
        AckOp a => new Ack([.. a.Picks.Select(Lease)]),
        NackOp n => Nack(Lease(n.Pick), n),
        ExtendOp x => Extend(Lease(x.Pick), x),
        EditOp e => Edit(e),
        CancelOp c => new CancelMessage(Target(c.Target), IfMatch(Target(c.Target), c.IfMatch)),
        PurgeOp => Purge.Instance,
        DeleteOp => DeleteQueue.Instance,
        SweepOp => SweepExpired.Instance,
        TickOp => Tick.Instance,
        ConfirmOp c => new ConfirmTransfers([.. State.Outbox.Select(t => t.Message.TransferId).Order(StringComparer.Ordinal).Take(c.Count)]),
        ConfigureOp c => new ConfigureQueue(c.Settings),
        _ => throw new ArgumentException($"unknown op {op}", nameof(op)),
    };

    private static Nack Nack(LeaseRef lease, NackOp n) => new(lease.Id, lease.Token, Seconds(n.DelaySeconds), n.DeadLetter);

    private static Extend Extend(LeaseRef lease, ExtendOp x) => new(lease.Id, lease.Token, Seconds(x.VisibilitySeconds));

    private EditMessage Edit(EditOp e)
    {
        var id = Target(e.Target);
        var patch = new MessagePatch
        {
            Priority = e.Priority,
            DeliverAt = e.Timing is Timing.DeliverAt or Timing.Both ? Now + TimeSpan.FromSeconds(e.TimingSeconds) : null,
            Delay = e.Timing is Timing.Delay or Timing.Both ? TimeSpan.FromSeconds(e.TimingSeconds) : null,
        };
        return new EditMessage(id, patch, IfMatch(id, e.IfMatch));
    }

    private PublishRequest ToRequest(MsgSpec m, int index) => new()
    {
        Id = m.ClientId is { } c ? ClientId(c) : null,
        Body = MessageBody.Json(string.Create(CultureInfo.InvariantCulture, $"{{\"t\":{(Now - Start).TotalMilliseconds},\"n\":{index}}}")),
        Priority = m.Priority,
        DeliverAt = m.Timing is Timing.DeliverAt or Timing.Both ? Now + TimeSpan.FromSeconds(m.TimingSeconds) : null,
        Delay = m.Timing is Timing.Delay or Timing.Both ? TimeSpan.FromSeconds(m.TimingSeconds) : null,
        Ttl = Seconds(m.TtlSeconds),
        DedupId = m.DedupId is { } d ? "d" + d.ToString(CultureInfo.InvariantCulture) : null,
    };

    private static TimeSpan? Seconds(int? seconds) => seconds is { } s ? TimeSpan.FromSeconds(s) : null;

    /// <summary>The message id a target names. Live targets peek at the state only to choose; nothing is asserted from it.</summary>
    private string Target(Target target)
    {
        if (target.Live && State.LiveCount > 0)
        {
            var live = State.ToSnapshot().Messages;
            return live[target.Index % live.Count].Id;
        }

        return _knownIds[target.Index % _knownIds.Count];
    }

    /// <summary>The lease a pick names. Live picks peek at the state only to choose; nothing is asserted from it.</summary>
    private LeaseRef Lease(LeasePick pick)
    {
        if (_granted.Count == 0)
        {
            return new LeaseRef(ClientId(0), "0");
        }

        var live = _granted.Where(IsCurrent).ToList();
        return pick.Mode switch
        {
            LeaseMode.Live when live.Count > 0 => live[pick.Index % live.Count],
            LeaseMode.Forged when live.Count > 0 => live[pick.Index % live.Count] with { Token = live[pick.Index % live.Count].Token + "~forged" },
            _ => _granted[pick.Index % _granted.Count],
        };
    }

    private bool IsCurrent(LeaseRef lease) =>
        State.Find(lease.Id)?.Lease is { } current && current.Token == lease.Token && current.ExpiresAt > Now;

    /// <summary>The version to send as If-Match: the message's version once the clock is brought up to now, or a wrong one.</summary>
    private long? IfMatch(string id, IfMatchMode mode)
    {
        if (mode == IfMatchMode.None)
        {
            return null;
        }

        var ticked = Copy(State);
        QueueEngine.Execute(ticked, Tick.Instance, Now);
        var version = ticked.Find(id)?.Version;
        return mode == IfMatchMode.Current ? version ?? 1 : (version ?? 0) + 1000;
    }
}
