using System.Text.Json;
using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// One frame a client sent on its stream: credit it grants (0 for none) and at most one request — a publish or an ack —
/// with the reference its answer will carry. A request the node refuses (<see cref="Refused"/>) is answered with that
/// reference and a problem; the stream goes on. An ack may come without a reference: it is not answered (AMQP's
/// <c>nowait</c>), except for the leases it could not ack.
/// </summary>
/// <param name="Credit">More messages the client takes, 0 when the frame grants none.</param>
/// <param name="Ref">The request's reference as its JSON text (a string or an integer), echoed in the answer; null without a request, and for an ack that is not to be answered.</param>
/// <param name="Publish">A publish, as the body of <c>POST /v1/queues/{q}/messages</c> would give it.</param>
/// <param name="Ack">An ack of leases, as the body of <c>POST /v1/queues/{q}/messages/ack</c> would give it.</param>
/// <param name="Refused">Why the request cannot be carried out (it is malformed); then neither request is set.</param>
internal sealed record StreamFrame(int Credit, string? Ref, PublishBody? Publish, Ack? Ack, QueueError? Refused);

/// <summary>The frames a client sends on its stream (<see cref="QueueStream"/>).</summary>
internal static class StreamFrameReader
{
    /// <summary>The longest reference a request may carry.</summary>
    public const int MaxRefLength = 64;

    private const string Expected = "{\"credit\": 100}, {\"ref\": 1, \"publish\": {\"body\": …}} or {\"ref\": 2, \"ack\": {\"leases\": […]}} (ref optional with ack)";

    private static readonly string[] Fields = ["credit", "ref", "publish", "ack"];

    /// <summary>
    /// Reads a frame: <c>credit</c> (1 to <see cref="QueueStream.MaxCredit"/>), and <c>publish</c> or <c>ack</c>
    /// with a <c>ref</c> (a string of 1-64 characters or an integer) that the answer repeats; an ack without one is
    /// not answered.
    /// </summary>
    /// <exception cref="QueueErrorException">
    /// The frame itself is malformed (not a JSON object, an unknown field, a bad credit or reference, nothing asked, a
    /// malformed ack without a reference to answer it by): the error names the field and the stream ends. A malformed
    /// publish or ack with a good reference is not thrown: it comes back as <see cref="StreamFrame.Refused"/>.
    /// </exception>
    public static StreamFrame Read(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonRequest.Parse(frame, emptyMeansEmptyObject: false, Expected);
        var fields = JsonFields.Of(document.RootElement, "", "a stream frame", Fields);
        var credit = fields.Int32("credit", 1, QueueStream.MaxCredit) ?? 0;
        var publish = fields.Element("publish");
        var ack = fields.Element("ack");
        if (publish is not null && ack is not null)
        {
            throw RequestError.Invalid("ack", "A frame carries one request: 'publish' or 'ack', not both; send two frames.");
        }

        var request = publish ?? ack;
        var reference = Ref(fields, required: publish is not null);
        if (request is not { } body)
        {
            return credit > 0
                ? new StreamFrame(credit, null, null, null, null)
                : throw RequestError.Invalid("credit", $"A stream frame grants credit or carries a request: {Expected}.");
        }

        try
        {
            return publish is not null
                ? new StreamFrame(credit, reference, PublishReader.Read(body, "publish"), null, null)
                : new StreamFrame(credit, reference, null, DeliveryReader.ReadAckBatch(body, "ack"), null);
        }
        catch (QueueErrorException e) when (reference is not null)
        {
            return new StreamFrame(credit, reference, null, null, e.Error);
        }
    }

    /// <summary>The <c>ref</c> as JSON text: a string of 1-64 characters or an integer; null when absent and not required.</summary>
    private static string? Ref(JsonFields fields, bool required)
    {
        if (fields.Element("ref") is not { ValueKind: not JsonValueKind.Null } value)
        {
            return required
                ? throw RequestError.Invalid("ref", "'ref' is required with 'publish': a string or an integer that the answer carries back.")
                : null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String when value.GetString()!.Length is > 0 and <= MaxRefLength => value.GetRawText(),
            JsonValueKind.Number when value.TryGetInt64(out _) => value.GetRawText(),
            _ => throw RequestError.Invalid("ref", $"'ref' must be a string of 1-{MaxRefLength} characters or an integer; got {JsonFields.Describe(value)}."),
        };
    }
}
