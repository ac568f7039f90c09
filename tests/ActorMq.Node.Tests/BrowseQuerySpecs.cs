using ActorMq.Contracts.Queries;
using ActorMq.Engine;
using ActorMq.Node.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class BrowseQuerySpecs
{
    private static QueryCollection Query(params (string Name, string[] Values)[] parameters) =>
        new(parameters.ToDictionary(p => p.Name, p => new StringValues(p.Values)));

    [Fact]
    public void No_parameters_must_browse_the_first_100_ready_messages() =>
        Assert.Equal(new BrowseMessages("q", MessageState.Ready, 100, null), BrowseQuery.Parse("q", Query()));

    [Fact]
    public void Every_parameter_must_be_read() =>
        Assert.Equal(
            new BrowseMessages("q", MessageState.Inflight, 5, "abc"),
            BrowseQuery.Parse("q", Query(("state", ["inflight"]), ("limit", ["5"]), ("after", ["abc"]))));

    [Theory]
    [InlineData("ready", MessageState.Ready)]
    [InlineData("scheduled", MessageState.Scheduled)]
    [InlineData("delayed", MessageState.Delayed)]
    [InlineData("inflight", MessageState.Inflight)]
    public void Each_state_must_be_named_in_lowercase(string name, MessageState state) =>
        Assert.Equal(state, BrowseQuery.Parse("q", Query(("state", [name]))).State);

    [Theory]
    [InlineData("state", "Ready")]
    [InlineData("state", "done")]
    [InlineData("limit", "0")]
    [InlineData("limit", "1001")]
    [InlineData("limit", "ten")]
    [InlineData("after", "")]
    [InlineData("sate", "ready")]
    public void A_bad_parameter_must_be_refused_naming_it(string name, string value) =>
        Invalid(() => BrowseQuery.Parse("q", Query((name, [value]))), name);

    [Fact]
    public void A_repeated_parameter_must_be_refused() =>
        Invalid(() => BrowseQuery.Parse("q", Query(("limit", ["1", "2"]))), "limit");
}
