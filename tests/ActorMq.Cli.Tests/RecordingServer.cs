using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorMq.Cli.Tests;

/// <summary>
/// A stand-in HTTP server on 127.0.0.1 that records each request (method, path, body) and answers it with the JSON
/// its answer function gives for "METHOD /path": to see exactly what the CLI sends, and how it takes odd answers.
/// </summary>
public sealed class RecordingServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<string, string> _answer;
    private readonly Task _loop;

    public RecordingServer(string answer)
        : this(_ => answer)
    {
    }

    public RecordingServer(Func<string, string> answer)
    {
        _answer = answer;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Address = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Address.AbsoluteUri);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Address { get; }

    /// <summary>"METHOD /path?query body" of each request so far.</summary>
    public List<string> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            lock (Requests)
            {
                Requests.Add($"{context.Request.HttpMethod} {context.Request.Url!.PathAndQuery} {body}".TrimEnd());
            }

            var bytes = Encoding.UTF8.GetBytes(_answer($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath}"));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
