using ActorMq.Engine.Tests.Support;

namespace ActorMq.Engine.Tests;

public sealed class QueueNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("7")]
    [InlineData("orders")]
    [InlineData("Orders-2026_v1.eu")]
    [InlineData("orders.dlq")]
    public void Names_of_letters_digits_dots_underscores_and_dashes_must_be_valid(string name)
    {
        Assert.Null(QueueName.Validate(name));
    }

    [Theory]
    [InlineData("-orders")]
    [InlineData(".orders")]
    [InlineData("_orders")]
    [InlineData("my orders")]
    [InlineData("orders/eu")]
    [InlineData("orders:eu")]
    [InlineData("bestellungen-ä")]
    [InlineData("orders\n")]
    public void Names_with_other_characters_or_a_bad_first_character_must_be_invalid(string name)
    {
        var error = QueueName.Validate(name);

        Assert.NotNull(error);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("queue", error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_missing_name_must_be_invalid(string? name)
    {
        Assert.Equal("queue", QueueName.Validate(name)?.Field);
    }

    [Fact]
    public void A_user_name_may_have_120_characters_but_not_121()
    {
        Assert.Null(QueueName.Validate(new string('q', 120)));

        var error = QueueName.Validate(new string('q', 121));

        Assert.NotNull(error);
        Assert.Contains("120", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dead_letter_queue_of_a_120_character_name_must_be_valid_at_124_characters()
    {
        var dlq = QueueName.DefaultDeadLetterQueue(new string('q', 120));

        Assert.NotNull(dlq);
        Assert.Equal(124, dlq.Length);
        Assert.Null(QueueName.Validate(dlq));
        Assert.True(QueueName.IsDeadLetterName(dlq));
    }

    [Fact]
    public void A_dlq_name_longer_than_124_characters_must_be_invalid()
    {
        var name = new string('q', 121) + ".dlq";

        Assert.NotNull(QueueName.Validate(name));
    }

    [Fact]
    public void A_long_name_must_end_in_dot_dlq_to_pass_120_characters()
    {
        Assert.NotNull(QueueName.Validate(new string('q', 121) + "dlq"));
        Assert.NotNull(QueueName.Validate(new string('q', 120) + "_dlq"));
    }

    [Fact]
    public void The_default_dead_letter_queue_must_be_the_name_plus_dlq_and_none_for_a_dlq()
    {
        Assert.Equal("orders.dlq", QueueName.DefaultDeadLetterQueue("orders"));
        Assert.Null(QueueName.DefaultDeadLetterQueue("orders.dlq"));
        Assert.Equal("orders.dlq", QueueSettings.Default.EffectiveDeadLetterQueue("orders"));
        Assert.Equal("failed", (QueueSettings.Default with { DeadLetterQueue = "failed" }).EffectiveDeadLetterQueue("orders"));
    }

    [Fact]
    public void Configure_of_a_queue_with_an_invalid_name_must_be_refused_naming_queue()
    {
        var q = QueueFixture.Missing("bad name");

        var error = q.Refuse(new ConfigureQueue(QueueSettings.Default), ErrorKind.Invalid);

        Assert.Equal("queue", error.Field);
        Assert.False(q.State.Exists);
    }

    [Fact]
    public void Publish_to_a_missing_queue_with_an_invalid_name_must_be_refused_and_create_nothing()
    {
        var q = QueueFixture.Missing(new string('q', 121));

        var error = q.Refuse(new Publish([QueueFixture.Message("hello")], AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal("queue", error.Field);
        Assert.False(q.State.Exists);
    }
}
