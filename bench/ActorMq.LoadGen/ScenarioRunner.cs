using System.Collections.Concurrent;
using System.Diagnostics;

namespace ActorMq.LoadGen;

/// <summary>
/// The scenarios. Each runs on fresh queues (created with default settings first, deleted after), is bounded by
/// <see cref="LoadGenOptions.Timeout"/> and by its message count, builds its request bodies before the clock starts,
/// and returns one <see cref="ResultLine"/>.
/// </summary>
internal sealed class ScenarioRunner(NodeApi api, LoadGenOptions options, TextWriter log, MachineCounters counters)
{
    public static readonly string[] All =
    [
        "publish_single_1q", "publish_batch100_1q", "publish_single_8q", "publish_batch100_8q",
        "roundtrip_1q", "roundtrip_8q", "scheduled_lateness",
    ];

    /// <summary>
    /// Not in <c>all</c>: baselines that split a request's cost. <c>probe_http</c> is <c>GET /health/live</c> (HTTP
    /// only); <c>probe_ask</c> is <c>GET /v1/queues/{q}</c> (HTTP + an ask to the queue actor, nothing written).
    /// </summary>
    public static readonly string[] Diagnostics = ["probe_http", "probe_ask"];

    private const int PublishCount = 20_000;
    private const int RoundtripCount = 20_000;
    private const int ScheduledCount = 10_000;
    private const int Batch = 100;
    private static readonly TimeSpan ScheduleSpread = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    private readonly string _runId = Guid.NewGuid().ToString("N")[..6];

    // {"seq":12345,"pad":""} is about 22 bytes; the pad brings a body to about --body-bytes.
    private readonly string _pad = new('x', Math.Max(0, options.BodyBytes - 22));

    /// <summary>Runs one scenario by name and adds the machine's counters to its line.</summary>
    public async Task<ResultLine> RunAsync(string scenario)
    {
        var before = counters.Read();
        var line = scenario switch
        {
            "publish_single_1q" => await PublishScenarioAsync(scenario, queueCount: 1, batchSize: 1, options.Scaled(PublishCount)),
            "publish_batch100_1q" => await PublishScenarioAsync(scenario, queueCount: 1, batchSize: Batch, options.Scaled(PublishCount)),
            "publish_single_8q" => await PublishScenarioAsync(scenario, queueCount: 8, batchSize: 1, options.Scaled(PublishCount)),
            "publish_batch100_8q" => await PublishScenarioAsync(scenario, queueCount: 8, batchSize: Batch, options.Scaled(PublishCount)),
            "roundtrip_1q" => await RoundtripAsync(scenario, queueCount: 1, options.Scaled(RoundtripCount)),
            "roundtrip_8q" => await RoundtripAsync(scenario, queueCount: 8, options.Scaled(RoundtripCount)),
            "scheduled_lateness" => await ScheduledLatenessAsync(scenario),
            "probe_http" => await ProbeAsync(scenario, queueCount: 0, _ => "/health/live"),
            "probe_ask" => await ProbeAsync(scenario, queueCount: 1, queues => $"/v1/queues/{queues[0]}"),
            _ => throw new ArgumentException($"unknown scenario '{scenario}'", nameof(scenario)),
        };
        counters.AddDelta(line, before);
        return line;
    }

    /// <summary>
    /// Single publishes, then a roundtrip, on throw-away queues: a fresh node (and this process) runs its first
    /// tens of thousands of requests at about half speed while the JIT tiers up and the thread pool grows, which
    /// would otherwise be charged to whichever scenario comes first.
    /// </summary>
    public async Task<IReadOnlyList<ResultLine>> WarmupAsync() =>
    [
        await PublishScenarioAsync("warmup_single", queueCount: 1, batchSize: 1, options.WarmupMessages),
        await RoundtripAsync("warmup_roundtrip", queueCount: 1, options.WarmupMessages),
    ];

    private Task<ResultLine> PublishScenarioAsync(string scenario, int queueCount, int batchSize, int total) =>
        WithQueuesAsync(scenario, queueCount, async (queues, ct) =>
        {
            var plan = Plan(queues, total, batchSize);
            var phase = await PublishAsync(plan, batchSize > 1, ct);
            var ids = phase.AllIds().ToList();
            var duplicateIds = ids.Count - ids.Distinct(StringComparer.Ordinal).Count();
            var stored = await StoredCountAsync(queues);
            return new ResultLine(scenario)
                .Add("n", phase.Published)
                .Add("seconds", phase.Seconds)
                .Add("msg_per_s", phase.Published / phase.Seconds)
                .Latencies(phase.Latency)
                .Add("requests", plan.Length)
                .Add("req_per_s", phase.Latency.Count / phase.Seconds)
                .Add("batch", batchSize)
                .Add("queues", queueCount)
                .Add("concurrency", Math.Min(options.Concurrency, plan.Length))
                .Add("stored", stored)
                .Add("unconfirmed", phase.Unconfirmed)
                .Check("missing", Math.Max(0, phase.Published - stored))
                .Check("duplicates", duplicateIds + Math.Max(0, stored - phase.Published - phase.Unconfirmed))
                .Check("errors", phase.Errors.Count)
                .CheckFalse("timed_out", phase.TimedOut)
                .WithFirstError(log, phase.Errors);
        });

    private Task<ResultLine> RoundtripAsync(string scenario, int queueCount, int total) =>
        WithQueuesAsync(scenario, queueCount, async (queues, ct) =>
        {
            var plan = Plan(queues, total, Batch);
            var publish = await PublishAsync(plan, batch: true, ct);
            var expected = publish.AllIds().ToHashSet(StringComparer.Ordinal);
            var consume = await ConsumeAsync(queues, () => expected.Count, onReceived: null, ct);
            var seconds = publish.Seconds + consume.Seconds;
            var missing = expected.Count(id => !consume.Acked.ContainsKey(id));
            var duplicates = consume.Deliveries.Values.Sum(c => c - 1) + (publish.Published - expected.Count);
            var unexpected = consume.Deliveries.Keys.Count(id => !expected.Contains(id));
            return new ResultLine(scenario)
                .Add("n", consume.AckedCount)
                .Add("seconds", seconds)
                .Add("msg_per_s", consume.AckedCount / seconds)
                .Latencies(consume.Cycle)
                .Add("latency_is", "receive+ack_of_one_batch")
                .Add("publish_s", publish.Seconds)
                .Add("publish_msg_per_s", publish.Published / publish.Seconds)
                .Add("consume_s", consume.Seconds)
                .Add("consume_msg_per_s", consume.AckedCount / consume.Seconds)
                .Add("queues", queueCount)
                .Add("consumers", consume.Consumers)
                .Add("receives", consume.Receives)
                .Add("empty_receives", consume.EmptyReceives)
                .Check("missing", missing)
                .Check("duplicates", duplicates)
                .Check("unexpected", unexpected)
                .Check("ack_failed", consume.AckFailed)
                .Check("errors", publish.Errors.Count + consume.Errors.Count)
                .CheckFalse("timed_out", publish.TimedOut || consume.TimedOut)
                .WithFirstError(log, publish.Errors)
                .WithFirstError(log, consume.Errors);
        });

    private Task<ResultLine> ScheduledLatenessAsync(string scenario) =>
        WithQueuesAsync(scenario, 1, async (queues, ct) =>
        {
            var total = options.Scaled(ScheduledCount);
            var now = DateTimeOffset.UtcNow;
            var firstDue = new DateTimeOffset(
                (now + options.ScheduleLead).UtcTicks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

            // Whole milliseconds, as written on the wire, so the node's deliverAt is exactly the one planned here.
            DateTimeOffset DueOf(int seq) =>
                firstDue + TimeSpan.FromMilliseconds(Math.Floor(ScheduleSpread.TotalMilliseconds * seq / total));

            var plan = Plan(queues, total, Batch, seq => $"s{seq}", DueOf);
            var workers = Consumers(queues);
            var lateness = NewSamples(workers);
            var serverLateness = NewSamples(workers);
            long early = 0;
            long serverEarly = 0;
            long unexpected = 0;

            void OnReceived(int worker, List<Received> messages, DateTimeOffset at)
            {
                foreach (var m in messages)
                {
                    if (m.Id.Length < 2 || m.Id[0] != 's' || !int.TryParse(m.Id.AsSpan(1), out var seq) || seq < 0 || seq >= total)
                    {
                        Interlocked.Increment(ref unexpected);
                        continue;
                    }

                    var due = DueOf(seq);
                    var late = (at - due).TotalMilliseconds;
                    lateness[worker].Add(late);
                    if (late < 0)
                    {
                        Interlocked.Increment(ref early);
                    }

                    if (m.FirstReceivedAt is { } leased)
                    {
                        serverLateness[worker].Add((leased - due).TotalMilliseconds);
                        if (leased < due)
                        {
                            Interlocked.Increment(ref serverEarly);
                        }
                    }
                }
            }

            // Consumers long-poll from the start, as real ones would; the publish should be done well before firstDue.
            long target = total;
            var consumeTask = ConsumeAsync(queues, () => Interlocked.Read(ref target), OnReceived, ct);
            var publish = await PublishAsync(plan, batch: true, ct);
            Interlocked.Exchange(ref target, publish.Published);
            var publishLeadMs = (firstDue - DateTimeOffset.UtcNow).TotalMilliseconds;
            var consume = await consumeTask;
            var received = consume.Deliveries.Count;
            var expected = publish.AllIds().ToHashSet(StringComparer.Ordinal);
            var late = Samples.Merge(lateness);
            var lateServer = Samples.Merge(serverLateness);
            return new ResultLine(scenario)
                .Add("n", received)
                .Add("seconds", Stopwatch.GetElapsedTime(consume.StartedAt).TotalSeconds)
                .Latencies(late)
                .Add("latency_is", "local_receive_time-deliverAt")
                .Add("p90_ms", late.Percentile(0.90))
                .Add("min_ms", late.Percentile(0))
                .Latencies(lateServer, "server_")
                .Add("spread_s", ScheduleSpread.TotalSeconds)
                .Add("lead_s", options.ScheduleLead.TotalSeconds)
                .Add("publish_s", publish.Seconds)
                .Add("publish_done_before_first_due_ms", publishLeadMs)
                .Add("consumers", consume.Consumers)
                .Add("receives", consume.Receives)
                .Add("empty_receives", consume.EmptyReceives)
                .Add("msgs_per_receive", received / (double)Math.Max(1, consume.Receives - consume.EmptyReceives))
                .Check("early", early)
                .Check("server_early", serverEarly)
                .Check("missing", expected.Count(id => !consume.Deliveries.ContainsKey(id)))
                .Check("duplicates", consume.Deliveries.Values.Sum(c => c - 1) + (publish.Published - expected.Count))
                .Check("unexpected", unexpected)
                .Check("ack_failed", consume.AckFailed)
                .Check("errors", publish.Errors.Count + consume.Errors.Count)
                .CheckFalse("timed_out", publish.TimedOut || consume.TimedOut)
                .WithFirstError(log, publish.Errors)
                .WithFirstError(log, consume.Errors);
        });

    private Task<ResultLine> ProbeAsync(string scenario, int queueCount, Func<string[], string> pathOf) =>
        WithQueuesAsync(scenario, queueCount, async (queues, ct) =>
        {
            var total = options.Scaled(PublishCount);
            var path = pathOf(queues);
            var workers = Math.Min(options.Concurrency, total);
            var latency = NewSamples(workers);
            var errors = new Errors();
            var next = -1;
            long ok = 0;
            var start = Stopwatch.GetTimestamp();
            await Workers(workers, async w =>
            {
                while (!ct.IsCancellationRequested && Interlocked.Increment(ref next) < total)
                {
                    var sent = Stopwatch.GetTimestamp();
                    try
                    {
                        var response = await api.GetAsync(path, ct);
                        latency[w].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        if (response.Status == 200)
                        {
                            Interlocked.Increment(ref ok);
                        }
                        else
                        {
                            errors.Record($"GET {path}: {response.Describe()}");
                        }
                    }
                    catch (OperationCanceledException) when (ct.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                    {
                        errors.Record($"GET {path}: {e.GetType().Name}: {e.Message}");
                    }
                }
            });
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            return new ResultLine(scenario)
                .Add("n", ok)
                .Add("seconds", seconds)
                .Add("req_per_s", ok / seconds)
                .Latencies(Samples.Merge(latency))
                .Add("path", queueCount == 0 ? path : "/v1/queues/{q}")
                .Add("concurrency", workers)
                .Check("errors", errors.Count)
                .CheckFalse("timed_out", ok + errors.Count < total)
                .WithFirstError(log, errors);
        });

    /// <summary>
    /// Creates <paramref name="count"/> fresh queues (default settings), runs <paramref name="body"/> under the
    /// scenario's time bound, and deletes the queues whatever happened.
    /// </summary>
    private async Task<ResultLine> WithQueuesAsync(
        string scenario, int count, Func<string[], CancellationToken, Task<ResultLine>> body)
    {
        var queues = Enumerable.Range(0, count)
            .Select(i => count == 1 ? $"lg-{_runId}-{scenario}" : $"lg-{_runId}-{scenario}-q{i}")
            .ToArray();
        using var deadline = new CancellationTokenSource(options.Timeout);
        try
        {
            foreach (var queue in queues)
            {
                var created = await api.PutAsync($"/v1/queues/{queue}", Json.EmptyObject, deadline.Token);
                if (created.Status != 201)
                {
                    throw new InvalidOperationException($"creating queue {queue}: {created.Describe()}");
                }
            }

            log.WriteLine($"[{scenario}] running on {string.Join(",", queues)}");
            return await body(queues, deadline.Token);
        }
        finally
        {
            using var cleanup = new CancellationTokenSource(CleanupTimeout);
            foreach (var queue in queues)
            {
                try
                {
                    var deleted = await api.DeleteAsync($"/v1/queues/{queue}", cleanup.Token);
                    if (deleted.Status is not (204 or 404))
                    {
                        log.WriteLine($"[{scenario}] deleting queue {queue}: {deleted.Describe()}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    log.WriteLine($"[{scenario}] deleting queue {queue}: {e.Message}");
                }
            }
        }
    }

    /// <summary>Publish requests for messages 0..total-1 in groups of <paramref name="batchSize"/>, round-robin over the queues.</summary>
    private PlannedPublish[] Plan(
        string[] queues, int total, int batchSize, Func<int, string>? id = null, Func<int, DateTimeOffset>? deliverAt = null)
    {
        var plan = new PlannedPublish[(total + batchSize - 1) / batchSize];
        for (var r = 0; r < plan.Length; r++)
        {
            var first = r * batchSize;
            var count = Math.Min(batchSize, total - first);
            plan[r] = new PlannedPublish(
                $"/v1/queues/{queues[r % queues.Length]}/messages",
                Json.Publish(first, count, batch: batchSize > 1, _pad, id, deliverAt),
                count);
        }

        return plan;
    }

    /// <summary>Sends the planned publishes with up to <see cref="LoadGenOptions.Concurrency"/> in flight.</summary>
    private async Task<PublishPhase> PublishAsync(PlannedPublish[] plan, bool batch, CancellationToken ct)
    {
        var workers = Math.Min(options.Concurrency, plan.Length);
        var latency = NewSamples(workers);
        var phase = new PublishPhase(plan.Length);
        var next = -1;
        var start = Stopwatch.GetTimestamp();
        await Workers(workers, async w =>
        {
            while (!ct.IsCancellationRequested)
            {
                var r = Interlocked.Increment(ref next);
                if (r >= plan.Length)
                {
                    return;
                }

                var request = plan[r];
                var sent = Stopwatch.GetTimestamp();
                ApiResponse response;
                try
                {
                    response = await api.PostAsync(request.Path, request.Body, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Cut off by the deadline: the node may still have stored these.
                    Interlocked.Add(ref phase.Unconfirmed, request.Count);
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    phase.Errors.Record($"publish {request.Path}: {e.GetType().Name}: {e.Message}");
                    Interlocked.Add(ref phase.Unconfirmed, request.Count);
                    continue;
                }

                latency[w].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                if (response.Status != 201)
                {
                    phase.Errors.Record($"publish {request.Path}: {response.Describe()}");
                    continue;
                }

                var ids = Json.PublishedIds(response.Body, batch);
                phase.Ids[r] = ids;
                Interlocked.Add(ref phase.Published, ids.Length);
            }
        });
        phase.Seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        phase.Latency = Samples.Merge(latency);
        phase.TimedOut = ct.IsCancellationRequested && phase.Ids.Any(ids => ids is null);
        return phase;
    }

    /// <summary>
    /// Consumers (<see cref="LoadGenOptions.Concurrency"/>, spread over the queues) that receive up to 100 with a
    /// 1 s long poll and batch-ack what they got, until <paramref name="expected"/> messages are acked or the time
    /// is up. <paramref name="onReceived"/> sees each non-empty receive (worker index, messages, local receive time).
    /// </summary>
    private async Task<ConsumePhase> ConsumeAsync(
        string[] queues, Func<long> expected, Action<int, List<Received>, DateTimeOffset>? onReceived, CancellationToken ct)
    {
        var workers = Consumers(queues);
        var phase = new ConsumePhase(workers);
        var cycle = NewSamples(workers);
        using var done = CancellationTokenSource.CreateLinkedTokenSource(ct);
        long end = 0;

        void FinishIfDone()
        {
            if (Interlocked.Read(ref phase.AckedCount) >= expected() && !done.IsCancellationRequested)
            {
                Interlocked.CompareExchange(ref end, Stopwatch.GetTimestamp(), 0);
                done.Cancel();
            }
        }

        await Workers(workers, async w =>
        {
            var queue = queues[w % queues.Length];
            var receivePath = $"/v1/queues/{queue}/messages/receive";
            var ackPath = $"/v1/queues/{queue}/messages/ack";
            while (!done.IsCancellationRequested)
            {
                FinishIfDone();
                var sent = Stopwatch.GetTimestamp();
                ApiResponse response;
                try
                {
                    response = await api.PostAsync(receivePath, Json.Receive100Wait1, done.Token);
                }
                catch (OperationCanceledException) when (done.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    phase.Errors.Record($"receive {queue}: {e.GetType().Name}: {e.Message}");
                    await PauseAfterErrorAsync(done.Token);
                    continue;
                }

                var at = DateTimeOffset.UtcNow;
                Interlocked.Increment(ref phase.Receives);
                if (response.Status != 200)
                {
                    phase.Errors.Record($"receive {queue}: {response.Describe()}");
                    await PauseAfterErrorAsync(done.Token);
                    continue;
                }

                var messages = Json.ReceivedMessages(response.Body);
                if (messages.Count == 0)
                {
                    Interlocked.Increment(ref phase.EmptyReceives);
                    continue;
                }

                onReceived?.Invoke(w, messages, at);
                foreach (var m in messages)
                {
                    phase.Deliveries.AddOrUpdate(m.Id, 1, static (_, c) => c + 1);
                }

                // The ack is not cut short when the others are done: only the scenario's deadline stops it.
                try
                {
                    response = await api.PostAsync(ackPath, Json.Ack(messages), ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
                {
                    phase.Errors.Record($"ack {queue}: {e.GetType().Name}: {e.Message}");
                    continue;
                }

                if (response.Status != 200)
                {
                    phase.Errors.Record($"ack {queue}: {response.Describe()}");
                    continue;
                }

                cycle[w].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                var (acked, failed, failure) = Json.AckResults(response.Body);
                var fresh = acked.Count(id => phase.Acked.TryAdd(id, 0));
                Interlocked.Add(ref phase.AckedCount, fresh);
                if (failed > 0)
                {
                    Interlocked.Add(ref phase.AckFailed, failed);
                    phase.Errors.Record($"ack {queue}: entry refused: {failure}");
                }

                FinishIfDone();
            }
        });
        var stop = Interlocked.Read(ref end);
        phase.Seconds = Stopwatch.GetElapsedTime(phase.StartedAt, stop == 0 ? Stopwatch.GetTimestamp() : stop).TotalSeconds;
        phase.Cycle = Samples.Merge(cycle);
        phase.TimedOut = stop == 0;
        return phase;
    }

    /// <summary>The sum of the live counts of the queues, read after the fact (own deadline).</summary>
    private async Task<long> StoredCountAsync(string[] queues)
    {
        using var deadline = new CancellationTokenSource(CleanupTimeout);
        long sum = 0;
        foreach (var queue in queues)
        {
            var response = await api.GetAsync($"/v1/queues/{queue}", deadline.Token);
            sum += response.Status == 200
                ? Json.LiveCount(response.Body)
                : throw new InvalidOperationException($"reading queue {queue}: {response.Describe()}");
        }

        return sum;
    }

    private int Consumers(string[] queues) => Math.Max(options.Concurrency, queues.Length);

    private static Samples[] NewSamples(int count) => [.. Enumerable.Range(0, count).Select(_ => new Samples())];

    private static Task Workers(int count, Func<int, Task> work) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(w => Task.Run(() => work(w))));

    private static async Task PauseAfterErrorAsync(CancellationToken ct)
    {
        try
        {
            await Task.Delay(50, ct);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private sealed record PlannedPublish(string Path, byte[] Body, int Count);

    private sealed class PublishPhase(int requests)
    {
        public readonly string[]?[] Ids = new string[]?[requests];
        public readonly Errors Errors = new();
        public long Published;

        /// <summary>Messages of requests that got no answer (deadline or failure): stored or not, nobody knows.</summary>
        public long Unconfirmed;

        public double Seconds { get; set; }

        public Samples Latency { get; set; } = new();

        public bool TimedOut { get; set; }

        public IEnumerable<string> AllIds() => Ids.Where(ids => ids is not null).SelectMany(ids => ids!);
    }

    private sealed class ConsumePhase(int consumers)
    {
        public readonly ConcurrentDictionary<string, int> Deliveries = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, byte> Acked = new(StringComparer.Ordinal);
        public readonly Errors Errors = new();
        public readonly long StartedAt = Stopwatch.GetTimestamp();
        public long AckedCount;
        public long AckFailed;
        public long Receives;
        public long EmptyReceives;

        public int Consumers => consumers;

        public double Seconds { get; set; }

        public Samples Cycle { get; set; } = new();

        public bool TimedOut { get; set; }
    }
}
