using Microsoft.AspNetCore.Routing.Template;

namespace ActorMq.Node.Http;

/// <summary>
/// Answers requests under <c>/v1</c> that no endpoint took: 405 with <c>Allow</c> when the path is a route that takes
/// other methods, 404 otherwise; both as problems.
/// </summary>
internal static class RouteFallback
{
    /// <summary>The route pattern of the fallback.</summary>
    public const string Pattern = "/v1/{**path}";

    /// <summary>The fallback handler.</summary>
    public static IResult Handle(HttpContext http, EndpointDataSource endpoints)
    {
        var path = http.Request.Path.Value ?? "/";
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern;
            if (pattern.RawText?.StartsWith("/v1", StringComparison.Ordinal) != true
                || pattern.Parameters.Any(p => p.IsCatchAll)
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods)
            {
                continue;
            }

            var matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary());
            if (matcher.TryMatch(path, new RouteValueDictionary()))
            {
                allowed.UnionWith(methods.HttpMethods);
            }
        }

        return allowed.Count == 0
            ? Problems.Result(Problems.NoRoute(http.Request.Method, path))
            : Problems.Result(Problems.MethodNotAllowed(http.Request.Method, path, allowed)).WithHeader("Allow", string.Join(", ", allowed));
    }
}
