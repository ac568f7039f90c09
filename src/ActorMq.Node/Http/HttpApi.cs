using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Http;

/// <summary>
/// The HTTP API of a gateway node (DESIGN.md section 4): <see cref="AddActorMqHttpApi"/> registers its services,
/// <see cref="MapActorMqHttpApi"/> maps its routes. Handlers reach the queues through
/// <see cref="ActorMq.Cluster.Gateway.IQueueGateway"/>, which the host registers.
/// </summary>
public static class HttpApi
{
    /// <summary>
    /// Registers the HTTP API: its options, ProblemDetails, the OpenAPI document, JSON settings, and a request body
    /// limit (<see cref="HttpApiOptions.MaxRequestBodyBytes"/>) for Kestrel and forms.
    /// </summary>
    public static IServiceCollection AddActorMqHttpApi(this IServiceCollection services, Action<HttpApiOptions>? configure = null)
    {
        var options = services.AddOptions<HttpApiOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "HttpApiOptions.RequestTimeout must be positive.")
            .Validate(o => o.MaxRequestBodyBytes > 0, "HttpApiOptions.MaxRequestBodyBytes must be positive.")
            .ValidateOnStart();

        services.AddProblemDetails();
        services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ActorMq";
            document.Info.Description = "A clustered, persistent message queue with scheduled delivery. Errors are RFC 9457 problem+json.";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<HttpApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);
        services.AddOptions<FormOptions>()
            .Configure<IOptions<HttpApiOptions>>((form, api) => form.MultipartBodyLengthLimit = api.Value.MaxRequestBodyBytes);
        return services;
    }

    /// <summary>
    /// Maps every route of the API: <c>/v1/queues…</c> (with a problem answer for unknown routes and methods under
    /// <c>/v1</c>), <c>/health/live</c>, <c>/health/ready</c>, <c>/metrics</c> and <c>/openapi/v1.json</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapActorMqHttpApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/v1").AddEndpointFilter<ApiFilter>().WithTags("Queues").MapQueueEndpoints();
        endpoints.MapGroup("/v1").AddEndpointFilter<ApiFilter>().WithTags("Messages").MapMessageEndpoints();
        endpoints.MapGroup("/v1").AddEndpointFilter<ApiFilter>().MapStreamEndpoint();
        endpoints.MapFallback(RouteFallback.Pattern, RouteFallback.Handle).ExcludeFromDescription();

        endpoints.MapActorMqOperations();
        endpoints.MapOpenApi("/openapi/v1.json");
        return endpoints;
    }

    /// <summary>
    /// Maps only the operations routes, <c>/health/live</c>, <c>/health/ready</c> and <c>/metrics</c>: for a node that
    /// serves no API (without role gateway). <see cref="MapActorMqHttpApi"/> maps them too.
    /// </summary>
    public static IEndpointRouteBuilder MapActorMqOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOperationsEndpoints();
        return endpoints;
    }
}
