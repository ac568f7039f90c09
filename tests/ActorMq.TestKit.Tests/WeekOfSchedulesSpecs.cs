using System.Diagnostics;
using Xunit.Abstractions;

namespace ActorMq.TestKit.Tests;

/// <summary>
/// The example of ActorMq.TestKit: 10,000 messages scheduled at random instants over a simulated week, and virtual
/// time moved an hour at a time. After each step every message due in it, and none due later, can be popped: each is
/// delivered in the step it fell due, never before. Most of them wait in schedule buckets, not in their queue, until
/// a look-ahead before they are due. Prints how long the week took in real time.
/// </summary>
public sealed class WeekOfSchedulesSpecs : Akka.TestKit.Xunit2.TestKit
{
    private const int Messages = 10_000;
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);
    private static readonly TimeSpan Step = TimeSpan.FromHours(1);

    private readonly ITestOutputHelper _output;

    public WeekOfSchedulesSpecs(ITestOutputHelper output)
        : base(ActorMqTestNode.Config(), output: output)
    {
        _output = output;
    }

    [Fact]
    public async Task Ten_thousand_messages_over_a_week_must_each_be_delivered_in_the_hour_it_falls_due()
    {
        var clock = Stopwatch.StartNew();
        await using var node = ActorMqTestNode.Start(Sys);
        var client = node.Client;
        var start = node.Now;
        var random = new Random(20260101);
        var due = Enumerable.Range(0, Messages)
            .ToDictionary(i => $"m{i}", _ => start + TimeSpan.FromSeconds(random.NextInt64(1, (long)Week.TotalSeconds + 1)));
        foreach (var batch in due.Chunk(1000))
        {
            await client.PublishBatchAsync("week", batch.Select(m => new PublishMessage(MessageBody.Text(m.Key)) { Id = m.Key, DeliverAt = m.Value }).ToArray());
        }

        await node.SettleAsync();
        var info = await client.GetQueueAsync("week");
        Assert.Equal(Messages, info.Counts.Scheduled);

        // All but those due within the look-ahead have left the queue's memory for hour-wide buckets.
        Assert.InRange(node.ScheduleActivity.MessagesParked, Messages * 95 / 100, Messages * 2);
        var published = clock.Elapsed;

        var delivered = new Dictionary<string, DateTimeOffset>();
        while (node.Now - start < Week)
        {
            var stepStart = node.Now;
            await node.AdvanceAsync(Step);
            foreach (var message in await PopAllAsync(client, "week"))
            {
                var at = due[message.Id];
                Assert.True(at > stepStart, $"{message.Id} was due at {at:O}, before this step ({stepStart:O} – {node.Now:O}), yet was not delivered earlier");
                Assert.True(at <= node.Now, $"{message.Id} was delivered early: due at {at:O}, delivered by {node.Now:O}");
                Assert.True(delivered.TryAdd(message.Id, node.Now), $"{message.Id} was delivered twice");
            }
        }

        Assert.Equal(Messages, delivered.Count);
        Assert.InRange(node.ScheduleActivity.BucketWakes, 7 * 24 - 6, 7 * 24 * 3);
        Assert.Equal(0, (await client.GetQueueAsync("week")).Counts.Total);
        _output.WriteLine($"{Messages} messages scheduled over {Week.TotalDays} days ({node.ScheduleActivity}): published and parked in {published.TotalMilliseconds:0} ms, " +
            $"the week ({Week / Step} steps of {Step.TotalHours} h) simulated in {(clock.Elapsed - published).TotalMilliseconds:0} ms; {clock.Elapsed.TotalMilliseconds:0} ms in all");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the simulated week took {clock.Elapsed} of real time");
    }

    private static async Task<List<PoppedMessage>> PopAllAsync(IActorMqClient client, string queue)
    {
        var all = new List<PoppedMessage>();
        while (await client.PopAsync(queue, 1000) is { Count: > 0 } popped)
        {
            all.AddRange(popped);
        }

        return all;
    }
}
