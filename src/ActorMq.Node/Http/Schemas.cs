using System.Text.Json;

namespace ActorMq.Node.Http;

/// <summary>
/// The shapes of the API's requests and answers, for the OpenAPI document only: requests are read and answers written
/// by hand (<c>Json/…Reader</c>, <c>Json/…Writer</c>), never through these types. Optional members are omitted when
/// absent; in requests an absent member and <c>null</c> mean the same.
/// </summary>
internal static class Schemas
{
    /// <summary>A message to publish; a batch is <c>{"messages": [ … ]}</c> of 1-1000 of these.</summary>
    public sealed record PublishMessage
    {
        /// <summary>Any JSON value, kept byte for byte. Give this or <c>bodyBase64</c>.</summary>
        public JsonElement? Body { get; init; }

        /// <summary>A binary body, base64 with padding.</summary>
        public string? BodyBase64 { get; init; }

        /// <summary>Client-chosen id (letters, digits, <c>._:~-</c>, up to 128); generated when absent.</summary>
        public string? Id { get; init; }

        /// <summary>0 or more; lower is more urgent. The queue's defaultPriority when absent.</summary>
        public int? Priority { get; init; }

        /// <summary>Deliver at this RFC 3339 instant; a past instant means now.</summary>
        public DateTimeOffset? DeliverAt { get; init; }

        /// <summary>Deliver after this many seconds (instead of deliverAt).</summary>
        public double? DelaySeconds { get; init; }

        /// <summary>Expire this many seconds after becoming ready, unless acked.</summary>
        public double? TtlSeconds { get; init; }

        /// <summary>String headers.</summary>
        public Dictionary<string, string>? Headers { get; init; }

        /// <summary>Media type of the body.</summary>
        public string? ContentType { get; init; }

        /// <summary>A second publish with this dedupId within the queue's dedup window stores nothing.</summary>
        public string? DedupId { get; init; }
    }

    /// <summary>One publish result; a batch answers <c>{"messages": [ … ]}</c> of these in request order.</summary>
    public sealed record PublishResult
    {
        /// <summary>The message's id (the first message's id for a duplicate).</summary>
        public required string Id { get; init; }

        /// <summary><c>ready</c> or <c>scheduled</c>.</summary>
        public required string State { get; init; }

        /// <summary>When a scheduled message becomes ready.</summary>
        public DateTimeOffset? DeliverAt { get; init; }

        /// <summary>True when the dedupId was seen within the window and nothing was stored.</summary>
        public required bool Duplicate { get; init; }
    }

    /// <summary>A receive; an empty body means <c>{}</c>.</summary>
    public sealed record ReceiveRequest
    {
        /// <summary>1-1000; default 1.</summary>
        public int? Max { get; init; }

        /// <summary>Lease length; the queue's when absent.</summary>
        public double? VisibilityTimeoutSeconds { get; init; }

        /// <summary>Long poll: wait up to this long (0-20) for a message.</summary>
        public double? WaitSeconds { get; init; }
    }

    /// <summary>A pop; an empty body means <c>{}</c>.</summary>
    public sealed record PopRequest
    {
        /// <summary>1-1000; default 1.</summary>
        public int? Max { get; init; }
    }

    /// <summary>A lease: who presents the token before the expiry owns the message.</summary>
    public sealed record Lease
    {
        /// <summary>Present it to ack, nack or extend (not shown by browse, GET or PATCH).</summary>
        public string? Token { get; init; }

        /// <summary>When the lease ends.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }
    }

    /// <summary>A delivered message (a popped one has no lease).</summary>
    public sealed record DeliveredMessage
    {
        /// <summary>The message id.</summary>
        public required string Id { get; init; }

        /// <summary>The JSON body exactly as published.</summary>
        public JsonElement? Body { get; init; }

        /// <summary>A binary body.</summary>
        public string? BodyBase64 { get; init; }

        /// <summary>Lower is more urgent.</summary>
        public required int Priority { get; init; }

        /// <summary>String headers.</summary>
        public required Dictionary<string, string> Headers { get; init; }

        /// <summary>Media type of the body.</summary>
        public string? ContentType { get; init; }

        /// <summary>When the queue accepted it.</summary>
        public required DateTimeOffset PublishedAt { get; init; }

        /// <summary>The requested delivery instant, if it was scheduled.</summary>
        public DateTimeOffset? DeliverAt { get; init; }

        /// <summary>Leases granted so far, this one included.</summary>
        public required int ReceiveCount { get; init; }

        /// <summary>When it was first received.</summary>
        public DateTimeOffset? FirstReceivedAt { get; init; }

        /// <summary>The lease this receive granted.</summary>
        public Lease? Lease { get; init; }
    }

    /// <summary>The answer of a receive or a pop.</summary>
    public sealed record DeliveredMessages
    {
        /// <summary>Empty when none was ready.</summary>
        public required DeliveredMessage[] Messages { get; init; }
    }

    /// <summary>A message as browse, GET and PATCH show it; an in-flight one shows its lease's expiry, never its token.</summary>
    public sealed record BrowsedMessage
    {
        /// <summary>The message id.</summary>
        public required string Id { get; init; }

        /// <summary><c>ready</c>, <c>scheduled</c>, <c>delayed</c> or <c>inflight</c>.</summary>
        public required string State { get; init; }

        /// <summary>Grows with every change; the ETag.</summary>
        public required long Version { get; init; }

        /// <summary>The JSON body exactly as published.</summary>
        public JsonElement? Body { get; init; }

        /// <summary>A binary body.</summary>
        public string? BodyBase64 { get; init; }

        /// <summary>Lower is more urgent.</summary>
        public required int Priority { get; init; }

        /// <summary>String headers.</summary>
        public required Dictionary<string, string> Headers { get; init; }

        /// <summary>Media type of the body.</summary>
        public string? ContentType { get; init; }

        /// <summary>When the queue accepted it.</summary>
        public required DateTimeOffset PublishedAt { get; init; }

        /// <summary>The requested delivery instant, if it was scheduled.</summary>
        public DateTimeOffset? DeliverAt { get; init; }

        /// <summary>When a delayed message becomes ready again.</summary>
        public DateTimeOffset? DelayedUntil { get; init; }

        /// <summary>When its time to live runs out.</summary>
        public DateTimeOffset? ExpiresAt { get; init; }

        /// <summary>Leases granted so far.</summary>
        public required int ReceiveCount { get; init; }

        /// <summary>When it was first received.</summary>
        public DateTimeOffset? FirstReceivedAt { get; init; }

        /// <summary>The current lease's expiry, when in flight.</summary>
        public Lease? Lease { get; init; }
    }

    /// <summary>A browse page.</summary>
    public sealed record BrowsePage
    {
        /// <summary>In delivery order.</summary>
        public required BrowsedMessage[] Messages { get; init; }

        /// <summary>Pass as <c>after</c> for the next page; absent on the last.</summary>
        public string? Next { get; init; }
    }

    /// <summary>A message and the token of its lease.</summary>
    public sealed record LeaseRef
    {
        /// <summary>The message id.</summary>
        public required string Id { get; init; }

        /// <summary>The lease token.</summary>
        public required string Token { get; init; }
    }

    /// <summary>A batch ack.</summary>
    public sealed record AckBatchRequest
    {
        /// <summary>1-1000 leases.</summary>
        public required LeaseRef[] Leases { get; init; }
    }

    /// <summary>One entry of a batch ack.</summary>
    public sealed record AckResult
    {
        /// <summary>The message id.</summary>
        public required string Id { get; init; }

        /// <summary>True when acked.</summary>
        public required bool Acked { get; init; }

        /// <summary>When not acked: the status the entry alone would have answered.</summary>
        public int? Status { get; init; }

        /// <summary>When not acked: why.</summary>
        public string? Detail { get; init; }
    }

    /// <summary>The answer of a batch ack.</summary>
    public sealed record AckResults
    {
        /// <summary>In request order.</summary>
        public required AckResult[] Results { get; init; }
    }

    /// <summary>The lease of a single ack.</summary>
    public sealed record LeaseToken
    {
        /// <summary>The lease token.</summary>
        public required string Token { get; init; }
    }

    /// <summary>A nack.</summary>
    public sealed record NackRequest
    {
        /// <summary>The lease token.</summary>
        public required string Token { get; init; }

        /// <summary>Ready again after this delay; at once when absent.</summary>
        public double? DelaySeconds { get; init; }

        /// <summary>Send it to the dead-letter queue now.</summary>
        public bool? DeadLetter { get; init; }
    }

    /// <summary>An extend.</summary>
    public sealed record ExtendRequest
    {
        /// <summary>The lease token.</summary>
        public required string Token { get; init; }

        /// <summary>The lease ends this long after now; the queue's visibility timeout when absent.</summary>
        public double? VisibilityTimeoutSeconds { get; init; }
    }

    /// <summary>The new expiry of an extended lease.</summary>
    public sealed record LeaseExpiry
    {
        /// <summary>When the lease now ends.</summary>
        public required DateTimeOffset ExpiresAt { get; init; }
    }

    /// <summary>The changes of an edit; members not given stay as they are.</summary>
    public sealed record MessagePatch
    {
        /// <summary>New delivery instant.</summary>
        public DateTimeOffset? DeliverAt { get; init; }

        /// <summary>Deliver this long after now.</summary>
        public double? DelaySeconds { get; init; }

        /// <summary>New priority.</summary>
        public int? Priority { get; init; }

        /// <summary>New JSON body.</summary>
        public JsonElement? Body { get; init; }

        /// <summary>New binary body.</summary>
        public string? BodyBase64 { get; init; }

        /// <summary>New headers, replacing all the old ones.</summary>
        public Dictionary<string, string>? Headers { get; init; }

        /// <summary>New content type.</summary>
        public string? ContentType { get; init; }
    }

    /// <summary>Queue settings; on PUT, members not given (or null) take their defaults.</summary>
    public sealed record QueueSettings
    {
        /// <summary>Lease length of a receive that names none. Default 30.</summary>
        public double? VisibilityTimeoutSeconds { get; init; }

        /// <summary>Deliveries before dead-lettering; 0 = unlimited. Default 10.</summary>
        public int? MaxReceives { get; init; }

        /// <summary>Where dead letters go. Default <c>&lt;queue&gt;.dlq</c>.</summary>
        public string? DeadLetterQueue { get; init; }

        /// <summary>Wait before a message whose lease expired is ready again. Default 0.</summary>
        public double? RetryDelaySeconds { get; init; }

        /// <summary>Time to live of messages; null = none. Default null.</summary>
        public double? MessageTtlSeconds { get; init; }

        /// <summary>Dead-letter expired messages instead of dropping them. Default false.</summary>
        public bool? DeadLetterExpired { get; init; }

        /// <summary>Priority of messages that name none. Default 100.</summary>
        public int? DefaultPriority { get; init; }

        /// <summary>How long a dedupId is remembered. Default 300.</summary>
        public double? DedupWindowSeconds { get; init; }

        /// <summary>Largest body. Default 262144.</summary>
        public int? MaxMessageBytes { get; init; }

        /// <summary>Most live messages; null = unbounded. Default null.</summary>
        public long? MaxDepth { get; init; }
    }

    /// <summary>Live messages per state.</summary>
    public sealed record QueueCounts
    {
        /// <summary>Waiting to be received.</summary>
        public required long Ready { get; init; }

        /// <summary>Not due yet.</summary>
        public required long Scheduled { get; init; }

        /// <summary>Waiting out a retry delay.</summary>
        public required long Delayed { get; init; }

        /// <summary>Leased.</summary>
        public required long Inflight { get; init; }
    }

    /// <summary>Totals since the queue was created.</summary>
    public sealed record QueueTotals
    {
        /// <summary>Messages stored.</summary>
        public required long Published { get; init; }

        /// <summary>Leases granted and pops.</summary>
        public required long Delivered { get; init; }

        /// <summary>Messages acked.</summary>
        public required long Acked { get; init; }

        /// <summary>Messages dead-lettered.</summary>
        public required long DeadLettered { get; init; }

        /// <summary>Messages expired.</summary>
        public required long Expired { get; init; }
    }

    /// <summary>A queue.</summary>
    public sealed record Queue
    {
        /// <summary>Its name.</summary>
        public required string Name { get; init; }

        /// <summary>Every setting; null means none.</summary>
        public required QueueSettings Settings { get; init; }

        /// <summary>Live messages per state.</summary>
        public required QueueCounts Counts { get; init; }

        /// <summary>Totals since it was created.</summary>
        public required QueueTotals Totals { get; init; }
    }

    /// <summary>Every queue.</summary>
    public sealed record QueueList
    {
        /// <summary>By name.</summary>
        public required Queue[] Queues { get; init; }
    }

    /// <summary>A redrive; an empty body means <c>{}</c>.</summary>
    public sealed record RedriveRequest
    {
        /// <summary>Move to this queue instead of each message's source queue.</summary>
        public string? To { get; init; }

        /// <summary>Move at most this many.</summary>
        public int? Max { get; init; }
    }

    /// <summary>The answer of a purge.</summary>
    public sealed record PurgeResult
    {
        /// <summary>Messages removed.</summary>
        public required long Purged { get; init; }
    }

    /// <summary>The answer of a redrive, once every moved message is stored in its target queue.</summary>
    public sealed record RedriveResult
    {
        /// <summary>Messages moved.</summary>
        public required long Moved { get; init; }
    }

    /// <summary>The answer of a sweep.</summary>
    public sealed record SweepResult
    {
        /// <summary>Expired messages removed or dead-lettered.</summary>
        public required long Expired { get; init; }
    }

    /// <summary>An RFC 9457 problem.</summary>
    public sealed record Problem
    {
        /// <summary>A URN naming the kind of problem.</summary>
        public required string Type { get; init; }

        /// <summary>Short summary of the kind.</summary>
        public required string Title { get; init; }

        /// <summary>The HTTP status.</summary>
        public required int Status { get; init; }

        /// <summary>What went wrong and what to do about it.</summary>
        public required string Detail { get; init; }

        /// <summary>The offending input, when there is one (<c>messages[3].priority</c>, <c>If-Match</c>).</summary>
        public string? Field { get; init; }
    }
}
