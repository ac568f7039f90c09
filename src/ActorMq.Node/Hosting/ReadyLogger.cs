using ActorMq.Cluster.Gateway;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorMq.Node.Hosting;

/// <summary>Logs the one "ActorMq node ready" line once the node has joined and its regions are up.</summary>
internal sealed class ReadyLogger(IQueueGateway gateway, NodeSettings settings, IServer server, ILogger<ReadyLogger> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
