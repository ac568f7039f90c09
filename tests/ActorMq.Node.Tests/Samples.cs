using ActorMq.Engine;

namespace ActorMq.Node.Tests;

/// <summary>Messages and queues to write.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset At = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1_234_567);

    public static StoredMessage Message(
        MessageBody? body = null,
        MessageState state = MessageState.Ready,
        Lease? lease = null,
        string? contentType = null,
        DateTimeOffset? deliverAt = null,
        DateTimeOffset? firstReceivedAt = null,
        int receiveCount = 0,
        TimeSpan? ttl = null,
        DateTimeOffset? delayedUntil = null,
        MessageHeaders? headers = null) =>
        new(
            "m1", 1, body ?? MessageBody.Json("""{"n": 1.0e3, "s": "a\nb"}"""), contentType, headers ?? MessageHeaders.Empty, 7, At,
            deliverAt, ttl, null, state, receiveCount, firstReceivedAt, lease, delayedUntil, Version: 3);
}
