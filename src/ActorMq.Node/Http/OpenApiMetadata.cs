using Microsoft.OpenApi;

namespace ActorMq.Node.Http;

/// <summary>
/// Describes the hand-read requests and hand-written answers in the OpenAPI document, with the types of
/// <see cref="Schemas"/>. Request bodies are described by an operation transformer rather than <c>Accepts</c>, which
/// would also make routing refuse requests whose Content-Type is not JSON.
/// </summary>
internal static class OpenApiMetadata
{
    /// <summary>Documents a JSON request body of shape <typeparamref name="T"/> (optional: empty means <c>{}</c> where allowed).</summary>
    public static RouteHandlerBuilder AcceptsJson<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Content = new Dictionary<string, OpenApiMediaType> { [ApiResult.JsonContentType] = new() { Schema = schema } },
            };
        });

    /// <summary>Declares problem answers with these statuses, and 503 (node not ready, or no answer from the cluster).</summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses.Append(StatusCodes.Status503ServiceUnavailable))
        {
            builder.Produces<Schemas.Problem>(status, Problems.ContentType);
        }

        return builder;
    }
}
