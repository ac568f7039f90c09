using ActorMq.Cluster.Gateway;
using ActorMq.Contracts.Commands;
using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>
/// Messages: publish, receive, pop, browse, get, edit, cancel; and what lease holders do: ack (batch and single),
/// nack, extend.
/// </summary>
internal static class MessageEndpoints
{
    /// <summary>Maps the routes on the <c>/v1</c> group.</summary>
    public static void MapMessageEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/queues/{queue}/messages", PublishAsync)
            .WithName("Publish")
            .WithSummary("Publish one message, or a batch {\"messages\": [...]} of 1-1000, all or none.")
            .WithDescription("201 once persisted. A duplicate (same dedupId within the queue's dedup window) answers 200 with the first message's id; a batch answers 200 only when every entry was a duplicate.")
            .AcceptsJson<Schemas.PublishMessage>()
            .Produces<Schemas.PublishResult>(StatusCodes.Status201Created)
            .Produces<Schemas.PublishResult>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status429TooManyRequests);

        v1.MapPost("/queues/{queue}/messages/receive", ReceiveAsync)
            .WithName("Receive")
            .WithSummary("Lease up to `max` ready messages; may long-poll up to `waitSeconds` (at most 20).")
            .AcceptsJson<Schemas.ReceiveRequest>()
            .Produces<Schemas.DeliveredMessages>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        v1.MapPost("/queues/{queue}/messages/pop", PopAsync)
            .WithName("Pop")
            .WithSummary("Receive and delete up to `max` ready messages (at-most-once).")
            .AcceptsJson<Schemas.PopRequest>()
            .Produces<Schemas.DeliveredMessages>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        v1.MapPost("/queues/{queue}/messages/ack", AckBatchAsync)
            .WithName("AckBatch")
            .WithSummary("Acknowledge leased messages; each entry succeeds or fails on its own.")
            .AcceptsJson<Schemas.AckBatchRequest>()
            .Produces<Schemas.AckResults>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        v1.MapGet("/queues/{queue}/messages", BrowseAsync)
            .WithName("Browse")
            .WithSummary("Peek at messages in one state in delivery order; changes nothing.")
            .WithDescription("Query: `state` = ready (default) | scheduled | delayed | inflight, `limit` = 1-1000 (default 100), `after` = the `next` cursor of the previous page.")
            .Produces<Schemas.BrowsePage>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

        v1.MapGet("/queues/{queue}/messages/{id}", GetAsync)
            .WithName("GetMessage")
            .WithSummary("One live message with its state; the ETag header is its version.")
            .Produces<Schemas.BrowsedMessage>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status404NotFound);

        v1.MapPatch("/queues/{queue}/messages/{id}", PatchAsync)
            .WithName("EditMessage")
            .WithSummary("Edit a scheduled, delayed or ready message; honours If-Match.")
            .AcceptsJson<Schemas.MessagePatch>()
            .Produces<Schemas.BrowsedMessage>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed, StatusCodes.Status413PayloadTooLarge);

        v1.MapDelete("/queues/{queue}/messages/{id}", CancelAsync)
            .WithName("CancelMessage")
            .WithSummary("Cancel (delete) a scheduled, delayed or ready message; honours If-Match.")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status412PreconditionFailed);

        v1.MapPost("/queues/{queue}/messages/{id}/ack", AckAsync)
            .WithName("Ack")
            .WithSummary("Acknowledge one leased message: it is gone.")
            .AcceptsJson<Schemas.LeaseToken>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        v1.MapPost("/queues/{queue}/messages/{id}/nack", NackAsync)
            .WithName("Nack")
            .WithSummary("Give a leased message back: ready at once, after `delaySeconds`, or to the dead-letter queue.")
            .AcceptsJson<Schemas.NackRequest>()
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);

        v1.MapPost("/queues/{queue}/messages/{id}/extend", ExtendAsync)
            .WithName("Extend")
            .WithSummary("Extend a lease to now + `visibilityTimeoutSeconds` (the queue's when absent).")
            .AcceptsJson<Schemas.ExtendRequest>()
            .Produces<Schemas.LeaseExpiry>(StatusCodes.Status200OK)
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> PublishAsync(
        string queue, HttpContext http, [FromServices] IQueueGateway gateway, [FromServices] IOptions<HttpApiOptions> options)
    {
        RouteParameters.Queue(queue);
        var request = PublishReader.Read(await RequestBody.ReadAsync(http));
        var published = await QueueCalls.AskAsync<Published>(
            http, gateway, new QueueRequest(queue, new Publish(request.Messages, options.Value.AutoCreateQueues, request.IsBatch)));
        var results = published.Results;
        var allDuplicates = results.All(r => r.Duplicate);
        var result = ApiResult.Json(
            allDuplicates ? StatusCodes.Status200OK : StatusCodes.Status201Created,
            ResultWriter.Published(results, request.IsBatch));
        return request.IsBatch || allDuplicates ? result : result.WithHeader("Location", $"/v1/queues/{queue}/messages/{results[0].Id}");
    }

    private static async Task<IResult> ReceiveAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var (receive, wait) = DeliveryReader.ReadReceive(await RequestBody.ReadAsync(http));
        var delivered = await QueueCalls.AskAsync<Delivered>(http, gateway, new QueueRequest(queue, receive, wait), wait);
        return ApiResult.Json(StatusCodes.Status200OK, MessageWriter.Delivered(delivered.Messages, MessageView.Delivered));
    }

    private static async Task<IResult> PopAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var pop = DeliveryReader.ReadPop(await RequestBody.ReadAsync(http));
        var delivered = await QueueCalls.AskAsync<Delivered>(http, gateway, new QueueRequest(queue, pop));
        return ApiResult.Json(StatusCodes.Status200OK, MessageWriter.Delivered(delivered.Messages, MessageView.Popped));
    }

    private static async Task<IResult> AckBatchAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var ack = DeliveryReader.ReadAckBatch(await RequestBody.ReadAsync(http));
        var acked = await QueueCalls.AskAsync<Acked>(http, gateway, new QueueRequest(queue, ack));
        return ApiResult.Json(StatusCodes.Status200OK, ResultWriter.Acked(acked.Results));
    }

    private static async Task<IResult> BrowseAsync(string queue, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        var browse = BrowseQuery.Parse(queue, http.Request.Query);
        var page = await QueueCalls.AskAsync<MessagesBrowsed>(http, gateway, browse);
        return ApiResult.Json(StatusCodes.Status200OK, MessageWriter.Page(page.Page));
    }

    private static async Task<IResult> GetAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var found = await QueueCalls.AskAsync<MessageFound>(http, gateway, new GetMessage(queue, id));
        return ApiResult.Json(StatusCodes.Status200OK, MessageWriter.One(found.Message)).WithHeader("ETag", MessageWriter.ETag(found.Message));
    }

    private static async Task<IResult> PatchAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var ifMatch = IfMatchHeader.Parse(http.Request.Headers.IfMatch);
        var patch = MessagePatchReader.Read(await RequestBody.ReadAsync(http));
        var edited = await QueueCalls.AskAsync<Edited>(http, gateway, new QueueRequest(queue, new EditMessage(id, patch, ifMatch)));
        return ApiResult.Json(StatusCodes.Status200OK, MessageWriter.One(edited.Message)).WithHeader("ETag", MessageWriter.ETag(edited.Message));
    }

    private static async Task<IResult> CancelAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var ifMatch = IfMatchHeader.Parse(http.Request.Headers.IfMatch);
        await QueueCalls.AskAsync<Done>(http, gateway, new QueueRequest(queue, new CancelMessage(id, ifMatch)));
        return ApiResult.NoContent();
    }

    private static async Task<IResult> AckAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var ack = DeliveryReader.ReadAck(id, await RequestBody.ReadAsync(http));
        var acked = await QueueCalls.AskAsync<Acked>(http, gateway, new QueueRequest(queue, ack));
        return acked.Results is [{ Error: { } error }] ? Problems.Result(error) : ApiResult.NoContent();
    }

    private static async Task<IResult> NackAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var nack = DeliveryReader.ReadNack(id, await RequestBody.ReadAsync(http));
        await QueueCalls.AskAsync<Done>(http, gateway, new QueueRequest(queue, nack));
        return ApiResult.NoContent();
    }

    private static async Task<IResult> ExtendAsync(string queue, string id, HttpContext http, [FromServices] IQueueGateway gateway)
    {
        RouteParameters.Queue(queue);
        RouteParameters.MessageId(id);
        var extend = DeliveryReader.ReadExtend(id, await RequestBody.ReadAsync(http));
        var extended = await QueueCalls.AskAsync<Extended>(http, gateway, new QueueRequest(queue, extend));
        return ApiResult.Json(StatusCodes.Status200OK, ResultWriter.Extended(extended.ExpiresAt));
    }
}
