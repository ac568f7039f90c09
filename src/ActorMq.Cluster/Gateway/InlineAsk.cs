using Akka.Actor;

namespace ActorMq.Cluster.Gateway;

/// <summary>
/// An Ask whose answer runs the awaiting code on the thread that sends the answer. Akka's own Ask completes its task
/// asynchronously, so every answer wakes a pool thread; on a stream's delivery path that is one thread switch per
/// delivery, which this saves.
/// </summary>
internal static class InlineAsk
{
    /// <summary>Sends <paramref name="message"/> to <paramref name="target"/>; the answer, or null after <paramref name="timeout"/>.</summary>
    public static Task<object?> AskAsync(ActorSystem system, IActorRef target, object message, TimeSpan timeout)
    {
        var provider = ((ExtendedActorSystem)system).Provider;
        // Without RunContinuationsAsynchronously: the awaiting code runs inside the answering Tell.
        var answer = new TaskCompletionSource<object?>();
        var future = provider.CreateFutureRef(answer);
        // Registered so that an answer from another node finds it by its path.
        provider.RegisterTempActor(future, future.Path);
        var timer = new CancellationTokenSource(timeout);
        var expiry = timer.Token.UnsafeRegister(static state => ((TaskCompletionSource<object?>)state!).TrySetResult(null), answer);
        answer.Task.ContinueWith(
            (_, state) =>
            {
                var (path, registration, source) = ((ActorPath, CancellationTokenRegistration, CancellationTokenSource))state!;
                provider.UnregisterTempActor(path);
                registration.Dispose();
                source.Dispose();
            },
            (future.Path, expiry, timer),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        target.Tell(message, future);
        return answer.Task;
    }
}
