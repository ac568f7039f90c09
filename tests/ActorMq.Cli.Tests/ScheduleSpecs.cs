using Xunit.Abstractions;

namespace ActorMq.Cli.Tests;

/// <summary><c>schedule list|show|edit|cancel</c>.</summary>
public sealed class ScheduleSpecs(SharedNode shared, ITestOutputHelper output) : CliSpecs(shared, output)
{
    [Fact]
    public async Task List_shows_scheduled_messages_soonest_first_up_to_count()
    {
        var queue = NewQueue("sched-list");
        (await RunAsync("publish", queue, "third", "--id", "c", "--at", "2030-03-01T00:00:00Z")).Ok();
        (await RunAsync("publish", queue, "first", "--id", "a", "--at", "2030-01-01T00:00:00Z")).Ok();
        (await RunAsync("publish", queue, "second", "--id", "b", "--at", "2030-02-01T00:00:00Z", "--priority", "4")).Ok();
        (await RunAsync("publish", queue, "ready now", "--id", "r")).Ok();

        var text = (await RunAsync("schedule", "list", queue)).Ok();
        var json = (await RunAsync("schedule", "list", queue, "--count", "2", "--format", "json")).Ok().Json;

        Assert.Equal(["ID", "DELIVER-AT", "PRIORITY", "VERSION", "BODY"], text.Lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["a", "2030-01-01T00:00:00Z", "100", "1", "\"first\""], text.Lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["b", "2030-02-01T00:00:00Z", "4", "1", "\"second\""], text.Lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(4, text.Lines.Length);
        WalkthroughSpecs.AssertAligned(text.Lines);
        Assert.Equal(["a", "b"], json.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetString()));
        Assert.All(json.GetProperty("messages").EnumerateArray(), m => Assert.Equal("scheduled", m.GetProperty("state").GetString()));
    }

    [Fact]
    public async Task Show_gives_state_due_time_version_and_body()
    {
        var queue = NewQueue("sched-show");
        (await RunAsync("publish", queue, "{\"customer\": 42}", "--json", "--id", "renewal", "--at", "2030-06-01T09:00:00Z")).Ok();

        var text = (await RunAsync("schedule", "show", queue, "renewal")).Ok();
        var json = (await RunAsync("schedule", "show", queue, "renewal", "--format", "json")).Ok().Json;

        Assert.Contains("state         scheduled", text.Lines);
        Assert.Contains("deliverAt     2030-06-01T09:00:00Z", text.Lines);
        Assert.Contains("body          {\"customer\":42}", text.Lines);
        Assert.Equal(1, json.GetProperty("version").GetInt64());
        Assert.Equal(42, json.GetProperty("body").GetProperty("customer").GetInt32());
    }

    [Fact]
    public async Task Edit_changes_due_time_priority_body_and_headers()
    {
        var queue = NewQueue("sched-edit");
        (await RunAsync("publish", queue, "old", "--id", "m", "--delay", "3600", "--header", "old=1")).Ok();

        var edited = (await RunAsync(
            "schedule", "edit", queue, "m", "--at", "2031-01-01T00:00:00Z", "--priority", "2", "--body", "[1, 2]", "--json",
            "--header", "new=2", "--if-version", "1", "--format", "json")).Ok().Json;

        Assert.Equal(2, edited.GetProperty("version").GetInt64());
        var message = await Client.GetMessageAsync(queue, "m");
        Assert.Equal(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), message.DeliverAt);
        Assert.Equal(2, message.Priority);
        Assert.Equal("[1, 2]", message.Body.AsJson());
        Assert.Equal(new Dictionary<string, string> { ["new"] = "2" }, message.Headers);

        (await RunAsync("schedule", "edit", queue, "m", "--body", "plain text")).Ok();
        Assert.Equal("plain text", (await Client.GetMessageAsync(queue, "m")).Body.AsText());
    }

    [Fact]
    public async Task Edit_with_a_delay_or_a_past_time_moves_the_message()
    {
        var queue = NewQueue("sched-delay");
        (await RunAsync("publish", queue, "x", "--id", "m", "--delay", "3600")).Ok();

        (await RunAsync("schedule", "edit", queue, "m", "--delay", "7200")).Ok();
        var moved = (await Client.GetMessageAsync(queue, "m")).DeliverAt!.Value - DateTimeOffset.UtcNow;
        Assert.InRange(moved, TimeSpan.FromSeconds(7000), TimeSpan.FromSeconds(7300));

        (await RunAsync("schedule", "edit", queue, "m", "--at", "2020-01-01T00:00:00Z")).Ok();
        Assert.Equal("x", (await RunAsync("consume", queue, "--text")).Ok().Output);
    }

    [Fact]
    public async Task Edit_or_cancel_of_another_version_is_refused_and_changes_nothing()
    {
        var queue = NewQueue("sched-version");
        (await RunAsync("publish", queue, "x", "--id", "m", "--delay", "3600")).Ok();
        (await RunAsync("schedule", "edit", queue, "m", "--priority", "5")).Ok();

        (await RunAsync("schedule", "edit", queue, "m", "--priority", "6", "--if-version", "1")).Fails(ExitCodes.ServerError, "version 2, not 1");
        (await RunAsync("schedule", "cancel", queue, "m", "--if-version", "1")).Fails(ExitCodes.ServerError, "version 2, not 1");

        Assert.Equal(5, (await Client.GetMessageAsync(queue, "m")).Priority);
    }

    [Fact]
    public async Task Cancel_deletes_the_message()
    {
        var queue = NewQueue("sched-cancel");
        (await RunAsync("publish", queue, "x", "--id", "m", "--delay", "3600")).Ok();

        Assert.Equal($"cancelled m in '{queue}'\n", (await RunAsync("schedule", "cancel", queue, "m", "--if-version", "1")).Ok().Output);

        (await RunAsync("schedule", "show", queue, "m")).Fails(ExitCodes.ServerError, "no live message with id 'm'");
        Assert.Equal("messages: []\n", (await RunAsync("schedule", "list", queue, "--format", "yaml")).Ok().Output);
    }

    [Fact]
    public async Task A_message_in_flight_cannot_be_edited()
    {
        var queue = NewQueue("sched-inflight");
        (await RunAsync("publish", queue, "x", "--id", "m")).Ok();
        Assert.Single(await Client.ReceiveAsync(queue));

        (await RunAsync("schedule", "edit", queue, "m", "--priority", "1")).Fails(ExitCodes.ServerError);
        (await RunAsync("schedule", "cancel", queue, "m")).Fails(ExitCodes.ServerError);
    }
}
