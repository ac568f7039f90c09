using System.Net;
using System.Net.Sockets;

namespace ActorMq.Testing;

/// <summary>The loopback ports of one node: HTTP and Akka remoting.</summary>
/// <param name="Http">The HTTP port on 127.0.0.1.</param>
/// <param name="Akka">The Akka remoting port on 127.0.0.1.</param>
public readonly record struct NodePorts(int Http, int Akka)
{
    /// <summary>
    /// Free loopback ports for <paramref name="count"/> nodes, all distinct: every listener stays open until all are
    /// chosen. Someone else may still take a port before the node binds it.
    /// </summary>
    public static IReadOnlyList<NodePorts> Free(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var listeners = new List<TcpListener>();
        try
        {
            for (var i = 0; i < 2 * count; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listeners.Add(listener);
                listener.Start();
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
            return [.. Enumerable.Range(0, count).Select(i => new NodePorts(ports[2 * i], ports[(2 * i) + 1]))];
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Stop();
            }
        }
    }
}
