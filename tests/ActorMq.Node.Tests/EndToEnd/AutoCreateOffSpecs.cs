using Xunit.Abstractions;

namespace ActorMq.Node.Tests.EndToEnd;

/// <summary>A node with auto-create off (command line and environment variants), each on a node of its own.</summary>
public sealed class AutoCreateOffSpecs(ITestOutputHelper output)
{
    public static TheoryData<string> Variants => new() { "command line", "environment" };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Publishing_to_a_missing_queue_must_answer_404_and_create_nothing(string variant)
    {
        using var node = variant == "command line"
            ? await NodeProcess.StartAsync(extraArgs: ["--auto-create-queues", "false"])
            : await NodeProcess.StartAsync(environment: new Dictionary<string, string> { ["ACTORMQ_AUTO_CREATE_QUEUES"] = "false" });
        try
        {
            var api = new Api(node.Http);
            var q = Api.NewQueue("no-auto");

            Api.AssertProblem(await api.PostAsync($"v1/queues/{q}/messages", """{"body": 1}"""), 404);
            Api.AssertProblem(await api.PostAsync($"v1/queues/{q}/messages", """{"messages": [{"body": 1}]}"""), 404);
            Api.AssertProblem(await api.GetAsync($"v1/queues/{q}"), 404);
            var list = await api.GetAsync("v1/queues");
            Assert.DoesNotContain(list.Json.GetProperty("queues").EnumerateArray(), x => Api.Str(x, "name") == q);

            // An explicit PUT creates it; then publishing works.
            await api.ConfigureAsync(q, "{}");
            var id = await api.PublishIdAsync(q, """{"body": 1}""");

            // Dead-letter queues are created when needed, whatever auto-create says.
            var m = await api.ReceiveOneAsync(q);
            var nack = await api.PostAsync($"v1/queues/{q}/messages/{id}/nack", $$"""{"token": {{Api.Quote(Api.Token(m))}}, "deadLetter": true}""");
            Assert.True(nack.Status == 204, nack.ToString());
            // The dead letter travels to the dead-letter queue after the nack is written: wait (bounded) for it.
            await Eventually.TrueAsync(
                async () => (await api.GetAsync($"v1/queues/{q}.dlq")).Status == 200 && (await api.BrowseAllAsync($"{q}.dlq", "ready")).Count == 1,
                TimeSpan.FromSeconds(10),
                "the dead letter is in the dead-letter queue");
            Assert.Equal(id, Api.Str(Assert.Single(await api.BrowseAllAsync($"{q}.dlq", "ready")), "id"));
        }
        finally
        {
            output.WriteLine(node.Log(maxLines: 300));
        }
    }
}
