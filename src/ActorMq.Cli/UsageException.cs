namespace ActorMq.Cli;

/// <summary>A bad value found while a command runs but before it sends anything (exit code 2).</summary>
/// <param name="message">One line naming the bad option or argument.</param>
internal sealed class UsageException(string message) : Exception(message);
