namespace ActorMq.TestKit;

/// <summary>What an <see cref="ActorMqTestNode"/>'s schedule buckets have done so far.</summary>
/// <param name="MessagesParked">Messages handed by queues to buckets (a re-sent hand-over counts again).</param>
/// <param name="BucketWakes">Times a queue woke a bucket to have its messages back.</param>
public sealed record ScheduleActivity(long MessagesParked, long BucketWakes);
