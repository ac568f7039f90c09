using ActorMq.Bench.Engine;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActorMq.Bench.Engine -- --filter '*'   (BenchmarkDotNet, ~10 min)
// dotnet run -c Release --project bench/ActorMq.Bench.Engine -- --quick        (Stopwatch harness, ~1 min)
// dotnet run -c Release --project bench/ActorMq.Bench.Engine -- --parked 1000000   (memory per parked message)
if (Array.IndexOf(args, "--parked") is var parked and >= 0)
{
    return ParkedHarness.Run(int.Parse(args[parked + 1], System.Globalization.CultureInfo.InvariantCulture));
}

if (args.Contains("--quick"))
{
    return QuickHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
