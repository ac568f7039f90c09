using Xunit.Abstractions;

namespace ActorMq.TestKit.Tests;

/// <summary>The in-process node's other clocks run on virtual time too: leases, delays, TTLs; and its client maps errors as the real ones do.</summary>
public sealed class VirtualTimeSpecs(ITestOutputHelper output) : Akka.TestKit.Xunit2.TestKit(ActorMqTestNode.Config(), output: output)
{
    [Fact]
    public async Task A_reminder_due_in_a_day_must_be_ready_after_a_day_and_not_before()
    {
        await using var node = ActorMqTestNode.Start(Sys);
        await node.Client.PublishAsync("reminders", new PublishMessage(MessageBody.Text("hi")) { Delay = TimeSpan.FromDays(1) });

        await node.AdvanceAsync(TimeSpan.FromHours(23));
        Assert.Empty(await node.Client.PopAsync("reminders"));

        await node.AdvanceAsync(TimeSpan.FromHours(1));
        Assert.Equal("hi", Assert.Single(await node.Client.PopAsync("reminders")).Body.AsText());
    }

    [Fact]
    public async Task A_lease_must_run_out_in_virtual_time()
    {
        await using var node = ActorMqTestNode.Start(Sys);
        await node.Client.CreateOrUpdateQueueAsync("jobs", new QueueSettings { VisibilityTimeout = TimeSpan.FromMinutes(5) });
        await node.Client.PublishAsync("jobs", MessageBody.Text("job"));
        var first = Assert.Single(await node.Client.ReceiveAsync("jobs"));
        Assert.Equal(node.Now + TimeSpan.FromMinutes(5), first.Lease.ExpiresAt);

        await node.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Empty(await node.Client.ReceiveAsync("jobs"));

        await node.AdvanceAsync(TimeSpan.FromMinutes(1));
        var second = Assert.Single(await node.Client.ReceiveAsync("jobs"));
        Assert.Equal(2, second.ReceiveCount);
        await Assert.ThrowsAsync<StaleLeaseException>(() => node.Client.AckAsync(first));
        await node.Client.AckAsync(second);
    }

    [Fact]
    public async Task A_nacked_message_must_wait_out_its_delay_in_virtual_time()
    {
        await using var node = ActorMqTestNode.Start(Sys);
        await node.Client.PublishAsync("retries", MessageBody.Text("flaky"));
        var received = Assert.Single(await node.Client.ReceiveAsync("retries"));

        await node.Client.NackAsync(received, delay: TimeSpan.FromHours(3));
        Assert.Equal(MessageState.Delayed, (await node.Client.GetMessageAsync("retries", received.Id)).State);

        await node.AdvanceAsync(TimeSpan.FromHours(3) - TimeSpan.FromSeconds(1));
        Assert.Empty(await node.Client.ReceiveAsync("retries"));
        await node.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(await node.Client.ReceiveAsync("retries"));
    }

    [Fact]
    public async Task Errors_must_be_the_client_exceptions()
    {
        await using var node = ActorMqTestNode.Start(Sys, new ActorMqTestNodeOptions { AutoCreateQueues = false });

        await Assert.ThrowsAsync<QueueNotFoundException>(() => node.Client.PublishAsync("missing", MessageBody.Text("x")));
        Assert.Equal("queue", (await Assert.ThrowsAsync<ValidationException>(() => node.Client.GetQueueAsync("bad name!"))).Field);
        Assert.Empty(await node.Client.ListQueuesAsync());
        await node.Client.CreateOrUpdateQueueAsync("present");
        Assert.Equal("present", Assert.Single(await node.Client.ListQueuesAsync()).Name);
    }

    [Fact]
    public void A_system_without_the_test_scheduler_must_be_refused()
    {
        using var plain = Akka.Actor.ActorSystem.Create("plain");

        Assert.Throws<InvalidOperationException>(() => ActorMqTestNode.Start(plain));
    }
}
