using ActorMq.Engine.Tests.Support;

namespace ActorMq.Engine.Tests;

public sealed class SettingsValidationTests
{
    private const string Queue = "orders";

    /// <summary>Default settings with the setting named by its JSON key set to <paramref name="value"/> (seconds for durations).</summary>
    private static QueueSettings With(string field, double value) => field switch
    {
        "visibilityTimeoutSeconds" => QueueSettings.Default with { VisibilityTimeout = TimeSpan.FromSeconds(value) },
        "maxReceives" => QueueSettings.Default with { MaxReceives = (int)value },
        "retryDelaySeconds" => QueueSettings.Default with { RetryDelay = TimeSpan.FromSeconds(value) },
        "messageTtlSeconds" => QueueSettings.Default with { MessageTtl = TimeSpan.FromSeconds(value) },
        "defaultPriority" => QueueSettings.Default with { DefaultPriority = (int)value },
        "dedupWindowSeconds" => QueueSettings.Default with { DedupWindow = TimeSpan.FromSeconds(value) },
        "maxMessageBytes" => QueueSettings.Default with { MaxMessageBytes = (int)value },
        "maxDepth" => QueueSettings.Default with { MaxDepth = (long)value },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "unknown setting"),
    };

    [Fact]
    public void Default_settings_must_be_valid_and_match_the_design()
    {
        var settings = QueueSettings.Default;

        Assert.Null(settings.Validate(Queue));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.VisibilityTimeout);
        Assert.Equal(10, settings.MaxReceives);
        Assert.Null(settings.DeadLetterQueue);
        Assert.Equal(TimeSpan.Zero, settings.RetryDelay);
        Assert.Null(settings.MessageTtl);
        Assert.False(settings.DeadLetterExpired);
        Assert.Equal(100, settings.DefaultPriority);
        Assert.Equal(TimeSpan.FromSeconds(300), settings.DedupWindow);
        Assert.Equal(262_144, settings.MaxMessageBytes);
        Assert.Null(settings.MaxDepth);
    }

    [Theory]
    [InlineData("visibilityTimeoutSeconds", 0)]
    [InlineData("visibilityTimeoutSeconds", -1)]
    [InlineData("visibilityTimeoutSeconds", 43_200.001)]
    [InlineData("maxReceives", -1)]
    [InlineData("retryDelaySeconds", -0.001)]
    [InlineData("retryDelaySeconds", 43_200.001)]
    [InlineData("messageTtlSeconds", 0)]
    [InlineData("messageTtlSeconds", -5)]
    [InlineData("defaultPriority", -1)]
    [InlineData("dedupWindowSeconds", -1)]
    [InlineData("dedupWindowSeconds", 604_801)]
    [InlineData("maxMessageBytes", 0)]
    [InlineData("maxMessageBytes", 16 * 1024 * 1024 + 1)]
    [InlineData("maxDepth", 0)]
    [InlineData("maxDepth", -3)]
    public void Settings_out_of_bounds_must_be_refused_naming_the_setting(string field, double value)
    {
        var error = With(field, value).Validate(Queue);

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Theory]
    [InlineData("visibilityTimeoutSeconds", 0.001)]
    [InlineData("visibilityTimeoutSeconds", 43_200)]
    [InlineData("maxReceives", 0)]
    [InlineData("maxReceives", 1)]
    [InlineData("retryDelaySeconds", 0)]
    [InlineData("retryDelaySeconds", 43_200)]
    [InlineData("messageTtlSeconds", 0.001)]
    [InlineData("defaultPriority", 0)]
    [InlineData("dedupWindowSeconds", 0)]
    [InlineData("dedupWindowSeconds", 604_800)]
    [InlineData("maxMessageBytes", 1)]
    [InlineData("maxMessageBytes", 16 * 1024 * 1024)]
    [InlineData("maxDepth", 1)]
    public void Settings_at_their_bounds_must_be_accepted(string field, double value)
    {
        Assert.Null(With(field, value).Validate(Queue));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-orders")]
    [InlineData("bad name")]
    [InlineData("orders/dlq")]
    public void A_dead_letter_queue_that_is_not_a_valid_queue_name_must_be_refused(string deadLetterQueue)
    {
        var error = (QueueSettings.Default with { DeadLetterQueue = deadLetterQueue }).Validate(Queue);

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("deadLetterQueue", error.Field);
    }

    [Fact]
    public void A_queue_must_not_be_its_own_dead_letter_queue()
    {
        var error = (QueueSettings.Default with { DeadLetterQueue = Queue }).Validate(Queue);

        Assert.NotNull(error);
        Assert.Equal("deadLetterQueue", error.Field);
        Assert.Null((QueueSettings.Default with { DeadLetterQueue = "orders-failed" }).Validate(Queue));
    }

    [Fact]
    public void Configure_with_invalid_settings_must_be_refused_and_create_nothing()
    {
        var q = QueueFixture.Missing();

        var error = q.Refuse(new ConfigureQueue(QueueSettings.Default with { MaxReceives = -1 }), ErrorKind.Invalid);

        Assert.Equal("maxReceives", error.Field);
        Assert.False(q.State.Exists);
    }

    [Fact]
    public void Configure_must_create_a_queue_and_then_update_its_settings()
    {
        var q = QueueFixture.Missing();
        var first = QueueSettings.Default with { VisibilityTimeout = TimeSpan.FromSeconds(5) };
        var second = first with { MaxReceives = 3 };

        var created = q.Succeed<QueueConfiguredReply>(new ConfigureQueue(first));
        var updated = q.Succeed<QueueConfiguredReply>(new ConfigureQueue(second));

        Assert.True(created.Created);
        Assert.False(updated.Created);
        Assert.Equal(second, updated.Queue.Settings);
        Assert.Equal(second, q.State.Settings);
        Assert.Equal(QueueFixture.Start, q.State.CreatedAt);
        q.AssertReplayRebuildsState();
    }

    [Fact]
    public void Configure_with_unchanged_settings_must_emit_no_event()
    {
        var settings = QueueSettings.Default with { MaxReceives = 4 };
        var q = QueueFixture.Create(settings);

        var decision = q.Execute(new ConfigureQueue(settings));

        Assert.True(decision.IsSuccess);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_queue_ttl_that_the_settings_accept_must_not_break_publish_or_receive()
    {
        // Publish bounds a message's ttlSeconds at Limits.MaxScheduleAhead; the queue-wide messageTtlSeconds has no
        // upper bound, so a huge one is accepted and ReadyFrom + ttl overflows DateTimeOffset on the next receive.
        var settings = QueueSettings.Default with { MessageTtl = TimeSpan.MaxValue };
        var q = QueueFixture.Missing();

        var configured = q.Execute(new ConfigureQueue(settings));
        if (!configured.IsSuccess)
        {
            Assert.Equal("messageTtlSeconds", configured.Error!.Field);
            return;
        }

        var published = q.Publish("forever");
        var received = Record.Exception(() => q.Receive());

        Assert.Null(received);
        Assert.Equal(MessageState.Inflight, q.Get(published.Id).State);
    }
}
