namespace ActorMq.Integration.Tests.Workload;

/// <summary>One GET of a queue by an <see cref="AvailabilityProbe"/>.</summary>
/// <param name="Round">The round it belongs to.</param>
/// <param name="Queue">The queue.</param>
/// <param name="Sent">When it was sent.</param>
/// <param name="Answered">When it was answered or gave up.</param>
/// <param name="Ok">True when the queue answered 200 within the probe's timeout.</param>
public sealed record ProbeResult(int Round, string Queue, DateTimeOffset Sent, DateTimeOffset Answered, bool Ok);
