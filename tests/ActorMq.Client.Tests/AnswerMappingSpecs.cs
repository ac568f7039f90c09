using System.Net;
using System.Text;

namespace ActorMq.Client.Tests;

/// <summary>
/// Answers a healthy node does not give on demand (503, 500, a proxy's HTML, a path prefix), served by a canned
/// <see cref="HttpMessageHandler"/>: each must map to the right exception, and requests must keep the base path.
/// Everything a real node can answer is tested against one (<see cref="ErrorSpecs"/>).
/// </summary>
public sealed class AnswerMappingSpecs
{
    [Fact]
    public async Task A_503_problem_must_be_an_UnavailableException()
    {
        using var client = Client(HttpStatusCode.ServiceUnavailable, "application/problem+json",
            """{"type":"urn:actormq:problem:unavailable","title":"Service unavailable","status":503,"detail":"This node is not ready."}""");

        var e = await Assert.ThrowsAsync<UnavailableException>(() => client.ListQueuesAsync());

        Assert.Equal(503, e.Status);
        Assert.Equal("urn:actormq:problem:unavailable", e.ProblemType);
        Assert.Equal("This node is not ready.", e.Detail);
    }

    [Fact]
    public async Task A_500_problem_must_be_a_plain_ActorMqException()
    {
        using var client = Client(HttpStatusCode.InternalServerError, "application/problem+json",
            """{"type":"urn:actormq:problem:internal","title":"Internal error","status":500,"detail":"The node failed."}""");

        var e = await Assert.ThrowsAsync<ActorMqException>(() => client.GetQueueAsync("q"));

        Assert.Equal(typeof(ActorMqException), e.GetType());
        Assert.Equal(500, e.Status);
        Assert.Equal("The node failed.", e.Detail);
    }

    [Fact]
    public async Task A_proxy_error_page_must_be_an_UnavailableException_quoting_it()
    {
        using var client = Client(HttpStatusCode.BadGateway, "text/html", "<html>Bad gateway</html>");

        var e = await Assert.ThrowsAsync<UnavailableException>(() => client.GetQueueAsync("q"));

        Assert.Equal(502, e.Status);
        Assert.Null(e.ProblemType);
        Assert.Contains("<html>Bad gateway</html>", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_success_that_is_not_ActorMq_JSON_must_be_an_unexpected_answer()
    {
        using var client = Client(HttpStatusCode.OK, "text/html", "<html>not a queue</html>");

        var e = await Assert.ThrowsAsync<ActorMqException>(() => client.GetQueueAsync("q"));

        Assert.Equal("Unexpected answer", e.Problem.Title);
    }

    [Fact]
    public async Task Requests_must_keep_the_base_address_path_and_send_only_the_members_given()
    {
        var handler = new CannedHandler(HttpStatusCode.Created, "application/json", """{"id":"m1","state":"ready","duplicate":false}""");
        using var http = new HttpClient(handler);
        var client = new ActorMqHttpClient(http, new Uri("http://127.0.0.1:1/prefix"));

        await client.PublishAsync("orders", new PublishMessage(MessageBody.Json("""{ "a" : 1 }""")) { Delay = TimeSpan.FromSeconds(1.5), Priority = 0 });

        Assert.Equal("http://127.0.0.1:1/prefix/v1/queues/orders/messages", handler.LastUri?.AbsoluteUri);
        Assert.Equal("""{"body":{ "a" : 1 },"priority":0,"delaySeconds":1.5}""", handler.LastBody);
        Assert.Equal("application/json", handler.LastContentType);
    }

    [Fact]
    public async Task If_match_must_send_the_version_as_a_strong_ETag()
    {
        var handler = new CannedHandler(HttpStatusCode.NoContent, null, "");
        using var http = new HttpClient(handler) { BaseAddress = new Uri("http://127.0.0.1:1/") };
        var client = new ActorMqHttpClient(http);

        await client.CancelMessageAsync("orders", "id:1", ifMatchVersion: 7);

        Assert.Equal("\"7\"", handler.LastIfMatch);
        Assert.Equal("http://127.0.0.1:1/v1/queues/orders/messages/id%3A1", handler.LastUri?.AbsoluteUri);
    }

    private static ActorMqHttpClient Client(HttpStatusCode status, string? mediaType, string body) =>
        new(new HttpClient(new CannedHandler(status, mediaType, body)), new Uri("http://127.0.0.1:1/"));

    /// <summary>Answers every request with one canned response and keeps the last request.</summary>
    private sealed class CannedHandler(HttpStatusCode status, string? mediaType, string body) : HttpMessageHandler
    {
        public Uri? LastUri { get; private set; }

        public string? LastBody { get; private set; }

        public string? LastContentType { get; private set; }

        public string? LastIfMatch { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastUri = request.RequestUri;
            LastIfMatch = request.Headers.IfMatch.FirstOrDefault()?.ToString();
            if (request.Content is { } content)
            {
                LastBody = await content.ReadAsStringAsync(cancellationToken);
                LastContentType = content.Headers.ContentType?.MediaType;
            }

            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
            if (mediaType is not null)
            {
                response.Content.Headers.ContentType = new(mediaType);
            }

            return response;
        }
    }
}
