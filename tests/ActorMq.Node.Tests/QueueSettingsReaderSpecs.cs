using System.Text.Json;
using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class QueueSettingsReaderSpecs
{
    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    public void Missing_settings_must_take_their_defaults(string json) =>
        Assert.Equal(QueueSettings.Default, QueueSettingsReader.Read("orders", Body(json)));

    [Fact]
    public void Every_setting_must_be_read()
    {
        var settings = QueueSettingsReader.Read("orders", Body("""
            {"visibilityTimeoutSeconds":45.5,"maxReceives":3,"deadLetterQueue":"orders-failed","retryDelaySeconds":2,
             "messageTtlSeconds":86400,"deadLetterExpired":true,"defaultPriority":5,"dedupWindowSeconds":60,
             "maxMessageBytes":1024,"maxDepth":10000}
            """));
        Assert.Equal(new QueueSettings
        {
            VisibilityTimeout = TimeSpan.FromSeconds(45.5),
            MaxReceives = 3,
            DeadLetterQueue = "orders-failed",
            RetryDelay = TimeSpan.FromSeconds(2),
            MessageTtl = TimeSpan.FromDays(1),
            DeadLetterExpired = true,
            DefaultPriority = 5,
            DedupWindow = TimeSpan.FromMinutes(1),
            MaxMessageBytes = 1024,
            MaxDepth = 10000,
        }, settings);
    }

    [Fact]
    public void Null_must_mean_none_or_the_default()
    {
        var settings = QueueSettingsReader.Read("orders", Body("""{"messageTtlSeconds":null,"maxDepth":null,"deadLetterQueue":null,"maxReceives":null}"""));
        Assert.Equal(QueueSettings.Default, settings);
    }

    [Fact]
    public void The_default_dead_letter_queue_named_explicitly_must_be_stored_as_the_default() =>
        Assert.Null(QueueSettingsReader.Read("orders", Body("""{"deadLetterQueue":"orders.dlq"}""")).DeadLetterQueue);

    [Theory]
    [InlineData("""{"visibilityTimeoutSeconds":0}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"maxReceives":-1}""", "maxReceives")]
    [InlineData("""{"maxReceives":1.5}""", "maxReceives")]
    [InlineData("""{"deadLetterQueue":"orders"}""", "deadLetterQueue")]
    [InlineData("""{"deadLetterQueue":"no spaces"}""", "deadLetterQueue")]
    [InlineData("""{"messageTtlSeconds":0}""", "messageTtlSeconds")]
    [InlineData("""{"defaultPriority":-1}""", "defaultPriority")]
    [InlineData("""{"dedupWindowSeconds":604801}""", "dedupWindowSeconds")]
    [InlineData("""{"maxMessageBytes":0}""", "maxMessageBytes")]
    [InlineData("""{"maxDepth":0}""", "maxDepth")]
    [InlineData("""{"deadLetterExpired":"true"}""", "deadLetterExpired")]
    [InlineData("""{"visibilityTimeoutSeconds":"30"}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"visibilityTimeout":30}""", "visibilityTimeout")]
    public void A_bad_setting_must_be_refused_naming_it(string json, string field) =>
        Invalid(() => QueueSettingsReader.Read("orders", Body(json)), field);

    [Fact]
    public void Settings_written_by_GET_must_read_back_unchanged()
    {
        var settings = QueueSettings.Default with { MessageTtl = TimeSpan.FromSeconds(1.5), MaxDepth = 7, DeadLetterExpired = true };
        var queue = new QueueInfo("orders", settings, default, default);
        using var document = JsonDocument.Parse(QueueWriter.One(queue));
        var written = document.RootElement.GetProperty("settings").GetRawText();
        Assert.Equal(settings, QueueSettingsReader.Read("orders", Body(written)));
    }
}
