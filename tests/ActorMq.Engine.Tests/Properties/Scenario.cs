using System.Globalization;
using System.Text;

namespace ActorMq.Engine.Tests.Properties;

/// <summary>
/// A random run against one queue: each step advances the virtual clock, then sends one command. Steps name what
/// they refer to (leases, message ids) by index into what the harness has seen so far, so any sub-list of steps is
/// still a valid run: that is what makes shrinking work.
/// </summary>
public sealed record Scenario(IReadOnlyList<Step> Steps)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Steps.Count} steps (clock move: command):");
        for (var i = 0; i < Steps.Count; i++)
        {
            var clock = Steps[i].Jump == Jump.None ? "+" + Fmt.Ms(Steps[i].AdvanceMs) : "to " + Steps[i].Jump;
            text.AppendLine().Append(CultureInfo.InvariantCulture, $"  [{i}] {clock}: {Steps[i].Op}");
        }

        return text.ToString();
    }
}

/// <summary>
/// Advance the clock by <paramref name="AdvanceMs"/> milliseconds, or to the instant <paramref name="Jump"/> names, then
/// run <paramref name="Op"/>.
/// </summary>
public sealed record Step(int AdvanceMs, Op Op, Jump Jump = Jump.None);

/// <summary>Clock moves that land exactly on an instant where something is due, to hit boundaries (≤ versus &lt;).</summary>
public enum Jump
{
    /// <summary>Advance by the step's milliseconds.</summary>
    None,

    /// <summary>To the queue's NextChangeAt (a lease expiry, a deliverAt, a retry), if it is ahead.</summary>
    NextChange,

    /// <summary>To the earliest instant a live message's time to live runs out, if it is ahead.</summary>
    NextExpiry,
}

/// <summary>When a publish or edit says the message is due.</summary>
public enum Timing
{
    /// <summary>No deliverAt, no delay.</summary>
    None,

    /// <summary>deliverAt = now + seconds (negative: in the past).</summary>
    DeliverAt,

    /// <summary>delaySeconds = seconds.</summary>
    Delay,

    /// <summary>Both deliverAt and delaySeconds: invalid.</summary>
    Both,
}

/// <summary>How a lease-using command picks the lease it presents.</summary>
public enum LeaseMode
{
    /// <summary>A lease the harness believes is still current (falls back to any remembered one).</summary>
    Live,

    /// <summary>Any lease ever granted: often stale on purpose.</summary>
    Any,

    /// <summary>A current lease's message with a token that was never granted.</summary>
    Forged,
}

/// <summary>How an edit or cancel uses If-Match.</summary>
public enum IfMatchMode
{
    /// <summary>No If-Match.</summary>
    None,

    /// <summary>The message's current version.</summary>
    Current,

    /// <summary>A version the message does not have.</summary>
    Wrong,
}

/// <summary>One command of a scenario, before the harness resolves it against what it has seen.</summary>
public abstract record Op;

/// <summary>One message of a publish.</summary>
/// <param name="ClientId">Index into the client id pool (c0..c5), or null for a generated id.</param>
/// <param name="Priority">Priority (-1 is invalid on purpose), or null for the queue's default.</param>
/// <param name="Timing">deliverAt / delaySeconds / neither / both.</param>
/// <param name="TimingSeconds">The offset or delay of <paramref name="Timing"/>.</param>
/// <param name="TtlSeconds">ttlSeconds, or null.</param>
/// <param name="DedupId">Index into the dedupId pool (d0..d3), or null.</param>
public sealed record MsgSpec(int? ClientId, int? Priority, Timing Timing, int TimingSeconds, int? TtlSeconds, int? DedupId)
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string> { ClientId is { } c ? $"id=c{c}" : "id=gen" };
        if (Priority is { } p)
        {
            parts.Add($"p={p}");
        }

        parts.AddRange(Fmt.Timing(Timing, TimingSeconds));
        if (TtlSeconds is { } ttl)
        {
            parts.Add($"ttl={ttl}s");
        }

        if (DedupId is { } d)
        {
            parts.Add($"dedup=d{d}");
        }

        return "{" + string.Join(",", parts) + "}";
    }
}

/// <summary>Publish 1-5 messages.</summary>
public sealed record PublishOp(IReadOnlyList<MsgSpec> Messages, bool AutoCreate) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Publish{(AutoCreate ? "" : "(noAutoCreate)")}[{string.Join(" ", Messages)}]";
}

/// <summary>Receive up to <paramref name="Max"/>.</summary>
public sealed record ReceiveOp(int Max, int? VisibilitySeconds) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Receive(max={Max}{(VisibilitySeconds is { } v ? $", vis={v}s" : "")})";
}

/// <summary>Pop up to <paramref name="Max"/>.</summary>
public sealed record PopOp(int Max) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Pop(max={Max})";
}

/// <summary>Which remembered lease to present.</summary>
public sealed record LeasePick(LeaseMode Mode, int Index)
{
    /// <inheritdoc />
    public override string ToString() => $"{Mode}#{Index}";
}

/// <summary>Which message an edit or cancel names: one live now (<paramref name="Live"/>), or any id ever seen.</summary>
public sealed record Target(bool Live, int Index)
{
    /// <inheritdoc />
    public override string ToString() => $"{(Live ? "live" : "any")}-msg#{Index}";
}

/// <summary>Ack 1-3 leases.</summary>
public sealed record AckOp(IReadOnlyList<LeasePick> Picks) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Ack[{string.Join(" ", Picks)}]";
}

/// <summary>Nack a lease.</summary>
public sealed record NackOp(LeasePick Pick, int? DelaySeconds, bool DeadLetter) : Op
{
    /// <inheritdoc />
    public override string ToString() =>
        $"Nack({Pick}{(DelaySeconds is { } d ? $", delay={d}s" : "")}{(DeadLetter ? ", deadLetter" : "")})";
}

/// <summary>Extend a lease.</summary>
public sealed record ExtendOp(LeasePick Pick, int? VisibilitySeconds) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Extend({Pick}{(VisibilitySeconds is { } v ? $", vis={v}s" : "")})";
}

/// <summary>Edit a message's priority and/or delivery time.</summary>
public sealed record EditOp(Target Target, int? Priority, Timing Timing, int TimingSeconds, IfMatchMode IfMatch) : Op
{
    /// <inheritdoc />
    public override string ToString()
    {
        var parts = new List<string> { Target.ToString() };
        if (Priority is { } p)
        {
            parts.Add($"p={p}");
        }

        parts.AddRange(Fmt.Timing(Timing, TimingSeconds));
        if (IfMatch != IfMatchMode.None)
        {
            parts.Add($"ifMatch={IfMatch}");
        }

        return $"Edit({string.Join(", ", parts)})";
    }
}

/// <summary>Cancel a message.</summary>
public sealed record CancelOp(Target Target, IfMatchMode IfMatch) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"Cancel({Target}{(IfMatch == IfMatchMode.None ? "" : $", ifMatch={IfMatch}")})";
}

/// <summary>Purge the queue.</summary>
public sealed record PurgeOp : Op
{
    /// <inheritdoc />
    public override string ToString() => "Purge";
}

/// <summary>Delete the queue with all its messages.</summary>
public sealed record DeleteOp : Op
{
    /// <inheritdoc />
    public override string ToString() => "DeleteQueue";
}

/// <summary>Sweep expired messages.</summary>
public sealed record SweepOp : Op
{
    /// <inheritdoc />
    public override string ToString() => "SweepExpired";
}

/// <summary>A bare tick.</summary>
public sealed record TickOp : Op
{
    /// <inheritdoc />
    public override string ToString() => "Tick";
}

/// <summary>Confirm up to <paramref name="Count"/> outbound transfers (the dead-letter queue stored them).</summary>
public sealed record ConfirmOp(int Count) : Op
{
    /// <inheritdoc />
    public override string ToString() => $"ConfirmTransfers({Count})";
}

/// <summary>Create or reconfigure the queue with valid settings.</summary>
public sealed record ConfigureOp(
    int MaxReceives,
    int RetryDelaySeconds,
    int? MessageTtlSeconds,
    bool DeadLetterExpired,
    int VisibilitySeconds,
    int DedupWindowSeconds,
    int DefaultPriority,
    int? MaxDepth) : Op
{
    /// <summary>The settings this op sends.</summary>
    public QueueSettings Settings => QueueSettings.Default with
    {
        MaxReceives = MaxReceives,
        RetryDelay = TimeSpan.FromSeconds(RetryDelaySeconds),
        MessageTtl = MessageTtlSeconds is { } ttl ? TimeSpan.FromSeconds(ttl) : null,
        DeadLetterExpired = DeadLetterExpired,
        VisibilityTimeout = TimeSpan.FromSeconds(VisibilitySeconds),
        DedupWindow = TimeSpan.FromSeconds(DedupWindowSeconds),
        DefaultPriority = DefaultPriority,
        MaxDepth = MaxDepth,
    };

    /// <inheritdoc />
    public override string ToString() =>
        $"Configure(maxReceives={MaxReceives}, retryDelay={RetryDelaySeconds}s, ttl={(MessageTtlSeconds is { } t ? $"{t}s" : "none")}, "
        + $"deadLetterExpired={DeadLetterExpired}, vis={VisibilitySeconds}s, dedupWindow={DedupWindowSeconds}s, defaultPriority={DefaultPriority}, "
        + $"maxDepth={(MaxDepth is { } d ? d.ToString(CultureInfo.InvariantCulture) : "none")})";
}

internal static class Fmt
{
    public static string Ms(long ms) =>
        ms % 1000 == 0
            ? (ms / 1000).ToString(CultureInfo.InvariantCulture) + "s"
            : (ms / 1000.0).ToString("0.###", CultureInfo.InvariantCulture) + "s";

    public static IEnumerable<string> Timing(Timing timing, int seconds) => timing switch
    {
        Properties.Timing.DeliverAt => [$"deliverAt=now{(seconds < 0 ? "" : "+")}{seconds}s"],
        Properties.Timing.Delay => [$"delay={seconds}s"],
        Properties.Timing.Both => [$"deliverAt=now+{seconds}s", $"delay={seconds}s"],
        _ => [],
    };

    public static string Since(DateTimeOffset at) => Ms((long)(at - Harness.Start).TotalMilliseconds);
}
