using ActorMq.Node.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ActorMq.Node.Tests;

public class HttpApiSpecs
{
    [Fact]
    public void Options_must_have_their_documented_defaults()
    {
        var options = new HttpApiOptions();
        Assert.True(options.AutoCreateQueues);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Equal(64L * 1024 * 1024, options.MaxRequestBodyBytes);
    }

    [Fact]
    public void The_body_limit_must_apply_to_kestrel_and_forms()
    {
        using var services = new ServiceCollection()
            .AddLogging()
            .AddActorMqHttpApi(o => o.MaxRequestBodyBytes = 12345)
            .BuildServiceProvider();
        Assert.Equal(12345, services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize);
        Assert.Equal(12345, services.GetRequiredService<IOptions<FormOptions>>().Value.MultipartBodyLengthLimit);
        Assert.False(services.GetRequiredService<IOptions<HttpApiOptions>>().Value.AutoCreateQueues is false);
    }

    [Fact]
    public void Every_route_of_the_design_must_be_mapped()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddActorMqHttpApi();
        using var app = builder.Build();
        app.MapActorMqHttpApi();

        var routes = ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(d => d.Endpoints)
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        string[] expected =
        [
            "GET /v1/queues",
            "PUT /v1/queues/{queue}",
            "GET /v1/queues/{queue}",
            "DELETE /v1/queues/{queue}",
            "POST /v1/queues/{queue}/purge",
            "POST /v1/queues/{queue}/redrive",
            "POST /v1/queues/{queue}/sweep",
            "POST /v1/queues/{queue}/messages",
            "POST /v1/queues/{queue}/messages/receive",
            "GET /v1/queues/{queue}/stream",
            "POST /v1/queues/{queue}/messages/pop",
            "GET /v1/queues/{queue}/messages",
            "GET /v1/queues/{queue}/messages/{id}",
            "PATCH /v1/queues/{queue}/messages/{id}",
            "DELETE /v1/queues/{queue}/messages/{id}",
            "POST /v1/queues/{queue}/messages/ack",
            "POST /v1/queues/{queue}/messages/{id}/ack",
            "POST /v1/queues/{queue}/messages/{id}/nack",
            "POST /v1/queues/{queue}/messages/{id}/extend",
            "GET /health/live",
            "GET /health/ready",
            "GET /metrics",
            "GET /openapi/v1.json",
            "* /v1/{**path}",
        ];
        Assert.True(!expected.Except(routes).Any(), string.Join("; ", routes));
        Assert.Empty(routes.Except(expected));
    }
}
