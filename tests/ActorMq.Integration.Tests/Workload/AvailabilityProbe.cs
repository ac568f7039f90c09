using ActorMq.Client;
using ActorMq.Integration.Tests.History;

namespace ActorMq.Integration.Tests.Workload;

/// <summary>
/// Measures when queues serve, as <c>scripts/measure-failover.sh</c> does: in rounds, one every <c>interval</c>, a GET
/// of every queue through one gateway, each with a short timeout. A round does not wait for the one before, so a
/// queue that serves again is seen within an interval, however long the requests to it hang. Outside the history: it
/// only reads.
/// </summary>
public sealed class AvailabilityProbe : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ActorMqHttpClient _client;
    private readonly IReadOnlyList<string> _queues;
    private readonly TimeSpan _interval;
    private readonly List<ProbeResult> _results = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(int Round, DateTimeOffset Sent)> _rounds = [];
    private readonly List<Task> _pending = [];
    private readonly Task _loop;

    private AvailabilityProbe(Uri gateway, IReadOnlyList<string> queues, TimeSpan interval, TimeSpan timeout)
    {
        _http = new HttpClient { Timeout = timeout };
        _client = new ActorMqHttpClient(_http, gateway);
        _queues = queues;
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Starts probing <paramref name="queues"/> through <paramref name="gateway"/>: a round every 200 ms, 1 s timeouts.</summary>
    public static AvailabilityProbe Start(Uri gateway, IReadOnlyList<string> queues) =>
        new(gateway, queues, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1));

    /// <summary>Waits until a whole round answered; throws when none did within <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAllAnswerAsync(TimeSpan timeout)
    {
        var since = DateTimeOffset.UtcNow;
        while (!LastRoundsAllOk(since, 1))
        {
            if (DateTimeOffset.UtcNow - since > timeout)
            {
                throw new TimeoutException($"the queues did not all answer within {timeout.TotalSeconds} s: {Measure(since)}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Waits until the queues serve again after <paramref name="since"/>: three whole rounds in a row answered, after
    /// at least one failure (or, when none failed, after <paramref name="quiet"/>); at most <paramref name="timeout"/>.
    /// Returns the measurement either way.
    /// </summary>
    public async Task<Availability> WaitForRecoveryAsync(DateTimeOffset since, TimeSpan quiet, TimeSpan timeout)
    {
        while (true)
        {
            var elapsed = DateTimeOffset.UtcNow - since;
            if (LastRoundsAllOk(since, 3) && (AnyFailureSince(since) || elapsed > quiet))
            {
                return Measure(since) with { Recovered = true };
            }

            if (elapsed > timeout)
            {
                return Measure(since);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The availability of every queue since <paramref name="since"/>, from the probes sent since then.</summary>
    public Availability Measure(DateTimeOffset since)
    {
        ProbeResult[] results;
        lock (_gate)
        {
            results = [.. _results.Where(r => r.Sent >= since)];
        }

        var unavailable = new Dictionary<string, TimeSpan?>();
        foreach (var byQueue in results.GroupBy(r => r.Queue))
        {
            var lastFailure = byQueue.Where(r => !r.Ok).Select(r => (DateTimeOffset?)r.Sent).Max();
            if (lastFailure is not { } failedAt)
            {
                continue;
            }

            var back = byQueue.Where(r => r.Ok && r.Sent > failedAt).Select(r => (DateTimeOffset?)r.Answered).Min();
            unavailable[byQueue.Key] = back - since;
        }

        return new Availability(since, false, unavailable, results.Select(r => r.Round).Distinct().Count());
    }

    /// <summary>Writes every probe to <paramref name="path"/>, one line each: round, queue, sent, answered, ok.</summary>
    public void Save(string path)
    {
        lock (_gate)
        {
            File.WriteAllLines(path, _results.OrderBy(r => r.Round).ThenBy(r => r.Queue, StringComparer.Ordinal)
                .Select(r => $"{r.Round}\t{r.Queue}\t{HistoryEvent.Clock(r.Sent)}\t{HistoryEvent.Clock(r.Answered)}\t{(r.Ok ? "ok" : "FAIL")}"));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        await Task.WhenAll(_pending);
        _client.Dispose();
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        using var ticks = new PeriodicTimer(_interval);
        for (var round = 1; !_stop.IsCancellationRequested; round++)
        {
            var tick = round;
            lock (_gate)
            {
                _rounds.Add((tick, DateTimeOffset.UtcNow));
            }

            _pending.RemoveAll(t => t.IsCompleted);
            _pending.AddRange(_queues.Select(q => Task.Run(async () =>
            {
                var result = await ProbeAsync(tick, q);
                lock (_gate)
                {
                    _results.Add(result);
                }
            })));
            try
            {
                await ticks.WaitForNextTickAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    private async Task<ProbeResult> ProbeAsync(int round, string queue)
    {
        var sent = DateTimeOffset.UtcNow;
        try
        {
            await _client.GetQueueAsync(queue, CancellationToken.None);
            return new ProbeResult(round, queue, sent, DateTimeOffset.UtcNow, true);
        }
        catch (ActorMqException)
        {
            return new ProbeResult(round, queue, sent, DateTimeOffset.UtcNow, false);
        }
    }

    // The rounds sent since then, up to the first that is not complete (a queue has neither answered nor given up):
    // the last few of them all answered.
    private bool LastRoundsAllOk(DateTimeOffset since, int rounds)
    {
        lock (_gate)
        {
            var answered = _results.GroupBy(r => r.Round).ToDictionary(g => g.Key, g => (Count: g.Count(), Ok: g.All(r => r.Ok)));
            var complete = _rounds
                .Where(r => r.Sent >= since)
                .Select(r => answered.GetValueOrDefault(r.Round))
                .TakeWhile(a => a.Count == _queues.Count)
                .ToArray();
            return complete.Length >= rounds && complete[^rounds..].All(a => a.Ok);
        }
    }

    private bool AnyFailureSince(DateTimeOffset since)
    {
        lock (_gate)
        {
            return _results.Any(r => r.Sent >= since && !r.Ok);
        }
    }
}
