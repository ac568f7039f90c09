using ActorMq.Cluster.Gateway;
using ActorMq.Engine;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>
/// Wraps every <c>/v1</c> endpoint: answers 503 while the node is not ready, and turns what the handlers throw into
/// problems: refusals (<see cref="QueueErrorException"/>) into their status, an unanswered request into 503, and
/// anything unexpected into a logged 500.
/// </summary>
internal sealed class ApiFilter(ILogger<ApiFilter> logger, IOptions<HttpApiOptions> options) : IEndpointFilter
{
    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.RequestServices.GetRequiredService<IQueueGateway>().IsReady)
        {
            return Problems.Result(Problems.NotReady()).WithHeader("Retry-After", "1");
        }

        try
        {
            return await next(context);
        }
        catch (QueueErrorException e)
        {
            return Problems.Result(e.Error);
        }
        catch (ClusterTimeoutException e)
        {
            logger.LogWarning("[Queue={Queue}] {Method} {Path}: no answer from the cluster within {Timeout}", QueueOf(http), http.Request.Method, http.Request.Path, e.Timeout);
            return Problems.Result(Problems.Timeout(e.Timeout));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody is left to answer.
            return Results.Empty;
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body while it was read: over its size limit, or a broken request.
            return Problems.Result(e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? RequestError.TooLarge(http.Request.ContentLength, options.Value.MaxRequestBodyBytes).Error
                : RequestError.Invalid(null, $"The request could not be read: {e.Message}").Error);
        }
        catch (Exception e)
        {
            logger.LogError(e, "[Queue={Queue}] {Method} {Path} failed", QueueOf(http), http.Request.Method, http.Request.Path);
            return Problems.Result(Problems.Internal());
        }
    }

    private static string? QueueOf(HttpContext http) => http.GetRouteValue("queue") as string;
}
