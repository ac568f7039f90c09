using ActorMq.Contracts;
using Akka.Actor;

namespace ActorMq.Client.Transport;

/// <summary>
/// Requests straight to a gateway actor: the first contact point whose <c>/user/actormq-client-gateway</c> resolves is
/// used until it stops (remote death watch) or a request to it gets no answer; the next request then resolves the
/// contact points again. Answers come straight back to the asking actor, with no hop in between.
/// </summary>
internal sealed class DirectRoute : IGatewayRoute
{
    private readonly ActorSystem _system;
    private readonly IReadOnlyList<Address> _contacts;
    private readonly TimeSpan _connectTimeout;
    private readonly IActorRef _watcher;
    private readonly SemaphoreSlim _resolving = new(1, 1);
    private volatile IActorRef? _gateway;

    public DirectRoute(ActorSystem system, IReadOnlyList<Address> contacts, TimeSpan connectTimeout)
    {
        _system = system;
        _contacts = contacts;
        _connectTimeout = connectTimeout;
        _watcher = system.ActorOf(GatewayWatcherActor.Props(Forget), $"actormq-gateway-watcher-{Guid.NewGuid():N}");
        Description = string.Join(", ", contacts);
    }

    public string Description { get; }

    public async Task<object> AskAsync(object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var gateway = _gateway ?? await ResolveAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await gateway.Ask<object>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            // It may be gone without a word (killed, partitioned): the next request looks for a gateway again.
            Forget(gateway);
            throw;
        }
    }

    public ValueTask DisposeAsync()
    {
        _watcher.Tell(PoisonPill.Instance);
        _resolving.Dispose();
        return ValueTask.CompletedTask;
    }

    // By path: a Terminated names the gateway by a reference of its own, equal to ours but not the same object.
    private void Forget(IActorRef gone)
    {
        if (_gateway is { } current && current.Equals(gone))
        {
            Interlocked.CompareExchange(ref _gateway, null, current);
        }
    }

    private async Task<IActorRef> ResolveAsync(CancellationToken cancellationToken)
    {
        await _resolving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_gateway is { } known)
            {
                return known;
            }

            // Every contact point at once; the first to answer wins. One that is down costs nothing but its timeout.
            using var lookups = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pending = _contacts
                .Select(a => _system.ActorSelection(new RootActorPath(a) / "user" / ClientGatewayPaths.GatewayName).ResolveOne(_connectTimeout, lookups.Token))
                .ToList();
            // The lookups that lose (or fail) are not awaited: observe their failures.
            _ = Task.WhenAll(pending).ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            while (pending.Count > 0)
            {
                var done = await Task.WhenAny(pending).ConfigureAwait(false);
                pending.Remove(done);
                if (done.IsCompletedSuccessfully)
                {
                    await lookups.CancelAsync().ConfigureAwait(false);
                    var gateway = done.Result;
                    _watcher.Tell(new GatewayWatcherActor.Watch(gateway));
                    _gateway = gateway;
                    return gateway;
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"no gateway of {Description} answered within {_connectTimeout.TotalSeconds:0.#} s");
        }
        finally
        {
            _resolving.Release();
        }
    }
}
