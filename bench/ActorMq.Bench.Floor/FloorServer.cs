using System.Net;
using System.Net.Sockets;

namespace ActorMq.Bench.Floor;

/// <summary>
/// The trivial server: on HTTP port P, <c>POST /echo</c> answers the request's body (Kestrel, minimal API, the node's
/// thread-pool settings); on TCP port P+1, every 8-byte frame read is written back on the same connection.
/// </summary>
internal static class FloorServer
{
    public static async Task<int> RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapPost("/echo", async (HttpContext http) =>
        {
            var body = new byte[http.Request.ContentLength ?? 0];
            await http.Request.Body.ReadExactlyAsync(body);
            return Results.Bytes(body, "application/json");
        });

        using var listener = new TcpListener(IPAddress.Loopback, port + 1);
        listener.Start();
        _ = Task.Run(() => AcceptAsync(listener));
        await app.RunAsync();
        return 0;
    }

    private static async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            var socket = await listener.AcceptSocketAsync();
            socket.NoDelay = true;
            _ = Task.Run(() => EchoAsync(socket));
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        var frame = new byte[Frame.Size];
        try
        {
            while (await Frame.ReadAsync(socket, frame))
            {
                await socket.SendAsync(frame, SocketFlags.None);
            }
        }
        catch (SocketException)
        {
            // the client went away
        }
        finally
        {
            socket.Dispose();
        }
    }
}
