using static ActorMq.Engine.Tests.Support.QueueFixture;

namespace ActorMq.Engine.Tests;

/// <summary>The compact table by message id that holds parked messages and a bucket's versions.</summary>
public sealed class MessageTableTests
{
    [Fact]
    public void A_generated_id_must_be_packed_and_give_back_the_same_text()
    {
        var ids = new[]
        {
            MessageIds.Generate("orders", Start, 1),
            MessageIds.Generate("a-queue-with-a-long-name", new DateTimeOffset(9999, 12, 31, 23, 59, 59, TimeSpan.Zero), long.MaxValue),
            "7ZZZZZZZZZZZZZZZZZZZZZZZZZ",
            "00000000000000000000000000",
        };

        Assert.All(ids, id =>
        {
            var key = MessageKey.Of(id);
            Assert.Null(key.Text);
            Assert.Equal(id, key.ToString());
        });
    }

    [Theory]
    [InlineData("renewal-2027")]
    [InlineData("8ZZZZZZZZZZZZZZZZZZZZZZZZZ")] // 130 bits
    [InlineData("01m831y97n44wz00000000000a")] // lower case
    [InlineData("01M831Y97N44WZ0000000000IL")] // letters Crockford leaves out
    [InlineData("01M831Y97N44WZ000000000000Z")] // 27 characters
    public void Any_other_id_must_be_kept_as_its_text(string id)
    {
        var key = MessageKey.Of(id);

        Assert.Equal(id, key.Text);
        Assert.Equal(id, key.ToString());
    }

    [Fact]
    public void The_table_must_find_count_enumerate_and_remove_both_kinds_of_ids()
    {
        var table = new MessageTable<long>();
        var ids = Enumerable.Range(0, 5000)
            .Select(i => i % 4 == 0 ? $"client-{i}" : MessageIds.Generate("orders", Start.AddSeconds(i), i))
            .ToList();
        for (var i = 0; i < ids.Count; i++)
        {
            table.Add(MessageKey.Of(ids[i]), i);
        }

        Assert.Throws<ArgumentException>(() => table.Add(MessageKey.Of(ids[0]), 0));
        table.Set(MessageKey.Of(ids[1]), -1);
        table.Set(MessageKey.Of("new"), 5000);

        Assert.Equal(5001, table.Count);
        Assert.True(table.TryGetValue(MessageKey.Of(ids[1]), out var changed) && changed == -1);
        Assert.True(table.TryGetValue(MessageKey.Of(ids[4000]), out var kept) && kept == 4000);
        Assert.False(table.ContainsKey(MessageKey.Of("missing")));
        var all = new Dictionary<string, long>();
        foreach (var (key, value) in table)
        {
            all.Add(key.ToString(), value);
        }

        Assert.Equal(ids.Append("new").Order(StringComparer.Ordinal), all.Keys.Order(StringComparer.Ordinal));

        foreach (var id in ids.Skip(10))
        {
            Assert.True(table.Remove(MessageKey.Of(id)));
        }

        Assert.False(table.Remove(MessageKey.Of(ids[^1])));
        Assert.Equal(11, table.Count);
        Assert.True(table.ContainsKey(MessageKey.Of(ids[9])));
        table.Clear();
        Assert.Equal(0, table.Count);
        Assert.False(table.ContainsKey(MessageKey.Of(ids[9])));
    }
}
