using ActorMq.LoadGen;

LoadGenOptions options;
try
{
    options = LoadGenOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ActorMq.LoadGen: {e.Message}");
    Console.Error.WriteLine(LoadGenOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(LoadGenOptions.Usage);
    return 0;
}

using var api = new NodeApi(options.Url, options.Concurrency + 8);
using (var ready = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
{
    try
    {
        var health = await api.GetAsync("/health/ready", ready.Token);
        if (health.Status != 200)
        {
            Console.Error.WriteLine($"ActorMq.LoadGen: {options.Url} is not ready: {health.Describe()}");
            return 3;
        }
    }
    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"ActorMq.LoadGen: {options.Url} does not answer: {e.Message}");
        return 3;
    }
}

var counters = new MachineCounters(options.NodePid);
var runner = new ScenarioRunner(api, options, Console.Error, counters);
Console.WriteLine(
    $"# ActorMq.LoadGen url={options.Url} scenarios={string.Join(",", options.Scenarios)} scale={options.Scale} " +
    $"concurrency={options.Concurrency} timeout_s={options.Timeout.TotalSeconds} body_bytes={options.BodyBytes} " +
    $"cores={Environment.ProcessorCount} loadavg1={MachineCounters.LoadAverage()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "n/a"}");

var failed = new List<string>();
if (options.WarmupMessages > 0)
{
    foreach (var warmup in await runner.WarmupAsync())
    {
        Console.WriteLine($"# {warmup}");
        if (!warmup.Passed)
        {
            Console.Error.WriteLine($"ActorMq.LoadGen: {warmup.Scenario} failed ({string.Join(", ", warmup.Failures)}); the figures below may not mean much.");
        }
    }
}

foreach (var scenario in options.Scenarios)
{
    try
    {
        var line = await runner.RunAsync(scenario);
        Console.WriteLine(line);
        if (!line.Passed)
        {
            failed.Add($"{scenario} ({string.Join(", ", line.Failures)})");
        }
    }
    catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or System.Text.Json.JsonException)
    {
        Console.WriteLine($"scenario={scenario} aborted=true");
        Console.Error.WriteLine($"[{scenario}] aborted: {e.GetType().Name}: {e.Message}");
        failed.Add($"{scenario} (aborted)");
    }
}

if (failed.Count > 0)
{
    Console.Error.WriteLine($"ActorMq.LoadGen: checks failed in {string.Join("; ", failed)}");
    return 1;
}

return 0;
