using ActorMq.Engine.Tests.Support;

namespace ActorMq.Engine.Tests;

public sealed class PublishValidationTests
{
    /// <summary>A request broken in the way <paramref name="fault"/> names.</summary>
    private static PublishRequest Broken(string fault) => fault switch
    {
        "negative priority" => QueueFixture.Message("x", priority: -1),
        "deliverAt and delay" => QueueFixture.Message("x", deliverAt: QueueFixture.At(60), delay: TimeSpan.FromSeconds(60)),
        "negative delay" => QueueFixture.Message("x", delay: TimeSpan.FromSeconds(-1)),
        "deliverAt over ten years ahead" => QueueFixture.Message("x", deliverAt: QueueFixture.Start + Limits.MaxScheduleAhead + TimeSpan.FromSeconds(1)),
        "id with a space" => QueueFixture.Message("x", id: "order 1"),
        "id starting with a dash" => QueueFixture.Message("x", id: "-order"),
        "empty id" => QueueFixture.Message("x", id: ""),
        "id of 129 characters" => QueueFixture.Message("x", id: new string('i', 129)),
        "id ending in a newline" => QueueFixture.Message("x", id: "order-1\n"),
        "zero ttl" => QueueFixture.Message("x", ttl: TimeSpan.Zero),
        "negative ttl" => QueueFixture.Message("x", ttl: TimeSpan.FromSeconds(-1)),
        "empty dedupId" => QueueFixture.Message("x", dedupId: ""),
        "dedupId with a control character" => QueueFixture.Message("x", dedupId: "a\u0001b"),
        "dedupId of 129 characters" => QueueFixture.Message("x", dedupId: new string('d', 129)),
        "65 headers" => QueueFixture.Message("x", headers: Enumerable.Range(0, 65).ToDictionary(i => $"h{i}", i => "v")),
        "empty header name" => QueueFixture.Message("x", headers: new Dictionary<string, string> { [""] = "v" }),
        "empty contentType" => QueueFixture.Message("x", contentType: ""),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "unknown fault"),
    };

    [Theory]
    [InlineData("negative priority", "priority")]
    [InlineData("deliverAt and delay", "deliverAt")]
    [InlineData("negative delay", "delaySeconds")]
    [InlineData("deliverAt over ten years ahead", "deliverAt")]
    [InlineData("id with a space", "id")]
    [InlineData("id starting with a dash", "id")]
    [InlineData("empty id", "id")]
    [InlineData("id of 129 characters", "id")]
    [InlineData("id ending in a newline", "id")]
    [InlineData("zero ttl", "ttlSeconds")]
    [InlineData("negative ttl", "ttlSeconds")]
    [InlineData("empty dedupId", "dedupId")]
    [InlineData("dedupId with a control character", "dedupId")]
    [InlineData("dedupId of 129 characters", "dedupId")]
    [InlineData("65 headers", "headers")]
    [InlineData("empty header name", "headers")]
    [InlineData("empty contentType", "contentType")]
    public void An_invalid_message_must_be_refused_naming_the_field(string fault, string field)
    {
        var q = QueueFixture.Create();

        var error = q.Refuse(new Publish([Broken(fault)], AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_valid_id_of_128_characters_and_64_headers_must_be_accepted()
    {
        var q = QueueFixture.Create();
        var id = "A" + new string('b', 120) + "._:~-9z";
        var headers = Enumerable.Range(0, 64).ToDictionary(i => $"h{i}", i => "v");

        var result = q.Publish(QueueFixture.Message("x", id: id, headers: headers));

        Assert.Equal(128, id.Length);
        Assert.Equal(id, result.Id);
        Assert.Equal(64, q.Get(id).Headers.Count);
    }

    [Fact]
    public void A_body_over_maxMessageBytes_must_be_refused_as_too_large()
    {
        var q = QueueFixture.Create(QueueSettings.Default with { MaxMessageBytes = 10 });
        var elevenBytes = new PublishRequest { Body = MessageBody.Json("\"123456789\"") };

        var error = q.Refuse(new Publish([elevenBytes], AutoCreate: true), ErrorKind.TooLarge);

        Assert.Equal("body", error.Field);
    }

    [Fact]
    public void A_body_of_exactly_maxMessageBytes_must_be_accepted()
    {
        var q = QueueFixture.Create(QueueSettings.Default with { MaxMessageBytes = 10 });

        var result = q.Publish(new PublishRequest { Body = MessageBody.Json("\"12345678\"") });

        Assert.Equal(10, q.Get(result.Id).Body.Length);
    }

    [Fact]
    public void A_binary_body_must_be_measured_by_its_decoded_bytes()
    {
        var q = QueueFixture.Create(QueueSettings.Default with { MaxMessageBytes = 4 });

        q.Publish(new PublishRequest { Body = MessageBody.Binary([1, 2, 3, 4]) });
        var error = q.Refuse(new Publish([new PublishRequest { Body = MessageBody.Binary([1, 2, 3, 4, 5]) }], AutoCreate: true), ErrorKind.TooLarge);

        Assert.Equal("body", error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public void A_batch_must_hold_1_to_1000_messages(int count)
    {
        var q = QueueFixture.Create();
        var batch = Enumerable.Range(0, count).Select(i => QueueFixture.Message($"m{i}")).ToArray();

        var error = q.Refuse(new Publish(batch, AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal("messages", error.Field);
    }

    [Fact]
    public void A_batch_of_1000_messages_must_be_accepted_in_order()
    {
        var q = QueueFixture.Create();
        var batch = Enumerable.Range(0, 1000).Select(i => QueueFixture.Message($"m{i}", id: $"m{i}")).ToArray();

        var results = q.PublishBatch(batch);

        Assert.Equal(1000, results.Count);
        Assert.Equal(batch.Select(r => r.Id), results.Select(r => r.Id));
        Assert.Equal(1000, q.Info.Counts.Ready);
    }

    [Fact]
    public void An_error_in_a_batch_must_name_the_entry()
    {
        var q = QueueFixture.Create();
        var batch = new[]
        {
            QueueFixture.Message("a"),
            QueueFixture.Message("b"),
            QueueFixture.Message("c"),
            QueueFixture.Message("d", priority: -1),
        };

        var error = q.Refuse(new Publish(batch, AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal("messages[3].priority", error.Field);
    }

    [Fact]
    public void An_error_in_a_batch_of_one_must_still_name_the_entry()
    {
        var q = QueueFixture.Create();

        var batch = q.Refuse(new Publish([QueueFixture.Message("d", priority: -1)], AutoCreate: true, IsBatch: true), ErrorKind.Invalid);
        var single = q.Refuse(new Publish([QueueFixture.Message("d", priority: -1)], AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal("messages[0].priority", batch.Field);
        Assert.Equal("priority", single.Field);
    }

    [Fact]
    public void A_refused_batch_must_store_nothing()
    {
        var q = QueueFixture.Create();
        q.Publish("earlier");
        var before = q.Info;
        var batch = new[]
        {
            QueueFixture.Message("fine", dedupId: "d1"),
            QueueFixture.Message("fine too", id: "m2"),
            QueueFixture.Message("broken", ttl: TimeSpan.Zero),
        };

        var error = q.Refuse(new Publish(batch, AutoCreate: true), ErrorKind.Invalid);

        Assert.Equal("messages[2].ttlSeconds", error.Field);
        Assert.Equal(before.Counts, q.Info.Counts);
        Assert.Equal(before.Totals, q.Info.Totals);
        Assert.Null(q.State.Find("m2"));
        var retried = q.Publish(QueueFixture.Message("fine", dedupId: "d1"));
        Assert.False(retried.Duplicate);
    }

    [Fact]
    public void A_refused_publish_to_a_missing_queue_must_not_create_it()
    {
        var q = QueueFixture.Missing();

        q.Refuse(new Publish([QueueFixture.Message("x", priority: -1)], AutoCreate: true), ErrorKind.Invalid);

        Assert.False(q.State.Exists);
    }

    [Fact]
    public void Publish_must_store_body_headers_content_type_and_default_priority()
    {
        var q = QueueFixture.Create(QueueSettings.Default with { DefaultPriority = 7 });
        var body = MessageBody.Json("{\"n\": 1.50,\n \"s\": \"a\\nb\"}");
        var request = new PublishRequest
        {
            Body = body,
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["tenant"] = "acme" },
        };

        var result = q.Publish(request);

        var stored = q.Get(result.Id);
        Assert.Equal(body, stored.Body);
        Assert.Equal(body.Bytes.ToArray(), stored.Body.Bytes.ToArray());
        Assert.Equal("application/json", stored.ContentType);
        Assert.Equal("acme", stored.Headers["tenant"]);
        Assert.Equal(7, stored.Priority);
        Assert.Equal(q.Now, stored.PublishedAt);
        Assert.Equal(0, stored.ReceiveCount);
        Assert.Null(stored.FirstReceivedAt);
        Assert.Equal(1, stored.Version);
        Assert.Equal(MessageState.Ready, result.State);
        Assert.False(result.Duplicate);
        Assert.Equal(1, q.Info.Totals.Published);
        q.AssertReplayRebuildsState();
    }
}
