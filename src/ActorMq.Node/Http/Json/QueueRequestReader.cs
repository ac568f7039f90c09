using ActorMq.Engine;

namespace ActorMq.Node.Http.Json;

/// <summary>
/// Reads the bodies of queue administration: purge and sweep (<c>{}</c>) and redrive (<c>{"to"?, "max"?}</c>).
/// An empty body means <c>{}</c>.
/// </summary>
internal static class QueueRequestReader
{
    private static readonly string[] NoFields = [];
    private static readonly string[] RedriveFields = ["to", "max"];

    /// <summary>A body that must be empty or <c>{}</c>: purge and sweep take no parameters.</summary>
    /// <exception cref="QueueErrorException">The body holds anything else (400).</exception>
    public static void ReadEmpty(ReadOnlyMemory<byte> body, string what)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: true, "{}");
        JsonFields.Of(document.RootElement, "", what, NoFields);
    }

    /// <summary><c>{"to"?, "max"?}</c>: where to move the dead letters (their source queue when absent), and how many.</summary>
    /// <exception cref="QueueErrorException">The request is malformed; the error names the field (400).</exception>
    public static Redrive ReadRedrive(ReadOnlyMemory<byte> body)
    {
        using var document = JsonRequest.Parse(body, emptyMeansEmptyObject: true, "{\"to\": \"orders\", \"max\": 100}");
        var fields = JsonFields.Of(document.RootElement, "", "a redrive", RedriveFields);
        var to = fields.String("to");
        if (to is not null && QueueName.Validate(to, "to") is { } error)
        {
            throw new QueueErrorException(error);
        }

        return new Redrive(to, fields.Int32("max", min: 1));
    }
}
