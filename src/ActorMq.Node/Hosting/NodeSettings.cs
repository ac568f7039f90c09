using System.Globalization;
using ActorMq.Cluster.Hosting;

namespace ActorMq.Node.Hosting;

/// <summary>
/// Every node option of DESIGN.md section 3, read from the command line (<c>--akka-port 4053</c>) or the environment
/// (<c>ACTORMQ_AKKA_PORT=4053</c>); the command line wins. A bad value stops the node with a message naming it.
/// </summary>
public sealed class NodeSettings
{
    /// <summary>The HTTP address used when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Cluster position: roles, remoting address, seeds, operator HOCON path.</summary>
    public NodeOptions Node { get; } = new();

    /// <summary>Journal and snapshot database.</summary>
    public PersistenceOptions Persistence { get; } = new();

    /// <summary>Whether publishing to a missing queue creates it. Default true.</summary>
    public bool AutoCreateQueues { get; private set; } = true;

    /// <summary>True when this node serves the HTTP API.</summary>
    public bool IsGateway => Node.HasRole(NodeOptions.GatewayRole);

    /// <summary>Reads the options; throws <see cref="ArgumentException"/> naming a bad one.</summary>
    public static NodeSettings From(IConfiguration configuration)
    {
        var settings = new NodeSettings();
        var node = settings.Node;
        if (Read(configuration, "roles") is { } roles)
        {
            node.Roles = SplitList(roles);
            var unknown = node.Roles.FirstOrDefault(r => r is not (NodeOptions.GatewayRole or NodeOptions.QueueRole));
            if (node.Roles.Count == 0 || unknown is not null)
            {
                throw new ArgumentException($"--roles '{roles}': use a comma-separated list of '{NodeOptions.GatewayRole}' and '{NodeOptions.QueueRole}'.");
            }
        }

        node.AkkaHost = Read(configuration, "akka-host") ?? node.AkkaHost;
        if (Read(configuration, "akka-port") is { } port)
        {
            node.AkkaPort = int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536
                ? p
                : throw new ArgumentException($"--akka-port '{port}' is not a TCP port (1-65535).");
        }

        if (Read(configuration, "seeds") is { } seeds)
        {
            node.Seeds = SplitList(seeds);
            if (node.Seeds.FirstOrDefault(s => !s.StartsWith($"akka.tcp://{NodeOptions.SystemName}@", StringComparison.Ordinal)) is { } bad)
            {
                throw new ArgumentException($"--seeds: '{bad}' is not of the form akka.tcp://{NodeOptions.SystemName}@host:port.");
            }
        }

        node.ConfigPath = Read(configuration, "config") ?? node.ConfigPath;

        var persistence = settings.Persistence;
        persistence.DataDirectory = Read(configuration, "data-dir") ?? persistence.DataDirectory;
        if (Read(configuration, "db-provider") is { } provider)
        {
            persistence.Provider = PersistenceOptions.ParseProvider(provider);
        }

        persistence.ConnectionString = Read(configuration, "db");
        persistence.Validate();

        if (Read(configuration, "auto-create-queues") is { } autoCreate)
        {
            settings.AutoCreateQueues = bool.TryParse(autoCreate, out var b)
                ? b
                : throw new ArgumentException($"--auto-create-queues '{autoCreate}': use true or false.");
        }

        return settings;
    }

    /// <summary>An option by its command-line name (<c>akka-port</c>) or environment name (<c>ACTORMQ_AKKA_PORT</c>).</summary>
    private static string? Read(IConfiguration configuration, string name)
    {
        var value = configuration[name] ?? configuration[name.Replace('-', '_')];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
