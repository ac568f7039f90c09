namespace ActorMq.Engine;

/// <summary>A message in a schedule bucket as the bucket knows it: its id and the version it holds.</summary>
public readonly record struct ParkedRef(string Id, long Version)
{
    /// <summary>The reference of <paramref name="m"/>.</summary>
    public static ParkedRef Of(StoredMessage m) => new(m.Id, m.Version);
}
