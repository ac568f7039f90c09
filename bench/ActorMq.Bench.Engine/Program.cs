using ActorMq.Bench.Engine;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActorMq.Bench.Engine -- --filter '*'   (BenchmarkDotNet, ~10 min)
// dotnet run -c Release --project bench/ActorMq.Bench.Engine -- --quick        (Stopwatch harness, ~1 min)
if (args.Contains("--quick"))
{
    return QuickHarness.Run(args);
}

BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args);
return 0;
