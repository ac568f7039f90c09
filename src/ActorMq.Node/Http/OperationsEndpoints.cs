using System.Text;
using ActorMq.Cluster.Gateway;
using Microsoft.AspNetCore.Mvc;

namespace ActorMq.Node.Http;

/// <summary>
/// Operations: <c>GET /health/live</c> (200 while the process serves HTTP), <c>GET /health/ready</c> (200 once the
/// node has joined the cluster and its shard regions are up, else 503) and <c>GET /metrics</c> (Prometheus).
/// </summary>
internal static class OperationsEndpoints
{
    private static readonly byte[] Live = """{"status":"live"}"""u8.ToArray();
    private static readonly byte[] Ready = """{"status":"ready"}"""u8.ToArray();

    /// <summary>Maps the operations routes.</summary>
    public static void MapOperationsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var operations = endpoints.MapGroup("").WithTags("Operations");

        operations.MapGet("/health/live", () => ApiResult.Json(StatusCodes.Status200OK, Live))
            .WithName("Live")
            .WithSummary("200 while the process serves HTTP.")
            .Produces(StatusCodes.Status200OK, contentType: ApiResult.JsonContentType);

        operations.MapGet("/health/ready", ([FromServices] IQueueGateway gateway) =>
                gateway.IsReady
                    ? ApiResult.Json(StatusCodes.Status200OK, Ready)
                    : Problems.Result(Problems.NotReady()).WithHeader("Retry-After", "1"))
            .WithName("Ready")
            .WithSummary("200 once the node has joined the cluster and its shard regions are up; 503 before.")
            .Produces(StatusCodes.Status200OK, contentType: ApiResult.JsonContentType)
            .ProducesProblems();

        operations.MapGet("/metrics", MetricsAsync)
            .WithName("Metrics")
            .WithSummary("Metrics in the Prometheus text format: live messages per queue and state, and per-queue totals.")
            .Produces(StatusCodes.Status200OK, contentType: PrometheusText.ContentType)
            .ProducesProblems();
    }

    private static async Task<IResult> MetricsAsync(HttpContext http, [FromServices] IQueueGateway gateway)
    {
        if (!gateway.IsReady)
        {
            return ApiResult.Bytes(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(PrometheusText.Render(ready: false, null, RuntimeStats.Current())), PrometheusText.ContentType);
        }

        try
        {
            var queues = await QueueCalls.ListAsync(http, gateway);
            return ApiResult.Bytes(StatusCodes.Status200OK, Encoding.UTF8.GetBytes(PrometheusText.Render(ready: true, queues, RuntimeStats.Current())), PrometheusText.ContentType);
        }
        catch (ClusterTimeoutException e)
        {
            return Problems.Result(Problems.Timeout(e.Timeout));
        }
    }
}
