namespace ActorMq.Engine.Tests;

public sealed class LeaseTokenTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Lease_tokens_must_depend_on_the_callers_entropy_and_be_reproducible_with_it()
    {
        var tokens = new[] { 1UL, 2UL, 1UL }.Select(LeaseTokenWith).ToArray();

        Assert.NotEqual(tokens[0], tokens[1]);
        Assert.Equal(tokens[0], tokens[2]);
    }

    [Fact]
    public void Lease_tokens_of_one_receive_must_all_differ()
    {
        var state = new QueueState("tokens");
        var batch = Enumerable.Range(0, 50).Select(i => new PublishRequest { Body = MessageBody.Json($"{i}") }).ToArray();
        Assert.True(QueueEngine.Execute(state, new Publish(batch, AutoCreate: true), Start).IsSuccess);

        var delivered = Assert.IsType<Delivered>(QueueEngine.Execute(state, new Receive(50, null), Start, entropy: 42).Reply);

        Assert.Equal(50, delivered.Messages.Select(m => m.Lease!.Value.Token).Distinct().Count());
    }

    private static string LeaseTokenWith(ulong entropy)
    {
        var state = new QueueState("tokens");
        Assert.True(QueueEngine.Execute(state, new Publish([new PublishRequest { Body = MessageBody.Json("1") }], AutoCreate: true), Start).IsSuccess);
        var delivered = Assert.IsType<Delivered>(QueueEngine.Execute(state, new Receive(1, null), Start, entropy).Reply);
        return Assert.Single(delivered.Messages).Lease!.Value.Token;
    }
}
