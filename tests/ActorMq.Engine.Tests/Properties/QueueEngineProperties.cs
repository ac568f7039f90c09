using FsCheck.Xunit;

namespace ActorMq.Engine.Tests.Properties;

/// <summary>
/// Properties of the pure queue engine over random command sequences on a virtual clock (DESIGN.md section 1).
/// Each property runs 150 scenarios of 50-200 steps; a failure is shrunk to a short scenario and reported with the
/// step that broke the property.
/// </summary>
public sealed class QueueEngineProperties
{
    private const int Runs = 150;

    /// <summary>
    /// 1. Never delivered early: a message is delivered only at or after its deliverAt, after any retry delay (nack
    /// delay or retryDelaySeconds after its lease expired), and not while a lease on it is still running.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void NothingIsDeliveredEarly(Scenario scenario)
    {
        var notBefore = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var leasedUntil = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        Harness.Run(scenario, ctx =>
        {
            // Leases that ran out by now ended in this step's tick, with the retry delay configured before the step.
            var retryDelay = ctx.SettingsBefore?.RetryDelay ?? TimeSpan.Zero;
            foreach (var (id, until) in leasedUntil.Where(l => l.Value <= ctx.Now).ToList())
            {
                leasedUntil.Remove(id);
                notBefore[id] = until + retryDelay;
            }

            if (ctx.Decision.Error is not null)
            {
                return;
            }

            switch (ctx.Command, ctx.Decision.Reply)
            {
                case (Publish p, Published published):
                    for (var i = 0; i < published.Results.Count; i++)
                    {
                        if (!published.Results[i].Duplicate)
                        {
                            var r = p.Messages[i];
                            notBefore[published.Results[i].Id] = r.DeliverAt ?? ctx.Now + (r.Delay ?? TimeSpan.Zero);
                            leasedUntil.Remove(published.Results[i].Id);
                        }
                    }

                    break;
                case (Receive r, Delivered delivered):
                    foreach (var m in delivered.Messages)
                    {
                        CheckDeliverable(ctx, m, notBefore, leasedUntil);
                        var visibility = r.VisibilityTimeout ?? ctx.SettingsBefore!.VisibilityTimeout;
                        Verify.That(m.Lease?.ExpiresAt == ctx.Now + visibility, ctx, () => $"{m.Id}'s lease should expire at now + {visibility.TotalSeconds}s, not {m.Lease}");
                        leasedUntil[m.Id] = m.Lease!.Value.ExpiresAt;
                    }

                    break;
                case (Pop, Delivered delivered):
                    foreach (var m in delivered.Messages)
                    {
                        CheckDeliverable(ctx, m, notBefore, leasedUntil);
                        notBefore.Remove(m.Id);
                    }

                    break;
                case (Ack a, Acked acked):
                    foreach (var r in acked.Results.Where(r => r.Error is null))
                    {
                        leasedUntil.Remove(r.Id);
                        notBefore.Remove(r.Id);
                    }

                    break;
                case (Nack n, _):
                    leasedUntil.Remove(n.Id);
                    notBefore[n.Id] = ctx.Now + (n.Delay ?? TimeSpan.Zero);
                    break;
                case (Extend x, Extended extended):
                    leasedUntil[x.Id] = extended.ExpiresAt;
                    break;
                case (EditMessage e, _) when e.Patch.DeliverAt is not null || e.Patch.Delay is not null:
                    notBefore[e.Id] = e.Patch.DeliverAt ?? ctx.Now + e.Patch.Delay!.Value;
                    break;
                case (CancelMessage c, _):
                    notBefore.Remove(c.Id);
                    break;
                case (Purge or DeleteQueue, _):
                    notBefore.Clear();
                    leasedUntil.Clear();
                    break;
                default:
                    break;
            }
        }, copyBefore: true);
    }

    private static void CheckDeliverable(
        StepContext ctx, StoredMessage m, Dictionary<string, DateTimeOffset> notBefore, Dictionary<string, DateTimeOffset> leasedUntil)
    {
        Verify.That(notBefore.TryGetValue(m.Id, out var earliest), ctx, () => $"{m.Id} was delivered but was never published (or already left)");
        Verify.That(ctx.Now >= earliest, ctx, () => $"{m.Id} was delivered at t={Fmt.Since(ctx.Now)}, before it was due at t={Fmt.Since(earliest)}");
        Verify.That(!leasedUntil.TryGetValue(m.Id, out var until), ctx, () => $"{m.Id} was delivered while its lease runs until t={Fmt.Since(until)}");
        Verify.That(m.DeliverAt is not { } at || at <= ctx.Now, ctx, () => $"{m.Id} was delivered with deliverAt t={Fmt.Since(m.DeliverAt!.Value)} in the future");
        var before = ctx.Before!.Find(m.Id);
        Verify.That(before is not { State: MessageState.Delayed, DelayedUntil: { } delayed } || delayed <= ctx.Now, ctx,
            () => $"{m.Id} was delivered while delayed until t={Fmt.Since(before!.DelayedUntil!.Value)}");
    }

    /// <summary>
    /// 2. An acked message is never delivered again; nor is a popped or cancelled one. A client id published again after
    /// its message left is a new message: messages are told apart by (id, how many times the id was stored).
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void AnAckedMessageIsNeverDeliveredAgain(Scenario scenario)
    {
        var generation = new Dictionary<string, int>(StringComparer.Ordinal);
        var gone = new Dictionary<(string Id, int Generation), string>();
        Harness.Run(scenario, ctx =>
        {
            if (ctx.Decision.Error is not null)
            {
                return;
            }

            (string, int) Key(string id) => (id, generation.GetValueOrDefault(id));
            switch (ctx.Command, ctx.Decision.Reply)
            {
                case (Publish, Published published):
                    foreach (var r in published.Results.Where(r => !r.Duplicate))
                    {
                        generation[r.Id] = generation.GetValueOrDefault(r.Id) + 1;
                    }

                    break;
                case (Receive or Pop, Delivered delivered):
                    foreach (var m in delivered.Messages)
                    {
                        Verify.That(!gone.TryGetValue(Key(m.Id), out var how), ctx, () => $"{m.Id} was delivered again after it was {how}");
                        if (ctx.Command is Pop)
                        {
                            gone[Key(m.Id)] = $"popped at step [{ctx.Index}]";
                        }
                    }

                    break;
                case (Ack, Acked acked):
                    foreach (var r in acked.Results.Where(r => r.Error is null))
                    {
                        gone[Key(r.Id)] = $"acked at step [{ctx.Index}]";
                    }

                    break;
                case (CancelMessage c, _):
                    gone[Key(c.Id)] = $"cancelled at step [{ctx.Index}]";
                    break;
                default:
                    break;
            }
        });
    }

    /// <summary>
    /// 3. Delivery order: what a receive or pop returns is exactly the first of the messages ready at that instant, by
    /// (priority, publish seq): FIFO within a priority, lower numbers first, across receives too; and a retried message
    /// keeps the seq it was published with.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void ReadyMessagesAreDeliveredByPriorityThenPublishOrder(Scenario scenario)
    {
        var publishedSeq = new Dictionary<string, long>(StringComparer.Ordinal);
        Harness.Run(scenario, ctx =>
        {
            foreach (var p in ctx.Decision.Events.OfType<MessagePublished>())
            {
                publishedSeq[p.Id] = p.Seq;
            }

            if (ctx.Decision.Reply is not Delivered delivered)
            {
                return;
            }

            var max = ctx.Command switch
            {
                Receive r => r.Max,
                Pop p => p.Max,
                _ => throw new InvalidOperationException("only receive and pop deliver"),
            };
            var got = delivered.Messages;
            for (var i = 1; i < got.Count; i++)
            {
                Verify.That((got[i - 1].Priority, got[i - 1].Seq).CompareTo((got[i].Priority, got[i].Seq)) < 0, ctx,
                    () => $"{got[i - 1].Id} (p={got[i - 1].Priority}, seq={got[i - 1].Seq}) was delivered before {got[i].Id} (p={got[i].Priority}, seq={got[i].Seq})");
            }

            foreach (var m in got)
            {
                Verify.That(publishedSeq.GetValueOrDefault(m.Id) == m.Seq, ctx, () => $"{m.Id} was published with seq {publishedSeq.GetValueOrDefault(m.Id)} but delivered with seq {m.Seq}");
            }

            // The messages ready at this instant: the state before the step, brought up to now by a tick.
            var ticked = Harness.Copy(ctx.Before!);
            QueueEngine.Execute(ticked, Tick.Instance, ctx.Now);
            var expected = ticked.ToSnapshot().Messages
                .Where(m => m.State == MessageState.Ready && !ExpiredAt(m, ctx.Now))
                .OrderBy(m => m.Priority).ThenBy(m => m.Seq)
                .Take(max)
                .ToList();
            Verify.That(expected.Select(m => m.Id).SequenceEqual(got.Select(m => m.Id)), ctx,
                () => $"ready at this instant, in order: [{string.Join(", ", expected.Select(m => $"{m.Id}(p={m.Priority},seq={m.Seq})"))}]; "
                + $"the first {max} should be delivered");
        }, copyBefore: true);
    }

    /// <summary>TTL counts from when a message becomes ready: its deliverAt, or its publish when immediate.</summary>
    private static bool ExpiredAt(StoredMessage m, DateTimeOffset now) =>
        m.Ttl is { } ttl && (m.DeliverAt is { } at && at > m.PublishedAt ? at : m.PublishedAt) + ttl <= now;

    /// <summary>
    /// 4. Counts equal the messages in each state, the live count equals their sum, and lifetime totals never go down
    /// (except when the step deleted or created the queue).
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void CountsMatchTheMessagesAndTotalsNeverDecrease(Scenario scenario) =>
        Harness.Run(scenario, ctx =>
        {
            var messages = ctx.State.ToSnapshot().Messages;
            long Count(MessageState s) => messages.Count(m => m.State == s);
            var expected = new QueueCounts(Count(MessageState.Ready), Count(MessageState.Scheduled), Count(MessageState.Delayed), Count(MessageState.Inflight));
            Verify.That(ctx.State.Counts == expected, ctx, () => $"counts {ctx.State.Counts}, but the messages are {expected}");
            Verify.That(ctx.State.LiveCount == messages.Count && ctx.State.Counts.Total == messages.Count, ctx,
                () => $"live count {ctx.State.LiveCount}, counts total {ctx.State.Counts.Total}, messages {messages.Count}");

            // Totals belong to one life of the queue: deleting it and creating it again starts them over.
            var restarted = ctx.Decision.Events.Any(e => e is QueueDeleted or QueueConfigured { Created: true });
            var (a, b) = (ctx.TotalsBefore, ctx.State.Totals);
            Verify.That(restarted || (b.Published >= a.Published && b.Delivered >= a.Delivered && b.Acked >= a.Acked
                && b.DeadLettered >= a.DeadLettered && b.Expired >= a.Expired), ctx, () => $"totals went down from {a} to {b}");
        });

    /// <summary>
    /// 5. Replaying the journal rebuilds the same state (after every step, and from scratch at the end); a state
    /// rebuilt from its snapshot equals it, and decides every next command exactly as the original does.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void ReplayAndSnapshotsRebuildTheSameState(Scenario scenario)
    {
        var replica = new QueueState(Harness.QueueName);
        QueueState? twin = null;
        var twinFrom = scenario.Steps.Count / 2;
        var harness = Harness.Run(scenario, ctx =>
        {
            var snapshot = ctx.State.ToSnapshot();
            foreach (var e in ctx.Decision.Events)
            {
                QueueEngine.Apply(replica, e);
            }

            Verify.That(Same.Difference(snapshot, replica.ToSnapshot()) is null, ctx,
                () => $"replaying the events gives a different state: {Same.Difference(snapshot, replica.ToSnapshot())}");
            var restored = QueueState.FromSnapshot(snapshot).ToSnapshot();
            Verify.That(Same.Difference(snapshot, restored) is null, ctx, () => $"FromSnapshot(ToSnapshot()) differs: {Same.Difference(snapshot, restored)}");

            // A copy made from the snapshot before this step decides the step as the original did.
            if (ctx.Index == twinFrom)
            {
                twin = Harness.Copy(ctx.Before!);
            }

            var copy = ctx.Before!;
            var decision = QueueEngine.Execute(copy, ctx.Command, ctx.Now);
            Verify.That(Same.Decision(ctx.Decision, decision), ctx, () => "a copy restored from the snapshot before this step decided it differently");
            Verify.That(Same.Difference(snapshot, copy.ToSnapshot()) is null, ctx, () => $"the restored copy ends in a different state: {Same.Difference(snapshot, copy.ToSnapshot())}");

            // A copy restored half-way keeps deciding like the original for the rest of the run.
            if (twin is not null)
            {
                Verify.That(Same.Decision(ctx.Decision, QueueEngine.Execute(twin, ctx.Command, ctx.Now)), ctx,
                    () => $"a copy restored at step [{twinFrom}] decided this step differently");
            }
        }, copyBefore: true);

        var replayed = new QueueState(Harness.QueueName);
        foreach (var e in harness.Journal)
        {
            QueueEngine.Apply(replayed, e);
        }

        Verify.That(Same.Difference(harness.State.ToSnapshot(), replayed.ToSnapshot()) is null,
            () => $"replaying the whole journal ({harness.Journal.Count} events) into a fresh state differs: {Same.Difference(harness.State.ToSnapshot(), replayed.ToSnapshot())}");
    }

    /// <summary>
    /// 6. Dedup never stores twice: inside the dedup window a publish with a known dedupId stores nothing and answers
    /// duplicate with the first message's id (in a batch too); no two stored messages share a dedupId within the window.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void DedupNeverStoresTwiceWithinTheWindow(Scenario scenario)
    {
        var remembered = new Dictionary<string, (string Id, DateTimeOffset Until, int Step)>(StringComparer.Ordinal);
        Harness.Run(scenario, ctx =>
        {
            var stored = ctx.Decision.Events.OfType<MessagePublished>().Where(p => p.DedupId is not null).ToList();
            foreach (var p in stored)
            {
                Verify.That(!remembered.TryGetValue(p.DedupId!, out var first) || first.Until <= ctx.Now, ctx,
                    () => $"stored {p.Id} with dedupId {p.DedupId}, already stored as {first.Id} at step [{first.Step}], remembered until t={Fmt.Since(first.Until)}");
            }

            if (ctx.Decision.Events.Any(e => e is QueueDeleted))
            {
                remembered.Clear();
            }

            if (ctx.Command is not Publish publish || ctx.Decision.Reply is not Published published)
            {
                Verify.That(stored.Count == 0, ctx, () => "a command that is not a successful publish stored messages");
                return;
            }

            var window = (ctx.SettingsBefore ?? QueueSettings.Default).DedupWindow;
            var firstInBatch = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < publish.Messages.Count; i++)
            {
                var result = published.Results[i];
                if (publish.Messages[i].DedupId is not { } dedupId)
                {
                    Verify.That(!result.Duplicate, ctx, () => $"message [{i}] without dedupId answered duplicate");
                    continue;
                }

                string? firstId = firstInBatch.TryGetValue(dedupId, out var inBatch) ? inBatch
                    : remembered.TryGetValue(dedupId, out var earlier) && earlier.Until > ctx.Now ? earlier.Id
                    : null;
                if (firstId is null)
                {
                    Verify.That(!result.Duplicate, ctx, () => $"message [{i}] with new dedupId {dedupId} answered duplicate");
                    firstInBatch[dedupId] = result.Id;
                }
                else
                {
                    Verify.That(result.Duplicate && result.Id == firstId, ctx,
                        () => $"message [{i}] with dedupId {dedupId} should answer duplicate of {firstId}, answered {result}");
                }
            }

            Verify.That(stored.Count == firstInBatch.Count && stored.All(p => firstInBatch[p.DedupId!] == p.Id), ctx,
                () => $"stored [{string.Join(", ", stored.Select(p => $"{p.Id}:{p.DedupId}"))}], expected one message per new dedupId");
            foreach (var (dedupId, id) in firstInBatch)
            {
                remembered[dedupId] = (id, ctx.Now + window, ctx.Index);
            }
        });
    }

    /// <summary>
    /// 7. A refused command changes nothing of its own: its events are exactly those of a bare tick at the same
    /// instant, and it leaves the state a bare tick would.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void ARefusedCommandOnlyLetsTimePass(Scenario scenario) =>
        Harness.Run(scenario, ctx =>
        {
            if (ctx.Decision.Error is null)
            {
                return;
            }

            var ticked = ctx.Before!;
            var tick = QueueEngine.Execute(ticked, Tick.Instance, ctx.Now);
            Verify.That(ctx.Decision.Reply is null, ctx, () => "a refused command has a reply");
            Verify.That(tick.Events.SequenceEqual(ctx.Decision.Events), ctx,
                () => $"refused with events [{string.Join(", ", ctx.Decision.Events)}]; a bare tick makes [{string.Join(", ", tick.Events)}]");
            Verify.That(Same.Difference(ticked.ToSnapshot(), ctx.State.ToSnapshot()) is null, ctx,
                () => $"refused, but the state differs from a bare tick's: {Same.Difference(ticked.ToSnapshot(), ctx.State.ToSnapshot())}");
        }, copyBefore: true);

    /// <summary>
    /// 8. After any command at <c>now</c>, NextChangeAt is null or after now; it is the earliest lease expiry,
    /// deliverAt or retry instant; a tick just before it changes nothing and a tick at it changes something.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void NextChangeAtIsTheNextInstantSomethingHappens(Scenario scenario) =>
        Harness.Run(scenario, ctx =>
        {
            var next = QueueEngine.NextChangeAt(ctx.State);
            Verify.That(next is null || next > ctx.Now, ctx, () => $"NextChangeAt t={(next is { } n ? Fmt.Since(n) : "-")} is not after now");

            var pending = ctx.State.ToSnapshot().Messages
                .Select(m => m.State switch
                {
                    MessageState.Scheduled => m.DeliverAt,
                    MessageState.Delayed => m.DelayedUntil,
                    MessageState.Inflight => m.Lease?.ExpiresAt,
                    _ => null,
                })
                .Where(at => at is not null)
                .Min();
            Verify.That(next == pending, ctx, () => $"NextChangeAt is {next}, but the earliest pending instant is {pending}");
            if (next is not { } at)
            {
                return;
            }

            var justBefore = at - TimeSpan.FromTicks(1);
            if (justBefore > ctx.Now)
            {
                var early = QueueEngine.Execute(Harness.Copy(ctx.State), Tick.Instance, justBefore);
                Verify.That(early.Events.Count == 0, ctx, () => $"a tick just before NextChangeAt changed [{string.Join(", ", early.Events)}]");
            }

            var due = QueueEngine.Execute(Harness.Copy(ctx.State), Tick.Instance, at);
            Verify.That(due.Events.Count > 0, ctx, () => "a tick at NextChangeAt changed nothing");
        });

    /// <summary>
    /// 9. The engine agrees with an independent reference model at every step: which commands are refused and why,
    /// what is published, delivered, acked, removed, each live message's state, and the totals.
    /// </summary>
    [Property(MaxTest = Runs, Arbitrary = new[] { typeof(ScenarioArbitrary) })]
    public void TheEngineAgreesWithTheReferenceModel(Scenario scenario)
    {
        var model = new ReferenceQueue();
        Harness.Run(scenario, model.Step);
    }
}
