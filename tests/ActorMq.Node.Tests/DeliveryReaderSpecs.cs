using ActorMq.Engine;
using ActorMq.Node.Http.Json;
using static ActorMq.Node.Tests.Json;

namespace ActorMq.Node.Tests;

public class DeliveryReaderSpecs
{
    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    public void An_empty_receive_must_mean_one_message_with_the_queues_timeout_and_no_wait(string json)
    {
        var (receive, wait) = DeliveryReader.ReadReceive(Body(json));
        Assert.Equal(new Receive(1, null), receive);
        Assert.Equal(TimeSpan.Zero, wait);
    }

    [Fact]
    public void A_receive_must_read_max_timeout_and_wait()
    {
        var (receive, wait) = DeliveryReader.ReadReceive(Body("""{"max":10,"visibilityTimeoutSeconds":2.5,"waitSeconds":20}"""));
        Assert.Equal(new Receive(10, TimeSpan.FromSeconds(2.5)), receive);
        Assert.Equal(TimeSpan.FromSeconds(20), wait);
    }

    [Theory]
    [InlineData("""{"waitSeconds":20.5}""", "waitSeconds")]
    [InlineData("""{"waitSeconds":-1}""", "waitSeconds")]
    [InlineData("""{"max":0}""", "max")]
    [InlineData("""{"max":1001}""", "max")]
    [InlineData("""{"max":"10"}""", "max")]
    [InlineData("""{"visibilityTimeoutSeconds":"30"}""", "visibilityTimeoutSeconds")]
    [InlineData("""{"maxMessages":10}""", "maxMessages")]
    public void A_receive_out_of_range_must_be_refused_naming_the_field(string json, string field) =>
        Invalid(() => DeliveryReader.ReadReceive(Body(json)), field);

    [Fact]
    public void A_pop_must_default_to_one_and_refuse_other_fields()
    {
        Assert.Equal(new Pop(1), DeliveryReader.ReadPop(Body("")));
        Assert.Equal(new Pop(5), DeliveryReader.ReadPop(Body("""{"max":5}""")));
        Invalid(() => DeliveryReader.ReadPop(Body("""{"max":5,"waitSeconds":1}""")), "waitSeconds");
    }

    [Fact]
    public void A_batch_ack_must_read_every_lease_in_order()
    {
        var ack = DeliveryReader.ReadAckBatch(Body("""{"leases":[{"id":"a","token":"1"},{"token":"2","id":"b"}]}"""));
        Assert.Equal([new LeaseRef("a", "1"), new LeaseRef("b", "2")], ack.Leases);
    }

    [Theory]
    [InlineData("""{"leases":[{"id":"a","token":"1"},{"id":"b"}]}""", "leases[1].token")]
    [InlineData("""{"leases":[{"id":"a","token":1}]}""", "leases[0].token")]
    [InlineData("""{"leases":[{"token":"1"}]}""", "leases[0].id")]
    [InlineData("""{"leases":[{"id":"a","token":"1","extra":true}]}""", "leases[0].extra")]
    [InlineData("""{"leases":[]}""", "leases")]
    [InlineData("""{"leases":{"id":"a"}}""", "leases")]
    [InlineData("""{}""", "leases")]
    public void A_malformed_batch_ack_must_be_refused_naming_the_field(string json, string field) =>
        Invalid(() => DeliveryReader.ReadAckBatch(Body(json)), field);

    [Fact]
    public void A_single_ack_must_need_its_token()
    {
        Assert.Equal([new LeaseRef("m1", "7f")], DeliveryReader.ReadAck("m1", Body("""{"token":"7f"}""")).Leases);
        Invalid(() => DeliveryReader.ReadAck("m1", Body("{}")), "token");
        Invalid(() => DeliveryReader.ReadAck("m1", Body("")), null);
    }

    [Fact]
    public void A_nack_must_read_delay_and_dead_letter()
    {
        Assert.Equal(new Nack("m1", "t", null, false), DeliveryReader.ReadNack("m1", Body("""{"token":"t"}""")));
        Assert.Equal(new Nack("m1", "t", TimeSpan.FromSeconds(0.25), false), DeliveryReader.ReadNack("m1", Body("""{"token":"t","delaySeconds":0.25}""")));
        Assert.Equal(new Nack("m1", "t", null, true), DeliveryReader.ReadNack("m1", Body("""{"token":"t","deadLetter":true}""")));
        Invalid(() => DeliveryReader.ReadNack("m1", Body("""{"token":"t","deadLetter":"yes"}""")), "deadLetter");
        Invalid(() => DeliveryReader.ReadNack("m1", Body("""{"token":"t","deadLetter":true,"delaySeconds":5}""")), "delaySeconds");
    }

    [Fact]
    public void An_extend_must_read_its_timeout()
    {
        Assert.Equal(new Extend("m1", "t", TimeSpan.FromSeconds(60)), DeliveryReader.ReadExtend("m1", Body("""{"token":"t","visibilityTimeoutSeconds":60}""")));
        Assert.Equal(new Extend("m1", "t", null), DeliveryReader.ReadExtend("m1", Body("""{"token":"t"}""")));
        Invalid(() => DeliveryReader.ReadExtend("m1", Body("""{"token":"t","visibilityTimeout":60}""")), "visibilityTimeout");
    }
}
