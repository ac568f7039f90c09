namespace ActorMq.Integration.Tests.History;

/// <summary>A message: its queue and id (ids are unique within a queue).</summary>
public readonly record struct MessageKey(string Queue, string Id)
{
    /// <inheritdoc />
    public override string ToString() => $"{Queue}/{Id}";
}
