namespace ActorMq.Testing;

/// <summary>The node process exited before it was ready; the message holds its log.</summary>
public sealed class NodeExitedException(string message) : Exception(message);
