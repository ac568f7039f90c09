namespace ActorMq.Integration.Tests.Workload;

/// <summary>Pauses of the load's loops, which a stop ends early without an exception.</summary>
public static class Pauses
{
    /// <summary>Waits <paramref name="pause"/>, or until <paramref name="stop"/> is cancelled.</summary>
    public static async Task DelayAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the caller's loop ends.
        }
    }
}
