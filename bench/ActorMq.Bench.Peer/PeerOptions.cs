using System.Globalization;

namespace ActorMq.Bench.Peer;

/// <summary>The command line of the peer harness.</summary>
internal sealed class PeerOptions
{
    public const string Usage = """
        usage: ActorMq.Bench.Peer [options]
          --transport http|akka     how the client reaches the node: ActorMqHttpClient or ActorMqAkkaClient (default http)
          --scenarios LIST          comma-separated (default: ddmq5000,persistent_100k,priority_100k,latency,scheduled_100k);
                                    also scheduled_1m_memory and recovery_1m, which run only when named or with --all
          --all                     every scenario
          --scale X                 multiplies every message count (default 1)
          --timeout-s S             time bound of each scenario (default 300)
          --warmup N                untimed warm-up: N messages published and consumed as the scenarios do, then N/10
                                    single publishes, on a throw-away queue (default 20000; 0 = none)
          --publish-batch N         messages per PublishBatchAsync (default 100)
          --publish-batches-in-flight K
                                    batches a publisher keeps in flight (default 1: at most 100 unconfirmed messages)
          --receive-max N           most messages per ReceiveAsync (default 100, like the peer's prefetch)
          --consumers N             concurrent consumers while draining (default 1, like the peer)
          --consume stream|poll     how consumers get messages: the push stream GET /v1/queues/{q}/stream with credit
                                    refilled as acks go out, as the peer's AMQP consumers get theirs (http only; the
                                    default with http), or long-polled receives (the default with akka)
          --publish stream|request  how publishers send: over a stream of the queue (GET /v1/queues/{q}/stream, each
                                    publish a frame answered once written, as the peer's AMQP channel pipelines them;
                                    http only; the default with http), or one request per publish (the default with akka)
          --schedule-lead-s S       scheduled_100k: how far ahead the first message is due (default: from the warm-up's
                                    publish rate, so that every message is published before the first is due)
          --settle-s S              scheduled_1m_memory: wait before reading the node's memory again (default 10)
          --recovery-kill           recovery_1m: stop the node with SIGKILL instead of SIGTERM
          --url URL                 use a running node instead of starting one (recovery_1m is then skipped)
          --akka-address ADDRESS    with --url and --transport akka: the node's akka.tcp://actormq@host:port
          --node-pid PID            with --url: the node's process id, for its memory (scheduled_1m_memory)
          --node-dll PATH           the node to start (default src/ActorMq.Node/bin/Release/net10.0/ActorMq.Node.dll)
          --node-arg ARG            one more argument for the node; repeat for several
          --ready-timeout-s S       how long a node start may take until /health/ready answers 200 (default 120)
          --latency-dump FILE       latency: one line per message to FILE (sequence number, ms since the first send,
                                    to_node, in_queue and to_consumer ms), and FILE.start with the first send's UTC
                                    ticks, for finding when a tail happened
        Prints 'info' lines, a '#' warm-up line, then one key=value line per scenario ending in status=ok|fail|error|skipped.
        Exit code 0 when no scenario failed or errored.
        """;

    /// <summary>The scenarios run when none is named, in the order they run.</summary>
    public static readonly string[] DefaultScenarios = ["ddmq5000", "persistent_100k", "priority_100k", "latency", "scheduled_100k"];

    /// <summary>Every scenario, in the order they run: the long ones last, the restart of recovery_1m at the very end.</summary>
    public static readonly string[] AllScenarios = [.. DefaultScenarios, "scheduled_1m_memory", "recovery_1m"];

    private readonly List<string> _nodeArgs = [];

    public string Transport { get; private set; } = "http";

    public IReadOnlyList<string> Scenarios { get; private set; } = DefaultScenarios;

    public double Scale { get; private set; } = 1;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(300);

    public int WarmupMessages { get; private set; } = 20_000;

    public int PublishBatch { get; private set; } = 100;

    public int PublishBatchesInFlight { get; private set; } = 1;

    public int ReceiveMax { get; private set; } = 100;

    public int Consumers { get; private set; } = 1;

    /// <summary><c>stream</c> (the push stream) or <c>poll</c> (receives).</summary>
    public string Consume { get; private set; } = "";

    public bool Streams => Consume == "stream";

    /// <summary><c>stream</c> (publishes as frames of a queue's stream) or <c>request</c> (one request each).</summary>
    public string Publish { get; private set; } = "";

    public bool PublishesOnStreams => Publish == "stream";

    public TimeSpan? ScheduleLead { get; private set; }

    public TimeSpan Settle { get; private set; } = TimeSpan.FromSeconds(10);

    public bool RecoveryKill { get; private set; }

    public Uri? Url { get; private set; }

    public string? AkkaAddress { get; private set; }

    public int? NodePid { get; private set; }

    public string? NodeDll { get; private set; }

    public IReadOnlyList<string> NodeArgs => _nodeArgs;

    public TimeSpan ReadyTimeout { get; private set; } = TimeSpan.FromSeconds(120);

    public string? LatencyDump { get; private set; }

    public bool Help { get; private set; }

    /// <summary>A count from the defaults, multiplied by <see cref="Scale"/> (at least 1).</summary>
    public int Scaled(int count) => Math.Max(1, (int)Math.Round(count * Scale));

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static PeerOptions Parse(string[] args)
    {
        var options = new PeerOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "-h" or "--help":
                    options.Help = true;
                    continue;
                case "--all":
                    options.Scenarios = AllScenarios;
                    continue;
                case "--recovery-kill":
                    options.RecoveryKill = true;
                    continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--transport":
                    options.Transport = value is "http" or "akka" ? value : throw new ArgumentException($"--transport '{value}': use http or akka.");
                    break;
                case "--scenarios":
                    options.Scenarios = ParseScenarios(value);
                    break;
                case "--scale":
                    options.Scale = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale <= 100
                        ? scale
                        : throw new ArgumentException($"--scale '{value}' must be a number above 0 (at most 100).");
                    break;
                case "--timeout-s":
                    options.Timeout = Seconds(name, value);
                    break;
                case "--warmup":
                    options.WarmupMessages = value == "0" ? 0 : Whole(name, value, 10_000_000);
                    break;
                case "--publish-batch":
                    options.PublishBatch = Whole(name, value, 1000);
                    break;
                case "--publish-batches-in-flight":
                    options.PublishBatchesInFlight = Whole(name, value, 1000);
                    break;
                case "--receive-max":
                    options.ReceiveMax = Whole(name, value, 1000);
                    break;
                case "--consume":
                    options.Consume = value is "poll" or "stream" ? value : throw new ArgumentException($"--consume '{value}': use poll or stream.");
                    break;
                case "--publish":
                    options.Publish = value is "request" or "stream" ? value : throw new ArgumentException($"--publish '{value}': use request or stream.");
                    break;
                case "--consumers":
                    options.Consumers = Whole(name, value, 256);
                    break;
                case "--schedule-lead-s":
                    options.ScheduleLead = Seconds(name, value);
                    break;
                case "--settle-s":
                    options.Settle = value == "0" ? TimeSpan.Zero : Seconds(name, value);
                    break;
                case "--url":
                    options.Url = Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                        ? url
                        : throw new ArgumentException($"--url '{value}' is not an http(s) address.");
                    break;
                case "--akka-address":
                    options.AkkaAddress = value.StartsWith("akka.tcp://", StringComparison.Ordinal)
                        ? value
                        : throw new ArgumentException($"--akka-address '{value}' is not of the form akka.tcp://actormq@host:port.");
                    break;
                case "--node-pid":
                    options.NodePid = Whole(name, value, int.MaxValue);
                    break;
                case "--node-dll":
                    options.NodeDll = File.Exists(value) ? Path.GetFullPath(value) : throw new ArgumentException($"--node-dll '{value}' does not exist.");
                    break;
                case "--node-arg":
                    options._nodeArgs.Add(value);
                    break;
                case "--ready-timeout-s":
                    options.ReadyTimeout = Seconds(name, value);
                    break;
                case "--latency-dump":
                    options.LatencyDump = Path.GetFullPath(value);
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        if (options.Consume.Length == 0)
        {
            options.Consume = options.Transport == "http" ? "stream" : "poll";
        }

        if (options.Publish.Length == 0)
        {
            options.Publish = options.Transport == "http" ? "stream" : "request";
        }

        if ((options.Streams || options.PublishesOnStreams) && options.Transport != "http")
        {
            throw new ArgumentException("--consume stream and --publish stream need --transport http: a queue's stream is a WebSocket of the HTTP API.");
        }

        if (options.Url is not null && options.Transport == "akka" && options.AkkaAddress is null)
        {
            throw new ArgumentException("--url with --transport akka needs --akka-address akka.tcp://actormq@host:port.");
        }

        return options;
    }

    private static string[] ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("--scenarios is empty.");
        }

        if (names.FirstOrDefault(n => !AllScenarios.Contains(n)) is { } unknown)
        {
            throw new ArgumentException($"unknown scenario '{unknown}'; known: {string.Join(", ", AllScenarios)}.");
        }

        // Always in the catalog's order, each once: recovery_1m restarts the node, so it goes last.
        return [.. AllScenarios.Where(names.Contains)];
    }

    private static int Whole(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= max
            ? n
            : throw new ArgumentException($"{name} '{value}' must be a whole number from 1 to {max}.");

    private static TimeSpan Seconds(string name, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86_400
            ? TimeSpan.FromSeconds(s)
            : throw new ArgumentException($"{name} '{value}' must be a number of seconds above 0.");
}
