using ActorMq.Cluster.Gateway;
using ActorMq.Engine;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>
/// <c>GET /v1/queues/{q}/stream</c>: a client's stream of a queue over a WebSocket (<see cref="QueueStream"/>). A request
/// that is not a WebSocket upgrade gets a 400 problem; once upgraded, a bad query or queue name is refused in a
/// <c>{"problem": …}</c> frame, so a WebSocket client can read why.
/// </summary>
internal static class StreamEndpoint
{
    public static void MapStreamEndpoint(this RouteGroupBuilder v1)
    {
        v1.MapGet("/queues/{queue}/stream", StreamAsync)
            .WithName("Stream")
            .WithSummary("A WebSocket stream of a queue: deliveries within the credit granted, publishes and acks answered by reference (see README).")
            .ExcludeFromDescription();
    }

    private static async Task<IResult> StreamAsync(
        string queue,
        HttpContext http,
        [FromServices] IQueueGateway gateway,
        [FromServices] IOptions<HttpApiOptions> options,
        [FromServices] ILogger<QueueStream> log,
        [FromServices] IHostApplicationLifetime lifetime)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            throw RequestError.Invalid(null, $"GET /v1/queues/{queue}/stream is a WebSocket: connect with ws:// (Upgrade: websocket), then send {{\"credit\": n}}.");
        }

        Problem? refusal = null;
        var receive = new Receive(StreamQuery.DefaultMax, null);
        try
        {
            RouteParameters.Queue(queue);
            receive = StreamQuery.Parse(http.Request.Query);
        }
        catch (QueueErrorException e)
        {
            refusal = Problems.From(e.Error);
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        await QueueStream.RunAsync(socket, gateway, queue, receive, options.Value, log, refusal, http.RequestAborted, lifetime.ApplicationStopping);
        return Results.Empty;
    }
}
