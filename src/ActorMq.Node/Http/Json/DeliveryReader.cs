using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// Reads the requests of consumers: receive, pop, ack (batch and single), nack and extend. An empty body of a
/// receive or a pop means <c>{}</c>.
/// </summary>
internal static class DeliveryReader
{
    private static readonly string[] ReceiveFields = ["max", "visibilityTimeoutSeconds", "waitSeconds"];
    private static readonly string[] PopFields = ["max"];
    private static readonly string[] AckBatchFields = ["leases"];
    private static readonly string[] LeaseFields = ["id", "token"];
    private static readonly string[] AckFields = ["token"];
    private static readonly string[] NackFields = ["token", "delaySeconds", "deadLetter"];
    private static readonly string[] ExtendFields = ["token", "visibilityTimeoutSeconds"];

    /// <summary>
    /// <c>{max?=1, visibilityTimeoutSeconds?, waitSeconds? (0-20)}</c>: the receive, and how long it may wait for a
    /// message to become ready.
    /// </summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static (Receive Command, TimeSpan Wait) ReadReceive(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: true, "{\"max\": 10}");
        var fields = JsonFields.Of(document.RootElement, "", "a receive", ReceiveFields);
        var max = Max(fields);
        var visibility = fields.Seconds("visibilityTimeoutSeconds");
        var wait = fields.Seconds("waitSeconds") ?? TimeSpan.Zero;
        if (wait < TimeSpan.Zero || wait > Limits.MaxWait)
        {
            throw RequestError.Invalid("waitSeconds", $"'waitSeconds' must be from 0 to {Limits.MaxWait.TotalSeconds}; got {wait.TotalSeconds}.");
        }

        return (new Receive(max, visibility), wait);
    }

    /// <summary><c>{max?=1}</c>.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Pop ReadPop(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: true, "{\"max\": 10}");
        return new Pop(Max(JsonFields.Of(document.RootElement, "", "a pop", PopFields)));
    }

    /// <summary><c>{"leases": [{"id", "token"}, …]}</c> (1-1000 leases).</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Ack ReadAckBatch(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, "{\"leases\": [{\"id\": \"…\", \"token\": \"…\"}]}");
        return ReadAckBatch(document.RootElement, "");
    }

    /// <summary>An ack of leases found at <paramref name="path"/> ("" when it is the whole body).</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field by its path (400).</exception>
    internal static Ack ReadAckBatch(JsonElement request, string path)
    {
        var fields = JsonFields.Of(request, path, "an ack of leases", AckBatchFields);
        var leasesPath = fields.PathOf("leases");
        var list = fields.Array("leases")
            ?? throw RequestError.Invalid(leasesPath, $"'{leasesPath}' is required: an array of {{\"id\", \"token\"}} as receive returned them.");
        var count = list.GetArrayLength();
        if (count is 0 or > Limits.MaxReceive)
        {
            throw RequestError.Invalid(leasesPath, $"'{leasesPath}' holds {count} leases; an ack holds 1-{Limits.MaxReceive}.");
        }

        var leases = new LeaseRef[count];
        var i = 0;
        foreach (var entry in list.EnumerateArray())
        {
            var lease = JsonFields.Of(entry, $"{leasesPath}[{i}]", "a lease", LeaseFields);
            leases[i] = new LeaseRef(
                lease.RequiredString("id", "the id of the received message"),
                lease.RequiredString("token", "the lease token that receive returned with the message"));
            i++;
        }

        return new Ack(leases);
    }

    /// <summary><c>{"token"}</c>: the ack of one message.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Ack ReadAck(string id, ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, "{\"token\": \"…\"}");
        var fields = JsonFields.Of(document.RootElement, "", "an ack", AckFields);
        return new Ack([new LeaseRef(id, Token(fields))]);
    }

    /// <summary><c>{"token", "delaySeconds"?, "deadLetter"?}</c>.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Nack ReadNack(string id, ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, "{\"token\": \"…\"}");
        var fields = JsonFields.Of(document.RootElement, "", "a nack", NackFields);
        var token = Token(fields);
        var delay = fields.Seconds("delaySeconds");
        var deadLetter = fields.Boolean("deadLetter") ?? false;
        if (deadLetter && delay is not null)
        {
            throw RequestError.Invalid("delaySeconds", "give 'delaySeconds' or 'deadLetter': true, not both: a dead-lettered message is not retried.");
        }

        return new Nack(id, token, delay, deadLetter);
    }

    /// <summary><c>{"token", "visibilityTimeoutSeconds"?}</c>; without a timeout the queue's own applies.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Extend ReadExtend(string id, ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: false, "{\"token\": \"…\", \"visibilityTimeoutSeconds\": 60}");
        var fields = JsonFields.Of(document.RootElement, "", "an extend", ExtendFields);
        return new Extend(id, Token(fields), fields.Seconds("visibilityTimeoutSeconds"));
    }

    private static int Max(JsonFields fields) => fields.Int32("max", 1, Limits.MaxReceive) ?? 1;

    private static string Token(JsonFields fields) =>
        fields.RequiredString("token", "the lease token that receive returned with the message");
}
