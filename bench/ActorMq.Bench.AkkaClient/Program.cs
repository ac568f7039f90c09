using System.Diagnostics;
using System.Globalization;
using ActorMq.Client;
using ActorMq.Testing;

// Sequential round trips of one operation over each transport of the client, against one real node on 127.0.0.1:
//   dotnet run --project bench/ActorMq.Bench.AkkaClient -c Release -- [--count 2000] [--warmup 500] [--rounds 3] [--op get|publish]
// Prints p50, p90, p99 and the mean per transport and round; the rounds alternate the transports so that a busy
// moment of the machine does not fall on one transport only.
var count = Option("--count", 2000);
var warmup = Option("--warmup", 500);
var rounds = Option("--rounds", 3);
var op = OptionText("--op", "get");
if (op is not ("get" or "publish"))
{
    Console.Error.WriteLine("--op must be get or publish");
    return 2;
}

using var node = await NodeProcess.StartAsync();
var contact = $"akka.tcp://actormq@127.0.0.1:{node.AkkaPort}";
Console.WriteLine($"node: http={node.BaseAddress} akka={contact}; {count} sequential '{op}' calls per run, {warmup} warm-up, {rounds} rounds");

using var http = new ActorMqHttpClient(node.BaseAddress);
await using var direct = new ActorMqAkkaClient(new ActorMqAkkaClientOptions { ContactPoints = [contact], Transport = AkkaTransport.Direct });
await using var clusterClient = new ActorMqAkkaClient(new ActorMqAkkaClientOptions { ContactPoints = [contact], Transport = AkkaTransport.ClusterClient });
(string Name, IActorMqClient Client)[] transports = [("akka-direct", direct), ("akka-clusterclient", clusterClient), ("http", http)];

const string queue = "bench-latency";
await http.CreateOrUpdateQueueAsync(queue, new QueueSettings { MaxDepth = null });
var body = MessageBody.Json("""{"orderId": 42, "note": "a small body of about sixty bytes"}""");
Func<IActorMqClient, Task> call = op == "get"
    ? c => c.GetQueueAsync(queue)
    : c => c.PublishAsync(queue, body);

foreach (var (_, client) in transports)
{
    for (var i = 0; i < warmup; i++)
    {
        await call(client);
    }
}

var all = transports.ToDictionary(t => t.Name, _ => new List<double>());
for (var round = 1; round <= rounds; round++)
{
    foreach (var (name, client) in transports)
    {
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call(client);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        all[name].AddRange(samples);
        Print($"round {round} {name}", samples);
    }

    if (op == "publish")
    {
        await http.PurgeQueueAsync(queue);
    }
}

Console.WriteLine();
foreach (var (name, samples) in all)
{
    Print($"all rounds {name}", samples.ToArray());
}

return 0;

static void Print(string what, double[] samples)
{
    Array.Sort(samples);
    double At(double p) => samples[Math.Min(samples.Length - 1, (int)Math.Ceiling(p * samples.Length) - 1)];
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{what,-32} n={samples.Length,6}  p50={At(0.50),7:0.000} ms  p90={At(0.90),7:0.000} ms  p99={At(0.99),7:0.000} ms  mean={samples.Average(),7:0.000} ms"));
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

string OptionText(string name, string fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
