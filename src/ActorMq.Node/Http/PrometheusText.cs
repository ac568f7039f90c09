using System.Globalization;
using System.Text;
using ActorMq.Engine;

namespace ActorMq.Node.Http;

/// <summary>
/// The metrics of <c>GET /metrics</c> in the Prometheus text exposition format (0.0.4): the node's readiness, memory
/// and garbage collections, and per queue a gauge of live messages by state and counters of its totals, labelled <c>queue="…"</c>.
/// </summary>
internal static class PrometheusText
{
    /// <summary>Media type of the exposition format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly (string Name, string Help, Func<QueueTotals, long> Value)[] Totals =
    [
        ("actormq_queue_published_total", "Messages stored in the queue since it was created.", t => t.Published),
        ("actormq_queue_delivered_total", "Leases granted and pops since the queue was created.", t => t.Delivered),
        ("actormq_queue_acked_total", "Messages acked since the queue was created.", t => t.Acked),
        ("actormq_queue_dead_lettered_total", "Messages dead-lettered since the queue was created.", t => t.DeadLettered),
        ("actormq_queue_expired_total", "Messages expired since the queue was created.", t => t.Expired),
    ];

    /// <summary>
    /// The exposition of <paramref name="queues"/> and the node's <paramref name="runtime"/> figures; only the node's when
    /// the node is not ready (null queues).
    /// </summary>
    public static string Render(bool ready, IReadOnlyList<QueueInfo>? queues, RuntimeStats runtime)
    {
        var text = new StringBuilder();
        Family(text, "actormq_node_ready", "gauge", "1 when this node has joined the cluster and serves requests, else 0.");
        Sample(text, "actormq_node_ready", null, ready ? 1 : 0);
        Family(text, "actormq_node_heap_bytes", "gauge", "Size of the managed heap after the last garbage collection.");
        Sample(text, "actormq_node_heap_bytes", null, runtime.HeapBytes);
        Family(text, "actormq_node_heap_live_bytes", "gauge", "Managed heap in use after the last garbage collection (heap size less free space).");
        Sample(text, "actormq_node_heap_live_bytes", null, runtime.HeapBytes - runtime.FragmentedBytes);
        Family(text, "actormq_node_gc_collections_total", "counter", "Garbage collections since the node started, by generation (collecting a generation collects the younger ones too, and counts for each).");
        for (var generation = 0; generation < runtime.Collections.Count; generation++)
        {
            Sample(text, "actormq_node_gc_collections_total", $"generation=\"{generation}\"", runtime.Collections[generation]);
        }

        Family(text, "actormq_node_gc_pause_seconds_total", "counter", "Time the node's threads were paused for garbage collection since it started.");
        text.Append("actormq_node_gc_pause_seconds_total ").Append(runtime.GcPause.TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
        if (queues is null)
        {
            return text.ToString();
        }

        Family(text, "actormq_queues", "gauge", "Queues that exist.");
        Sample(text, "actormq_queues", null, queues.Count);

        Family(text, "actormq_queue_messages", "gauge", "Live messages in the queue, by state.");
        foreach (var q in queues)
        {
            Sample(text, "actormq_queue_messages", $"queue=\"{Escape(q.Name)}\",state=\"ready\"", q.Counts.Ready);
            Sample(text, "actormq_queue_messages", $"queue=\"{Escape(q.Name)}\",state=\"scheduled\"", q.Counts.Scheduled);
            Sample(text, "actormq_queue_messages", $"queue=\"{Escape(q.Name)}\",state=\"delayed\"", q.Counts.Delayed);
            Sample(text, "actormq_queue_messages", $"queue=\"{Escape(q.Name)}\",state=\"inflight\"", q.Counts.Inflight);
        }

        foreach (var (name, help, value) in Totals)
        {
            Family(text, name, "counter", help);
            foreach (var q in queues)
            {
                Sample(text, name, $"queue=\"{Escape(q.Name)}\"", value(q.Totals));
            }
        }

        return text.ToString();
    }

    private static void Family(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder text, string name, string? labels, long value)
    {
        text.Append(name);
        if (labels is not null)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
    }

    // Label values escape backslash, double quote and line feed.
    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");
}

/// <summary>
/// The runtime's figures: the managed heap after the last garbage collection (its size and the free space inside it),
/// the collections since start by generation (0, 1, 2), and the time threads were paused for them.
/// </summary>
internal readonly record struct RuntimeStats(long HeapBytes, long FragmentedBytes, IReadOnlyList<long> Collections, TimeSpan GcPause)
{
    /// <summary>This process's figures now.</summary>
    public static RuntimeStats Current()
    {
        var gc = GC.GetGCMemoryInfo();
        return new RuntimeStats(
            gc.HeapSizeBytes, gc.FragmentedBytes, [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)], GC.GetTotalPauseDuration());
    }
}
