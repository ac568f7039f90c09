namespace ActorMq.Node.Http;

/// <summary>Options of the HTTP API that a gateway node serves (DESIGN.md section 4).</summary>
public sealed class HttpApiOptions
{
    /// <summary>
    /// Whether publishing to a queue that does not exist creates it with default settings; when false such a publish
    /// answers 404. Node option <c>--auto-create-queues</c> / <c>ACTORMQ_AUTO_CREATE_QUEUES</c>. Default true.
    /// </summary>
    public bool AutoCreateQueues { get; set; } = true;

    /// <summary>
    /// How long a request waits for the cluster to answer before it is given up with 503; a long-polling receive waits
    /// its <c>waitSeconds</c> on top of this. Default 30 seconds.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Largest request body accepted, in bytes; larger requests are refused with 413 before they are read. Sized for a
    /// publish batch of 1000 messages of about 64 KiB each, or one message at the largest <c>maxMessageBytes</c> a queue
    /// may set (16 MiB) sent as <c>bodyBase64</c>. Also applied to Kestrel's request body limit. Default 67108864 (64 MiB).
    /// </summary>
    public long MaxRequestBodyBytes { get; set; } = 64L * 1024 * 1024;
}
