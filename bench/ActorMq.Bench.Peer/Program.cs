using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using ActorMq.Bench.Peer;
using ActorMq.Bench.Peer.Scenarios;
using ActorMq.Client;

// The RabbitMQ peer harness's scenarios against ActorMq, through IActorMqClient over HTTP or Akka (bench/README.md,
// "Comparison with RabbitMQ"). Result lines on stdout, progress and diagnostics on stderr.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

PeerOptions options;
try
{
    options = PeerOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ActorMq.Bench.Peer: {e.Message}");
    Console.Error.WriteLine(PeerOptions.Usage);
    return 2;
}

if (options.Help)
{
    Console.WriteLine(PeerOptions.Usage);
    return 0;
}

var log = Console.Error;
using var shutdown = new CancellationTokenSource();
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

NodeHost node;
try
{
    node = options.Url is null ? await NodeHost.StartAsync(options, log, shutdown.Token) : NodeHost.Attach(options);
}
catch (Exception e) when (e is NodeStartException or InvalidOperationException or OperationCanceledException)
{
    log.WriteLine($"ActorMq.Bench.Peer: no node: {e.Message}");
    return 3;
}

// If this process is torn down without the disposals below, do not leave the node running.
AppDomain.CurrentDomain.ProcessExit += (_, _) => node.KillNow();
await using (node)
{
    var failed = false;
    await using (var context = new BenchContext(options, node, log))
    {
        Console.WriteLine(
            $"info server_product=ActorMq server_version={node.Version} client=ActorMq.Client/{ClientVersion()} " +
            $"transport={options.Transport} dotnet={Environment.Version} cores={Environment.ProcessorCount} body_bytes={BenchBody.Size} " +
            $"publish_batch={options.PublishBatch} publish_batches_in_flight={options.PublishBatchesInFlight} " +
            $"receive_max={options.ReceiveMax} consumers={options.Consumers} consume={options.Consume} publish={options.Publish} scale={ResultLine.F(options.Scale, 3)} " +
            $"timeout_s={ResultLine.F(options.Timeout.TotalSeconds, 0)} warmup={options.WarmupMessages}");
        Console.WriteLine(
            $"info node http={node.HttpUrl.AbsoluteUri.TrimEnd('/')} akka={node.AkkaAddress} pid={node.Pid?.ToString(CultureInfo.InvariantCulture) ?? "na"} " +
            $"owned={(node.Owned ? "true" : "false")} data_dir={node.DataDir ?? "na"} node_args={(options.NodeArgs.Count > 0 ? string.Join(',', options.NodeArgs) : "none")}");

        if (options.WarmupMessages > 0)
        {
            try
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(shutdown.Token);
                deadline.CancelAfter(options.Timeout);
                foreach (var line in await WarmupScenario.RunAsync(context, deadline.Token))
                {
                    Console.WriteLine("# " + line);
                }
            }
            catch (Exception e) when (e is ActorMqException or OperationCanceledException or InvalidOperationException)
            {
                Console.WriteLine($"# scenario=warmup status=error error=\"{Clean(e)}\"");
                log.WriteLine($"[warmup] {e}");
            }
        }

        foreach (var name in options.Scenarios)
        {
            if (shutdown.IsCancellationRequested)
            {
                break;
            }

            try
            {
                var line = await ScenarioCatalog.RunAsync(context, name, shutdown.Token);
                Console.WriteLine(line);
                if (!line.Passed)
                {
                    failed = true;
                    log.WriteLine($"[{name}] failed: {string.Join(", ", line.Failures)}");
                    PrintNodeLog(name);
                }
            }
            catch (SkipException e)
            {
                Console.WriteLine($"scenario={name} transport={options.Transport} status=skipped reason=\"{e.Message.Replace('"', '\'')}\"");
            }
            catch (Exception e) when (e is ActorMqException or OperationCanceledException or TimeoutException or InvalidOperationException or NodeStartException)
            {
                failed = true;
                Console.WriteLine($"scenario={name} transport={options.Transport} status=error error=\"{Clean(e)}\"");
                log.WriteLine($"[{name}] {e}");
                PrintNodeLog(name);
            }
        }
    }

    return failed || shutdown.IsCancellationRequested ? 1 : 0;
}

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true; // finish by cancelling the scenario and stopping the node, not by dying
    log.WriteLine($"ActorMq.Bench.Peer: {signal.Signal}: stopping");
    shutdown.Cancel();
}

void PrintNodeLog(string scenario)
{
    if (node.Owned)
    {
        log.WriteLine($"[{scenario}] the node's log ({node.LogPath}), last lines:");
        log.WriteLine(node.LogTail(40));
    }
}

static string Clean(Exception e) => $"{e.GetType().Name}: {e.Message}".Replace('"', '\'').ReplaceLineEndings(" ");

static string ClientVersion() =>
    typeof(IActorMqClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?";
