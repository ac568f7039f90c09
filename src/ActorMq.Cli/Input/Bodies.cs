using ActorMq.Client;

namespace ActorMq.Cli.Input;

/// <summary>Message bodies from the command line: text is sent as a JSON string, or, with <c>--json</c>, as the JSON it is.</summary>
internal static class Bodies
{
    /// <summary>The body of <paramref name="text"/>; null with <paramref name="error"/> set when <c>--json</c> text is not one JSON value.</summary>
    public static MessageBody? From(string text, bool json, string what, out string? error)
    {
        error = null;
        if (!json)
        {
            return MessageBody.Text(text);
        }

        try
        {
            return MessageBody.Json(text);
        }
        catch (ArgumentException e)
        {
            error = $"{what} is not valid JSON (--json): {e.Message.Split(" (Parameter", 2)[0]}";
            return null;
        }
    }

    /// <summary>The body of <paramref name="text"/>, or a <see cref="UsageException"/>.</summary>
    public static MessageBody Require(string text, bool json, string what) =>
        From(text, json, what, out var error) ?? throw new UsageException(error!);
}
