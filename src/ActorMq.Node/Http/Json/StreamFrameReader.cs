using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>The frames a client sends on its delivery stream (<see cref="DeliveryStream"/>).</summary>
internal static class StreamFrameReader
{
    private static readonly string[] CreditFields = ["credit"];

    /// <summary><c>{"credit": n}</c>, n from 1 to <see cref="DeliveryStream.MaxCredit"/>: how many more messages the client takes.</summary>
    /// <exception cref="QueueErrorException">The frame is malformed; the error names the field.</exception>
    public static int ReadCredit(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonRequest.Parse(frame, emptyMeansEmptyObject: false, "{\"credit\": 100}");
        var fields = JsonFields.Of(document.RootElement, "", "a stream frame", CreditFields);
        return fields.Int32("credit", 1, DeliveryStream.MaxCredit)
            ?? throw RequestError.Invalid("credit", "'credit' is required: how many more messages this stream may send, such as {\"credit\": 100}.");
    }
}
