using ActorMq.Engine;
using ActorMq.Node.Http;
using Microsoft.Extensions.Primitives;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class IfMatchHeaderSpecs
{
    [Theory]
    [InlineData("\"7\"", 7L)]
    [InlineData("  \"12345\"  ", 12345L)]
    [InlineData("\"0\"", 0L)]
    public void A_strong_quoted_etag_must_be_its_version(string header, long version) =>
        Assert.Equal(version, IfMatchHeader.Parse(new StringValues(header)));

    [Fact]
    public void No_header_or_a_star_must_be_no_condition()
    {
        Assert.Null(IfMatchHeader.Parse(StringValues.Empty));
        Assert.Null(IfMatchHeader.Parse(new StringValues("*")));
    }

    [Theory]
    [InlineData("7")]
    [InlineData("\"7")]
    [InlineData("'7'")]
    [InlineData("")]
    [InlineData("\"7\" x")]
    [InlineData("*, \"7\"")]
    [InlineData("\"7\",")]
    public void A_malformed_header_must_be_refused_with_400(string header)
    {
        var error = Invalid(() => IfMatchHeader.Parse(new StringValues(header)), "If-Match");
        Assert.Contains("\"7\"", error.Detail);
    }

    [Fact]
    public void Several_etags_must_be_refused_with_400()
    {
        Invalid(() => IfMatchHeader.Parse(new StringValues("\"7\", \"8\"")), "If-Match");
        Invalid(() => IfMatchHeader.Parse(new StringValues(["\"7\"", "\"8\""])), "If-Match");
    }

    [Theory]
    [InlineData("W/\"7\"")]
    [InlineData("\"abc\"")]
    [InlineData("\"007\"")]
    [InlineData("\"-1\"")]
    [InlineData("\"99999999999999999999\"")]
    public void A_wellformed_etag_that_no_version_matches_must_fail_the_precondition(string header)
    {
        var error = Refusal(() => IfMatchHeader.Parse(new StringValues(header)));
        Assert.Equal(ErrorKind.PreconditionFailed, error.Kind);
        Assert.Equal("If-Match", error.Field);
    }
}
