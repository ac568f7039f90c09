using System.Text.RegularExpressions;

namespace ActorMq.Engine;

/// <summary>Queue name rules: <c>^[A-Za-z0-9][A-Za-z0-9._-]{0,119}$</c>, so <c>&lt;name&gt;.dlq</c> still fits in 124.</summary>
public static partial class QueueName
{
    /// <summary>The longest name a user may give a queue.</summary>
    public const int MaxUserLength = 120;

    /// <summary>Suffix of the default dead-letter queue.</summary>
    public const string DeadLetterSuffix = ".dlq";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,123}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>Checks a queue name given by a user; null when it is valid.</summary>
    public static QueueError? Validate(string? name, string field = "queue")
    {
        if (string.IsNullOrEmpty(name))
        {
            return QueueError.Invalid(field, $"'{field}' is required: a queue name of 1-{MaxUserLength} characters.");
        }

        if (name.Length > MaxUserLength && !IsDeadLetterName(name))
        {
            return QueueError.Invalid(field, $"'{field}' is {name.Length} characters long; at most {MaxUserLength} are allowed.");
        }

        return Pattern().IsMatch(name)
            ? null
            : QueueError.Invalid(field, $"'{field}' value '{name}' is not a valid queue name: use letters, digits, '.', '_' and '-', starting with a letter or digit.");
    }

    /// <summary>True for a name of the form <c>&lt;name&gt;.dlq</c> whose base is a valid user name.</summary>
    public static bool IsDeadLetterName(string name) =>
        name.EndsWith(DeadLetterSuffix, StringComparison.Ordinal)
        && name.Length - DeadLetterSuffix.Length is > 0 and <= MaxUserLength;

    /// <summary>The default dead-letter queue of <paramref name="queue"/>, or null for a queue that is itself one.</summary>
    public static string? DefaultDeadLetterQueue(string queue) =>
        queue.EndsWith(DeadLetterSuffix, StringComparison.Ordinal) ? null : queue + DeadLetterSuffix;
}
