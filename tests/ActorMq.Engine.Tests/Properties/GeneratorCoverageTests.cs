using FsCheck.Fluent;
using Xunit.Abstractions;

namespace ActorMq.Engine.Tests.Properties;

/// <summary>
/// The properties are only as good as the runs they see: this checks, on a fixed sample of scenarios, that the
/// generator reaches every kind of refusal and every interesting event often enough.
/// </summary>
public sealed class GeneratorCoverageTests(ITestOutputHelper output)
{
    [Fact]
    public void ScenariosReachEveryOutcomeThePropertiesCheck()
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        void Count(string what) => seen[what] = seen.GetValueOrDefault(what) + 1;

        foreach (var scenario in Gen.Sample(ScenarioGen.Scenario, 50, new FsCheck.Rnd(20300101UL), 100))
        {
            Harness.Run(scenario, ctx =>
            {
                var d = ctx.Decision;
                Count("op " + ctx.Command.GetType().Name + (d.Error is null ? " ok" : " refused"));
                if (d.Error is { } error)
                {
                    Count("refused " + error.Kind);
                }

                switch (d.Reply)
                {
                    case Published p when p.Results.Any(r => r.Duplicate):
                        Count("duplicate publish");
                        break;
                    case Delivered { Messages.Count: > 1 } m when m.Messages.GroupBy(x => x.Priority).Any(g => g.Count() > 1):
                        Count("one delivery with equal priorities");
                        break;
                    case Acked a when a.Results.Any(r => r.Error is not null):
                        Count("ack entry refused");
                        break;
                    default:
                        break;
                }

                foreach (var e in d.Events)
                {
                    Count(e switch
                    {
                        MessageDeadLettered x => "dead-lettered " + x.Reason,
                        LeaseReleased { DelayedUntil: null } => "released ready",
                        LeaseReleased => "released delayed",
                        MessageEdited { State: MessageState.Scheduled } => "edited to scheduled",
                        MessageEdited => "edited",
                        _ => e.GetType().Name,
                    });
                }
            });
        }

        string[] expected =
        [
            "refused Invalid", "refused NotFound", "refused StaleLease", "refused Conflict", "refused PreconditionFailed",
            "refused DepthExceeded", "duplicate publish", "one delivery with equal priorities", "ack entry refused",
            "dead-lettered MaxReceives", "dead-lettered Nack", "dead-lettered Expired", nameof(MessageExpired),
            "released ready", "released delayed", "edited to scheduled", "edited", nameof(MessageReady), nameof(MessageLeased),
            nameof(MessageAcked), nameof(MessagePopped), nameof(LeaseExtended), nameof(MessageCancelled), nameof(QueuePurged),
            nameof(TransferConfirmed), nameof(QueueConfigured), nameof(QueueDeleted),
        ];
        var summary = string.Join(", ", seen.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));
        output.WriteLine(summary);
        foreach (var what in expected)
        {
            Assert.True(seen.GetValueOrDefault(what) >= 5, $"'{what}' happened {seen.GetValueOrDefault(what)} times in 100 scenarios; seen: {summary}");
        }
    }
}
