using FsCheck;
using FsCheck.Fluent;

namespace ActorMq.Engine.Tests.Properties;

/// <summary>Registers the scenario generator and shrinker with FsCheck (<c>Arbitrary = [typeof(ScenarioArbitrary)]</c>).</summary>
public static class ScenarioArbitrary
{
    /// <summary>Random scenarios of 50-200 steps, shrunk by dropping steps and simplifying them.</summary>
    public static Arbitrary<Scenario> Scenarios() => Arb.From(ScenarioGen.Scenario, ScenarioShrink.Shrink);
}

/// <summary>Generators of steps: small pools of ids, dedupIds and priorities, so that collisions and ties happen.</summary>
internal static class ScenarioGen
{
    public const int ClientIdPool = 6;
    public const int DedupIdPool = 4;

    public static readonly Gen<Scenario> Scenario =
        from count in Gen.Choose(50, 200)
        from steps in Gen.ArrayOf(StepGen(), count)
        select new Scenario(steps);

    private static Gen<Step> StepGen() =>
        from jump in Gen.Frequency((88, Gen.Constant(Jump.None)), (8, Gen.Constant(Jump.NextChange)), (4, Gen.Constant(Jump.NextExpiry)))
        from advance in jump == Jump.None ? Advance() : Gen.Constant(0)
        from op in OpGen()
        select new Step(advance, op, jump);

    /// <summary>Milliseconds: often 0, mostly whole seconds (so instants coincide), sometimes minutes, sometimes fractions.</summary>
    private static Gen<int> Advance() => Gen.Frequency(
        (25, Gen.Constant(0)),
        (35, Gen.Choose(1, 10).Select(s => s * 1000)),
        (18, Gen.Choose(10, 60).Select(s => s * 1000)),
        (4, Gen.Choose(60, 300).Select(s => s * 1000)),
        (12, Gen.Choose(1, 5000)));

    private static Gen<Op> OpGen() => Gen.Frequency(
        (30, Publish()),
        (18, Receive()),
        (5, Pop()),
        (12, Ack()),
        (6, Nack()),
        (5, Extend()),
        (7, Edit()),
        (4, Cancel()),
        (1, Gen.Constant<Op>(new PurgeOp())),
        (1, Gen.Constant<Op>(new DeleteOp())),
        (3, Gen.Constant<Op>(new SweepOp())),
        (4, Configure()),
        (3, Gen.Constant<Op>(new TickOp())),
        (2, Gen.Choose(1, 3).Select(n => (Op)new ConfirmOp(n))));

    private static Gen<Op> Publish() =>
        from count in Gen.Frequency((50, Gen.Constant(1)), (25, Gen.Constant(2)), (15, Gen.Constant(3)), (10, Gen.Choose(4, 5)))
        from messages in Gen.ArrayOf(Message(), count)
        from autoCreate in Gen.Frequency((92, Gen.Constant(true)), (8, Gen.Constant(false)))
        select (Op)new PublishOp(messages, autoCreate);

    private static Gen<MsgSpec> Message() =>
        from clientId in Maybe(Gen.Choose(0, ClientIdPool - 1), 25)
        from priority in Gen.Frequency(
            (150, Gen.Constant((int?)null)),
            (835, Gen.Choose(0, 12).Select(p => (int?)p)),
            (15, Gen.Constant((int?)-1)))
        from timing in TimingGen(bothWeight: 1)
        from ttl in Maybe(Gen.Choose(1, 600), 30)
        from dedup in Maybe(Gen.Choose(0, DedupIdPool - 1), 30)
        select new MsgSpec(clientId, priority, timing.Timing, timing.Seconds, ttl, dedup);

    private static Gen<(Timing Timing, int Seconds)> TimingGen(int bothWeight) => Gen.Frequency(
        (60, Gen.Constant((Timing.None, 0))),
        (18, Gen.Choose(-60, 300).Select(s => (Timing.DeliverAt, s))),
        (18, Gen.Frequency((3, Gen.Constant(0)), (17, Gen.Choose(1, 300))).Select(s => (Timing.Delay, s))),
        (bothWeight, Gen.Choose(0, 60).Select(s => (Timing.Both, s))));

    private static Gen<Op> Receive() =>
        from max in Gen.Frequency((97, Gen.Choose(1, 5)), (3, Gen.Constant(0)))
        from visibility in Gen.Frequency(
            (20, Gen.Constant((int?)null)),
            (78, Gen.Choose(1, 120).Select(v => (int?)v)),
            (2, Gen.Constant((int?)0)))
        select (Op)new ReceiveOp(max, visibility);

    private static Gen<Op> Pop() =>
        Gen.Frequency((97, Gen.Choose(1, 5)), (3, Gen.Constant(0))).Select(max => (Op)new PopOp(max));

    private static Gen<LeasePick> Pick() =>
        from mode in Gen.Frequency(
            (70, Gen.Constant(LeaseMode.Live)),
            (22, Gen.Constant(LeaseMode.Any)),
            (8, Gen.Constant(LeaseMode.Forged)))
        from index in Gen.Choose(0, 1000)
        select new LeasePick(mode, index);

    private static Gen<Op> Ack() =>
        from count in Gen.Frequency((70, Gen.Constant(1)), (20, Gen.Constant(2)), (10, Gen.Constant(3)))
        from picks in Gen.ArrayOf(Pick(), count)
        select (Op)new AckOp(picks);

    private static Gen<Op> Nack() =>
        from pick in Pick()
        from delay in Gen.Frequency(
            (40, Gen.Constant((int?)null)),
            (20, Gen.Constant((int?)0)),
            (38, Gen.Choose(1, 60).Select(d => (int?)d)),
            (2, Gen.Constant((int?)-1)))
        from deadLetter in Gen.Frequency((85, Gen.Constant(false)), (15, Gen.Constant(true)))
        select (Op)new NackOp(pick, delay, deadLetter);

    private static Gen<Op> Extend() =>
        from pick in Pick()
        from visibility in Gen.Frequency(
            (30, Gen.Constant((int?)null)),
            (68, Gen.Choose(1, 120).Select(v => (int?)v)),
            (2, Gen.Constant((int?)0)))
        select (Op)new ExtendOp(pick, visibility);

    private static Gen<IfMatchMode> IfMatch() => Gen.Frequency(
        (70, Gen.Constant(IfMatchMode.None)),
        (20, Gen.Constant(IfMatchMode.Current)),
        (10, Gen.Constant(IfMatchMode.Wrong)));

    private static Gen<Target> TargetGen() =>
        from live in Gen.Frequency((75, Gen.Constant(true)), (25, Gen.Constant(false)))
        from index in Gen.Choose(0, 1000)
        select new Target(live, index);

    private static Gen<Op> Edit() =>
        from target in TargetGen()
        from priority in Gen.Frequency(
            (48, Gen.Constant((int?)null)),
            (50, Gen.Choose(0, 12).Select(p => (int?)p)),
            (2, Gen.Constant((int?)-1)))
        from timing in TimingGen(bothWeight: 4)
        from ifMatch in IfMatch()
        select (Op)new EditOp(target, priority, timing.Timing, timing.Seconds, ifMatch);

    private static Gen<Op> Cancel() =>
        from target in TargetGen()
        from ifMatch in IfMatch()
        select (Op)new CancelOp(target, ifMatch);

    private static Gen<Op> Configure() =>
        from maxReceives in Gen.Choose(0, 4)
        from retryDelay in Gen.Frequency((40, Gen.Constant(0)), (60, Gen.Choose(1, 30)))
        from ttl in Maybe(Gen.Choose(30, 600), 30)
        from deadLetterExpired in Gen.Elements(false, true)
        from visibility in Gen.Frequency((30, Gen.Constant(30)), (70, Gen.Choose(5, 60)))
        from dedupWindow in Gen.Elements(0, 60, 300, 300)
        from defaultPriority in Gen.Elements(5, 100)
        from maxDepth in Maybe(Gen.Choose(3, 30), 15)
        select (Op)new ConfigureOp(maxReceives, retryDelay, ttl, deadLetterExpired, visibility, dedupWindow, defaultPriority, maxDepth);

    private static Gen<int?> Maybe(Gen<int> gen, int percentSome) => Gen.Frequency(
        (100 - percentSome, Gen.Constant((int?)null)),
        (percentSome, gen.Select(x => (int?)x)));
}

/// <summary>
/// Shrinks a failing scenario: drop runs of steps (halves, quarters, ... single steps), then zero or halve clock
/// advances, then simplify single commands (fewer messages, fewer options).
/// </summary>
internal static class ScenarioShrink
{
    public static IEnumerable<Scenario> Shrink(Scenario scenario)
    {
        var steps = scenario.Steps;
        for (var chunk = steps.Count / 2; chunk >= 1; chunk /= 2)
        {
            for (var start = 0; start + chunk <= steps.Count; start += chunk)
            {
                yield return new Scenario([.. steps.Take(start), .. steps.Skip(start + chunk)]);
            }
        }

        // Drop one step but keep the clock of the steps after it where they were.
        for (var i = 0; i + 1 < steps.Count; i++)
        {
            if (steps[i].AdvanceMs != 0 && steps[i + 1].Jump == Jump.None)
            {
                var next = steps[i + 1] with { AdvanceMs = steps[i].AdvanceMs + steps[i + 1].AdvanceMs };
                yield return new Scenario([.. steps.Take(i), next, .. steps.Skip(i + 2)]);
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Jump != Jump.None)
            {
                yield return Replace(steps, i, steps[i] with { Jump = Jump.None });
            }

            var advance = steps[i].AdvanceMs;
            if (advance != 0)
            {
                yield return Replace(steps, i, steps[i] with { AdvanceMs = 0 });
            }

            if (advance >= 2000)
            {
                yield return Replace(steps, i, steps[i] with { AdvanceMs = advance / 2000 * 1000 });
            }
        }

        for (var i = 0; i < steps.Count; i++)
        {
            foreach (var op in ShrinkOp(steps[i].Op))
            {
                yield return Replace(steps, i, steps[i] with { Op = op });
            }
        }
    }

    private static Scenario Replace(IReadOnlyList<Step> steps, int index, Step step)
    {
        var copy = steps.ToArray();
        copy[index] = step;
        return new Scenario(copy);
    }

    private static IEnumerable<Op> ShrinkOp(Op op)
    {
        switch (op)
        {
            case PublishOp p:
                if (p.Messages.Count > 1)
                {
                    for (var i = 0; i < p.Messages.Count; i++)
                    {
                        yield return p with { Messages = [.. p.Messages.Take(i), .. p.Messages.Skip(i + 1)] };
                    }
                }

                for (var i = 0; i < p.Messages.Count; i++)
                {
                    foreach (var m in ShrinkMessage(p.Messages[i]))
                    {
                        var messages = p.Messages.ToArray();
                        messages[i] = m;
                        yield return p with { Messages = messages };
                    }
                }

                break;
            case ReceiveOp r:
                if (r.VisibilitySeconds is not null)
                {
                    yield return r with { VisibilitySeconds = null };
                }

                if (r.Max > 1)
                {
                    yield return r with { Max = 1 };
                }

                break;
            case AckOp a when a.Picks.Count > 1:
                for (var i = 0; i < a.Picks.Count; i++)
                {
                    yield return a with { Picks = [.. a.Picks.Take(i), .. a.Picks.Skip(i + 1)] };
                }

                break;
            case EditOp e:
                if (e.Priority is not null)
                {
                    yield return e with { Priority = null };
                }

                if (e.Timing != Timing.None)
                {
                    yield return e with { Timing = Timing.None, TimingSeconds = 0 };
                }

                if (e.IfMatch != IfMatchMode.None)
                {
                    yield return e with { IfMatch = IfMatchMode.None };
                }

                break;
            case ConfigureOp c:
                if (c.MaxDepth is not null)
                {
                    yield return c with { MaxDepth = null };
                }

                if (c.MessageTtlSeconds is not null)
                {
                    yield return c with { MessageTtlSeconds = null };
                }

                if (c.RetryDelaySeconds != 0)
                {
                    yield return c with { RetryDelaySeconds = 0 };
                }

                break;
            default:
                break;
        }

        if (op is not TickOp)
        {
            yield return new TickOp();
        }
    }

    private static IEnumerable<MsgSpec> ShrinkMessage(MsgSpec m)
    {
        if (m.DedupId is not null)
        {
            yield return m with { DedupId = null };
        }

        if (m.TtlSeconds is not null)
        {
            yield return m with { TtlSeconds = null };
        }

        if (m.Timing != Timing.None)
        {
            yield return m with { Timing = Timing.None, TimingSeconds = 0 };
        }

        if (m.Priority is not (null or 0))
        {
            yield return m with { Priority = 0 };
        }
    }
}
