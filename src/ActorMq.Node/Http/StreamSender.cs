using System.Net.WebSockets;
using System.Text.Json;
using ActorMq.Node.Http.Json;

namespace ActorMq.Node.Http;

/// <summary>
/// The node's side of a stream's WebSocket: frames go one at a time (a WebSocket takes one send at a time), uncancelled
/// (cancelling a send would abort the socket), and the close goes after the last of them.
/// </summary>
internal sealed class StreamSender(WebSocket socket)
{
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>Sends one frame.</summary>
    /// <exception cref="WebSocketException">The connection broke.</exception>
    public async Task SendAsync(byte[] frame)
    {
        await _sending.WaitAsync();
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Closes the node's side: with <paramref name="problem"/> as the last frame (close 1008, or 1011 for a 5xx), with
    /// 1001 when the node is <paramref name="stopping"/>, else normally. A client that went away is not told.
    /// </summary>
    public async Task CloseAsync(Problem? problem, bool stopping)
    {
        var (status, reason) = problem is not null
            ? (problem.Status >= 500 ? WebSocketCloseStatus.InternalServerError : WebSocketCloseStatus.PolicyViolation, $"{problem.Status} {problem.Title}")
            : stopping ? (WebSocketCloseStatus.EndpointUnavailable, "the node is shutting down; open the stream again")
            : (WebSocketCloseStatus.NormalClosure, "");
        await _sending.WaitAsync();
        try
        {
            if (problem is not null)
            {
                await socket.SendAsync(Frame(null, "problem", problem, Problems.Write), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The client went away without the close handshake, or was dropped for not taking it.
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// <c>{"ref": …, "&lt;name&gt;": value}</c>, or without <c>ref</c> when <paramref name="reference"/> is null;
    /// <paramref name="write"/> writes the value.
    /// </summary>
    public static byte[] Frame<T>(string? reference, string name, T value, Action<Utf8JsonWriter, T> write) =>
        JsonOutput.Render((reference, name, value, write), static (w, s) =>
        {
            w.WriteStartObject();
            if (s.reference is not null)
            {
                w.WritePropertyName("ref");
                w.WriteRawValue(s.reference, skipInputValidation: true);
            }

            w.WritePropertyName(s.name);
            s.write(w, s.value);
            w.WriteEndObject();
        });
}
