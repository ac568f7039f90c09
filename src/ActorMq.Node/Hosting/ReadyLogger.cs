using ActorMq.Cluster.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorMq.Node.Hosting;

/// <summary>
/// Logs the one "ActorMq node ready" line once the node has joined, its regions are up and the HTTP server listens (its
/// addresses are in the line: background services start before the server binds them).
/// </summary>
internal sealed class ReadyLogger(IQueueGateway gateway, NodeSettings settings, IServer server, IHostApplicationLifetime lifetime, ILogger<ReadyLogger> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(false);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!gateway.IsReady && await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
        }

        if (gateway.IsReady)
        {
            var http = settings.IsGateway ? string.Join(",", server.Features.Get<IServerAddressesFeature>()?.Addresses ?? []) : "none";
            log.LogInformation(
                "ActorMq node ready: http={Http} akka={Akka} roles={Roles}",
                http,
                settings.Node.SelfAddress,
                string.Join(",", settings.Node.Roles));
        }
    }
}
