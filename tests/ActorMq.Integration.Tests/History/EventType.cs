namespace ActorMq.Integration.Tests.History;

/// <summary>
/// The type of a history entry, as in a Jepsen history: an operation is invoked, then completes <see cref="Ok"/>, or
/// <see cref="Fail"/>s (it certainly did not take effect: the server refused it), or ends as <see cref="Info"/> (no
/// answer, a timeout or a 5xx: it may or may not have taken effect, now or later).
/// </summary>
public enum EventType
{
    /// <summary>The client sends the request.</summary>
    Invoke,

    /// <summary>The server answered success.</summary>
    Ok,

    /// <summary>The server refused the request (4xx): nothing changed.</summary>
    Fail,

    /// <summary>Unknown outcome: no answer, a timeout or a 5xx.</summary>
    Info,
}
