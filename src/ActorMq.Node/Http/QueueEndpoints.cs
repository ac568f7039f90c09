using ActorMq.Cluster.Gateway;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using Microsoft.AspNetCore.Mvc;

namespace ActorMq.Node.Http;

/// <summary>
/// Queue administration: list, create or configure (PUT), describe, delete, purge, redrive, and the extension
/// <c>POST /v1/queues/{queue}/sweep</c> (remove expired messages now).
/// </summary>
internal static class QueueEndpoints
{
    /// <summary>Maps the routes on the <c>/v1</c> group.</summary>
    public static void MapQueueEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/queues", ListAsync)
            .WithName("ListQueues")
            .WithSummary("List queues with their settings, counts and totals.")
            .Produces<Schemas.QueueList>(StatusCodes.Status200OK)
            .ProducesProblems();

        v1.MapPut("/queues/{queue}", PutAsync)
            .WithName("PutQueue")
            .WithSummary("Create a queue (201) or replace its settings (200).")
            .WithDescription("Takes the flat settings object, the same members as a queue's `settings`. PUT replaces the whole settings object: members not given take their defaults.")
            .AcceptsJson<Schemas.QueueSettings>()
            .Produces<Schemas.Queue>(StatusCodes.Status201Created)
            .Produces<Schemas.Queue>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest);

        v1.MapGet("/queues/{queue}", GetAsync)
            .WithName("GetQueue")
            .WithSummary("A queue's settings, counts per state and totals.")
            .Produces<Schemas.Queue>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);

        v1.MapDelete("/queues/{queue}", DeleteAsync)
            .WithName("DeleteQueue")
            .WithSummary("Delete a queue with all its messages.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound);

        v1.MapPost("/queues/{queue}/purge", PurgeAsync)
            .WithName("PurgeQueue")
            .WithSummary("Remove every live message, in-flight and scheduled included.")
            .Produces<Schemas.PurgeResult>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);

        v1.MapPost("/queues/{queue}/redrive", RedriveAsync)
            .WithName("RedriveQueue")
            .WithSummary("On a dead-letter queue: move its ready messages back to their source queue (or `to`).")
            .AcceptsJson<Schemas.RedriveRequest>()
            .Produces<Schemas.RedriveResult>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);

        v1.MapPost("/queues/{queue}/sweep", SweepAsync)
            .WithName("SweepQueue")
            .WithSummary("Extension: remove (or dead-letter) every ready or delayed message whose time to live has run out, now.")
            .Produces<Schemas.SweepResult>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ListAsync(HttpContext http, [FromServices] IQueueGateway gateway) =>
        ApiResult.Json(StatusCodes.Status200OK, QueueWriter.List(await QueueCalls.ListAsync(http, gateway)));

    private static async Task<IResult> PutAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var settings = QueueSettingsReader.Read(queue, await RequestBody.ReadAsync(http));
        var reply = await QueueCalls.AskAsync<QueueConfiguredReply>(http, gateway, new QueueRequest(queue, new ConfigureQueue(settings)));
        var result = ApiResult.Json(reply.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK, QueueWriter.One(reply.Queue));
        return reply.Created ? result.WithHeader("Location", $"/v1/queues/{queue}") : result;
    }

    private static async Task<IResult> GetAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var found = await QueueCalls.AskAsync<QueueFound>(http, gateway, new GetQueue(queue));
        return ApiResult.Json(StatusCodes.Status200OK, QueueWriter.One(found.Queue));
    }

    private static async Task<IResult> DeleteAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        await QueueCalls.AskAsync<QueueDeletedReply>(http, gateway, new QueueRequest(queue, DeleteQueue.Instance));
        return ApiResult.NoContent();
    }

    private static async Task<IResult> PurgeAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        QueueRequestReader.ReadEmpty(await RequestBody.ReadAsync(http), "a purge");
        var removed = await QueueCalls.AskAsync<Removed>(http, gateway, new QueueRequest(queue, Purge.Instance));
        return ApiResult.Json(StatusCodes.Status200OK, ResultWriter.Count("purged", removed.Count));
    }

    private static async Task<IResult> RedriveAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var redrive = QueueRequestReader.ReadRedrive(await RequestBody.ReadAsync(http));
        var moved = await QueueCalls.AskAsync<Redriven>(http, gateway, new QueueRequest(queue, redrive));
        return ApiResult.Json(StatusCodes.Status200OK, ResultWriter.Count("moved", moved.Moved));
    }

    private static async Task<IResult> SweepAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        QueueRequestReader.ReadEmpty(await RequestBody.ReadAsync(http), "a sweep");
        var removed = await QueueCalls.AskAsync<Removed>(http, gateway, new QueueRequest(queue, SweepExpired.Instance));
        return ApiResult.Json(StatusCodes.Status200OK, ResultWriter.Count("expired", removed.Count));
    }
}
