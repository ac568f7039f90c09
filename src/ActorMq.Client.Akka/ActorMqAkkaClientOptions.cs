namespace ActorMq.Client;

/// <summary>Where and how <see cref="ActorMqAkkaClient"/> reaches the cluster.</summary>
public sealed class ActorMqAkkaClientOptions
{
    /// <summary>
    /// Remoting addresses of gateway nodes, such as <c>akka.tcp://actormq@127.0.0.1:4053</c> (a node's
    /// <c>--akka-host</c> and <c>--akka-port</c>). Several give failover: a request goes to one that answers. Required.
    /// </summary>
    public IReadOnlyList<string> ContactPoints { get; set; } = [];

    /// <summary>How requests reach a gateway. Default <see cref="AkkaTransport.Direct"/>.</summary>
    public AkkaTransport Transport { get; set; } = AkkaTransport.Direct;

    /// <summary>
    /// How long a request waits for its answer (a long poll's wait comes on top); then it throws
    /// <see cref="UnavailableException"/>. Default 35 s: a little more than a node's own request timeout (30 s), so the
    /// node's answer of a queue that is slow arrives first.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>
    /// How long finding a gateway may take (<see cref="AkkaTransport.Direct"/>: resolving the contact points, all at
    /// once). Default 5 s.
    /// </summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The host name of the client's own remoting endpoint, which gateways answer to; it must be reachable from them.
    /// Default <c>127.0.0.1</c>. Used only when the client starts its own actor system.
    /// </summary>
    public string Hostname { get; set; } = "127.0.0.1";

    /// <summary>The port of the client's remoting endpoint; 0 for any free port. Default 0. Used only when the client starts its own actor system.</summary>
    public int Port { get; set; }

    /// <summary>The name of the actor system the client starts. Default <c>actormq-client</c>.</summary>
    public string SystemName { get; set; } = "actormq-client";

    /// <summary>
    /// How long a gateway may be silent before it is taken as gone: the heartbeat pause of Akka's failure detectors
    /// (remote death watch for <see cref="AkkaTransport.Direct"/>, the ClusterClient's for
    /// <see cref="AkkaTransport.ClusterClient"/>). Lower fails over sooner, but a busy gateway may then be left early.
    /// Default 6 s. Used only when the client starts its own actor system.
    /// </summary>
    public TimeSpan FailureDetectionPause { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>Checks the options; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public void Validate()
    {
        if (ContactPoints is null || ContactPoints.Count == 0)
        {
            throw new ArgumentException("ContactPoints is empty: give at least one gateway node address, such as akka.tcp://actormq@127.0.0.1:4053", nameof(ContactPoints));
        }

        foreach (var contact in ContactPoints)
        {
            if (contact is null
                || !Akka.Actor.Address.TryParse(contact, out var address, out var path)
                || address.Host is null
                || address.Port is null
                || path.Trim('/').Length > 0)
            {
                throw new ArgumentException($"'{contact}' is not a node address such as akka.tcp://actormq@127.0.0.1:4053 (no path)", nameof(ContactPoints));
            }
        }

        if (RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || FailureDetectionPause <= TimeSpan.Zero)
        {
            throw new ArgumentException("RequestTimeout, ConnectTimeout and FailureDetectionPause must be positive", nameof(RequestTimeout));
        }
    }
}
