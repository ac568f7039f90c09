namespace ActorMq.Integration.Tests.History;

/// <summary>One broken rule, about one message, with the entries of the history that show it.</summary>
/// <param name="Rule">The rule broken.</param>
/// <param name="Message">The message.</param>
/// <param name="Detail">What happened, in words.</param>
/// <param name="Excerpt">The history entries about the message.</param>
public sealed record Violation(Rule Rule, MessageKey Message, string Detail, IReadOnlyList<HistoryEvent> Excerpt)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Rule}: {Message}: {Detail}\n{string.Join('\n', Excerpt.Select(e => "    " + e))}";
}
