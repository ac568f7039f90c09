namespace ActorMq.Integration.Tests.History;

/// <summary>How the operations of one kind ended.</summary>
/// <param name="Ok">Succeeded.</param>
/// <param name="Fail">Refused by the server.</param>
/// <param name="Info">Unknown outcome (or never completed).</param>
public readonly record struct OutcomeCounts(int Ok, int Fail, int Info)
{
    /// <summary>All of them.</summary>
    public int Total => Ok + Fail + Info;

    /// <inheritdoc />
    public override string ToString() => $"{Total} ({Ok} ok, {Fail} fail, {Info} unknown)";
}
