using ActorMq.Cluster.Hosting;
using ActorMq.Node.Http;
using Akka.Hosting;

namespace ActorMq.Node.Hosting;

/// <summary>What makes a web application an ActorMq node; Program.cs calls these two and nothing else.</summary>
public static class NodeBuilderExtensions
{
    /// <summary>Reads the node options and adds the actor system, the gateway and (with role gateway) the HTTP API.</summary>
    public static NodeSettings AddActorMqNode(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddEnvironmentVariables("ACTORMQ_").AddCommandLine(args);
        var settings = NodeSettings.From(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(NodeSettings.DefaultUrls);
        }

        // Kestrel hands a connection's reads and writes to the application on the thread that completed them, instead of
        // queueing each to another pool thread: a stream's frames cross two thread switches fewer. The node's
        // endpoints never block a thread, which is what this setting requires.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);

        // One log line per request costs more than the request itself: ASP.NET Core logs warnings only.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        SqliteStore.Prepare(settings.Persistence);
        var config = ActorMqConfig.Load(settings.Node, settings.Persistence);
        builder.Services
            .AddSingleton(settings)
            .AddAkka(NodeOptions.SystemName, akka => akka
                .WithActorMqConfiguration(config)
                .WithActorMqPersistence(settings.Persistence)
                .WithActorMqQueues(settings.Node, config)
                .WithActorMqClientGateway(settings.Node, config, settings.AutoCreateQueues))
            .AddActorMqGateway(config)
            .AddActorMqHttpApi(api => api.AutoCreateQueues = settings.AutoCreateQueues)
            .AddHostedService<ReadyLogger>();
        return settings;
    }

    /// <summary>Maps the HTTP API (operations endpoints only on a node without role gateway).</summary>
    public static WebApplication MapActorMqNode(this WebApplication app, NodeSettings settings)
    {
        if (settings.IsGateway)
        {
            // For the delivery stream (GET /v1/queues/{q}/stream); pings keep idle streams through proxies and NATs.
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
            app.MapActorMqHttpApi();
        }
        else
        {
            app.MapActorMqOperations();
        }

        return app;
    }
}
