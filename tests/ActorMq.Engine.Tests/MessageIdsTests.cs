using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

public sealed class MessageIdsTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void A_generated_id_must_be_26_characters_of_the_crockford_alphabet()
    {
        var ids = new[]
        {
            MessageIds.Generate("orders", Start, 1),
            MessageIds.Generate("orders", DateTimeOffset.UnixEpoch, 0),
            MessageIds.Generate("a-queue-with-a-long-name", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), long.MaxValue),
        };

        Assert.All(ids, id =>
        {
            Assert.Equal(26, id.Length);
            Assert.All(id, c => Assert.Contains(c, Crockford));
            Assert.Null(MessageIds.Validate(id, "id"));
        });
    }

    [Fact]
    public void Generated_ids_must_sort_by_creation_time_within_a_queue()
    {
        var instants = new[] { Start, Start.AddMilliseconds(1), Start.AddSeconds(1), Start.AddDays(1), Start.AddYears(30) };
        var ids = instants.Select((at, i) => MessageIds.Generate("orders", at, seq: 1000 - i)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Generated_ids_of_one_millisecond_must_sort_by_position()
    {
        var ids = Enumerable.Range(1, 50).Select(seq => MessageIds.Generate("orders", Start, seq)).ToList();

        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public void Generated_ids_must_differ_between_queues()
    {
        var orders = MessageIds.Generate("orders", Start, 1);
        var billing = MessageIds.Generate("billing", Start, 1);

        Assert.NotEqual(orders, billing);
    }

    [Fact]
    public void Generation_must_be_deterministic()
    {
        Assert.Equal(MessageIds.Generate("orders", Start, 7), MessageIds.Generate("orders", Start, 7));
    }

    [Fact]
    public void Publish_without_an_id_must_generate_one_that_sorts_by_publish_time()
    {
        var q = Create();
        var first = q.Publish("a");
        q.Advance(Seconds(1));
        var second = q.Publish("b");
        var third = q.Publish("c");

        Assert.Equal(26, first.Id.Length);
        Assert.True(string.CompareOrdinal(first.Id, second.Id) < 0);
        Assert.True(string.CompareOrdinal(second.Id, third.Id) < 0);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("Order-2026.01_x:y~z")]
    [InlineData("01HZX3Q4M8K7V6T5R4P3N2M1K0")]
    public void Client_ids_of_allowed_characters_must_be_valid(string id)
    {
        Assert.Null(MessageIds.Validate(id, "id"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-a")]
    [InlineData("~a")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a\n")]
    public void Client_ids_with_other_characters_must_be_invalid_naming_the_field(string id)
    {
        var error = MessageIds.Validate(id, "messages[2].id");

        Assert.Equal(ErrorKind.Invalid, error?.Kind);
        Assert.Equal("messages[2].id", error?.Field);
    }

    [Fact]
    public void A_client_id_may_have_128_characters_but_not_129()
    {
        Assert.Null(MessageIds.Validate(new string('x', 128), "id"));
        Assert.NotNull(MessageIds.Validate(new string('x', 129), "id"));
    }
}
