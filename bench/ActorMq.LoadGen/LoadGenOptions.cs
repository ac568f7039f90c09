using System.Globalization;

namespace ActorMq.LoadGen;

/// <summary>The command line of the load generator.</summary>
internal sealed class LoadGenOptions
{
    public const string Usage = """
        usage: ActorMq.LoadGen [options]
          --url URL            node HTTP address (default http://127.0.0.1:5080)
          --scenarios LIST     comma-separated scenarios, or 'all' (default all):
                               publish_single_1q, publish_batch100_1q, publish_single_8q, publish_batch100_8q,
                               roundtrip_1q, roundtrip_8q, scheduled_lateness;
                               and, not in 'all', the baselines probe_http (GET /health/live) and probe_ask (GET a queue)
          --scale X            multiplies every message count (default 1: 20,000 publish/roundtrip, 10,000 scheduled)
          --concurrency N      requests in flight (publishers, and consumers in the receive phases; default 64)
          --timeout-s S        time bound of each scenario in seconds (default 120)
          --body-bytes B       approximate size of each message body's JSON (default 100)
          --warmup N           first publish N single messages, then publish/receive/ack N, on throw-away queues
                               (default 20000; 0 = none): a fresh node runs at about half speed until the JIT has tiered up
          --node-pid PID       the node's process id: adds node_cpu_s (from /proc, Linux) to each line
          --schedule-lead-s S  how far ahead scheduled_lateness schedules its first message (default 5; from about
                               30 the messages are parked in schedule buckets and woken before they are due)
        Prints one key=value line per scenario on stdout (comment lines start with '#'); progress goes to stderr.
        Exit code 0 when every check passed (no errors, nothing missing, no duplicates, nothing early, no timeout).
        """;

    public Uri Url { get; private set; } = new("http://127.0.0.1:5080");

    public IReadOnlyList<string> Scenarios { get; private set; } = ScenarioRunner.All;

    public double Scale { get; private set; } = 1;

    public int Concurrency { get; private set; } = 64;

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(120);

    public int BodyBytes { get; private set; } = 100;

    public int WarmupMessages { get; private set; } = 20_000;

    public int? NodePid { get; private set; }

    public TimeSpan ScheduleLead { get; private set; } = TimeSpan.FromSeconds(5);

    public bool Help { get; private set; }

    /// <summary>A count from the defaults, multiplied by <see cref="Scale"/> (at least 1).</summary>
    public int Scaled(int count) => Math.Max(1, (int)Math.Round(count * Scale));

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static LoadGenOptions Parse(string[] args)
    {
        var options = new LoadGenOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help")
            {
                options.Help = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "--url":
                    options.Url = Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                        ? url
                        : throw new ArgumentException($"--url '{value}' is not an http(s) address.");
                    break;
                case "--scenarios":
                    options.Scenarios = ParseScenarios(value);
                    break;
                case "--scale":
                    options.Scale = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 && scale <= 1000
                        ? scale
                        : throw new ArgumentException($"--scale '{value}' must be a number above 0 (at most 1000).");
                    break;
                case "--concurrency":
                    options.Concurrency = PositiveInt(name, value, 4096);
                    break;
                case "--timeout-s":
                    options.Timeout = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0 && s <= 86400
                        ? TimeSpan.FromSeconds(s)
                        : throw new ArgumentException($"--timeout-s '{value}' must be a number of seconds above 0.");
                    break;
                case "--body-bytes":
                    options.BodyBytes = PositiveInt(name, value, 200_000);
                    break;
                case "--warmup":
                    options.WarmupMessages = value == "0" ? 0 : PositiveInt(name, value, 1_000_000);
                    break;
                case "--node-pid":
                    options.NodePid = PositiveInt(name, value, int.MaxValue);
                    break;
                case "--schedule-lead-s":
                    options.ScheduleLead = TimeSpan.FromSeconds(PositiveInt(name, value, 3600));
                    break;
                default:
                    throw new ArgumentException($"unknown option '{name}'.");
            }
        }

        return options;
    }

    private static string[] ParseScenarios(string value)
    {
        var names = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names is ["all"])
        {
            return [.. ScenarioRunner.All];
        }

        if (names.Length == 0)
        {
            throw new ArgumentException("--scenarios is empty.");
        }

        var known = ScenarioRunner.All.Concat(ScenarioRunner.Diagnostics).ToArray();
        var unknown = names.FirstOrDefault(n => !known.Contains(n));
        return unknown is null
            ? names
            : throw new ArgumentException($"--scenarios: unknown scenario '{unknown}'; known: {string.Join(", ", known)}.");
    }

    private static int PositiveInt(string name, string value, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= max
            ? n
            : throw new ArgumentException($"{name} '{value}' must be a whole number from 1 to {max}.");
}
