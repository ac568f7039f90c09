using ActorMq.Engine;
using ActorMq.Node.Http;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class ProblemsSpecs
{
    [Theory]
    [InlineData(ErrorKind.Invalid, 400, "invalid", "Invalid request")]
    [InlineData(ErrorKind.NotFound, 404, "not-found", "Not found")]
    [InlineData(ErrorKind.StaleLease, 409, "stale-lease", "Stale lease")]
    [InlineData(ErrorKind.Conflict, 409, "conflict", "Conflict")]
    [InlineData(ErrorKind.PreconditionFailed, 412, "precondition-failed", "Precondition failed")]
    [InlineData(ErrorKind.TooLarge, 413, "too-large", "Too large")]
    [InlineData(ErrorKind.DepthExceeded, 429, "queue-full", "Queue full")]
    [InlineData(ErrorKind.Unavailable, 503, "unavailable", "Service unavailable")]
    public void Each_error_kind_must_answer_its_status_as_problem_json(ErrorKind kind, int status, string type, string title)
    {
        var result = Problems.Result(new QueueError(kind, "messages[3].priority", "'messages[3].priority' must be 0 or more."));
        Assert.Equal(status, result.StatusCode);
        Assert.Equal("application/problem+json", result.ContentType);
        Assert.Equal(
            $$"""{"type":"urn:actormq:problem:{{type}}","title":"{{title}}","status":{{status}},"detail":"'messages[3].priority' must be 0 or more.","field":"messages[3].priority"}""",
            Text(result.Body!.Value));
    }

    [Fact]
    public void Every_error_kind_must_have_a_status_and_a_problem() =>
        Assert.All(Enum.GetValues<ErrorKind>(), kind => Assert.Equal(Problems.StatusOf(kind), Problems.From(new QueueError(kind, null, "x")).Status));

    [Fact]
    public void A_problem_without_a_field_must_leave_the_member_out() =>
        Assert.Equal(
            """{"type":"urn:actormq:problem:not-found","title":"Not found","status":404,"detail":"Queue 'q' does not exist."}""",
            Text(Problems.Render(Problems.From(new QueueError(ErrorKind.NotFound, null, "Queue 'q' does not exist.")))));

    [Fact]
    public void A_detail_must_read_as_a_sentence() =>
        Assert.Equal("Give 'deliverAt' or 'delaySeconds', not both.", Problems.From(new QueueError(ErrorKind.Invalid, "deliverAt", "give 'deliverAt' or 'delaySeconds', not both.")).Detail);

    [Fact]
    public void Unavailable_cluster_must_answer_503_with_a_detail()
    {
        var problem = Problems.Timeout(TimeSpan.FromSeconds(30));
        Assert.Equal(503, problem.Status);
        Assert.Contains("30 seconds", problem.Detail);
        Assert.Equal(503, Problems.NotReady().Status);
    }

    [Fact]
    public void A_body_over_the_limit_must_answer_413()
    {
        var result = Problems.Result(RequestError.TooLarge(2000, 1000).Error);
        Assert.Equal(413, result.StatusCode);
        Assert.Contains("2000 bytes", Text(result.Body!.Value));
    }

    [Fact]
    public void A_method_not_allowed_must_name_the_allowed_ones() =>
        Assert.Equal(
            "/v1/queues does not take PUT; it takes GET.",
            Problems.MethodNotAllowed("PUT", "/v1/queues", ["GET"]).Detail);
}
