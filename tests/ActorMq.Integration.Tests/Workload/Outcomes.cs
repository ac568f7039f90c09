using ActorMq.Client;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>How a failed request ends in the history: refused (fail) or unknown (info).</summary>
public static class Outcomes
{
    /// <summary>
    /// Completes <paramref name="operation"/> from <paramref name="error"/>: a 4xx answer is a refusal (nothing changed,
    /// the API says so); anything else (503, another 5xx, no answer, a timeout, an answer that could not be read) is
    /// unknown. Returns the completion.
    /// </summary>
    public static HistoryEvent Complete(PendingOperation operation, Exception error)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(error);
        return error is ActorMqException { Status: >= 400 and < 500 } refused
            ? operation.Fail($"{refused.Status} {refused.Detail}")
            : operation.Info(Describe(error));
    }

    /// <summary>True when the request got no answer at all (the node is down or did not answer in time).</summary>
    public static bool NoAnswer(Exception error) => error is ActorMqException { Status: null };

    private static string Describe(Exception error) => error switch
    {
        ActorMqException { Status: { } status } e => $"{status} {e.Detail}",
        ActorMqException e => $"no answer: {e.Detail}",
        _ => $"{error.GetType().Name}: {error.Message}",
    };
}
