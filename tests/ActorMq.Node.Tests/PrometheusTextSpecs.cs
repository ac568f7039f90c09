using ActorMq.Engine;
using ActorMq.Node.Http;

namespace ActorMq.Node.Tests;

public class PrometheusTextSpecs
{
    [Fact]
    public void Metrics_must_have_gauges_per_state_and_counters_per_total_labelled_by_queue()
    {
        var text = PrometheusText.Render(true, [new QueueInfo("orders", QueueSettings.Default, new QueueCounts(1, 2, 3, 4), new QueueTotals(10, 9, 8, 7, 6))], new RuntimeStats(5000, 1200, [7, 3, 1], TimeSpan.FromMilliseconds(12.5)));
        Assert.Equal(
            """
            # HELP actormq_node_ready 1 when this node has joined the cluster and serves requests, else 0.
            # TYPE actormq_node_ready gauge
            actormq_node_ready 1
            # HELP actormq_node_heap_bytes Size of the managed heap after the last garbage collection.
            # TYPE actormq_node_heap_bytes gauge
            actormq_node_heap_bytes 5000
            # HELP actormq_node_heap_live_bytes Managed heap in use after the last garbage collection (heap size less free space).
            # TYPE actormq_node_heap_live_bytes gauge
            actormq_node_heap_live_bytes 3800
            # HELP actormq_node_gc_collections_total Garbage collections since the node started, by generation (collecting a generation collects the younger ones too, and counts for each).
            # TYPE actormq_node_gc_collections_total counter
            actormq_node_gc_collections_total{generation="0"} 7
            actormq_node_gc_collections_total{generation="1"} 3
            actormq_node_gc_collections_total{generation="2"} 1
            # HELP actormq_node_gc_pause_seconds_total Time the node's threads were paused for garbage collection since it started.
            # TYPE actormq_node_gc_pause_seconds_total counter
            actormq_node_gc_pause_seconds_total 0.0125
            # HELP actormq_queues Queues that exist.
            # TYPE actormq_queues gauge
            actormq_queues 1
            # HELP actormq_queue_messages Live messages in the queue, by state.
            # TYPE actormq_queue_messages gauge
            actormq_queue_messages{queue="orders",state="ready"} 1
            actormq_queue_messages{queue="orders",state="scheduled"} 2
            actormq_queue_messages{queue="orders",state="delayed"} 3
            actormq_queue_messages{queue="orders",state="inflight"} 4
            # HELP actormq_queue_published_total Messages stored in the queue since it was created.
            # TYPE actormq_queue_published_total counter
            actormq_queue_published_total{queue="orders"} 10
            # HELP actormq_queue_delivered_total Leases granted and pops since the queue was created.
            # TYPE actormq_queue_delivered_total counter
            actormq_queue_delivered_total{queue="orders"} 9
            # HELP actormq_queue_acked_total Messages acked since the queue was created.
            # TYPE actormq_queue_acked_total counter
            actormq_queue_acked_total{queue="orders"} 8
            # HELP actormq_queue_dead_lettered_total Messages dead-lettered since the queue was created.
            # TYPE actormq_queue_dead_lettered_total counter
            actormq_queue_dead_lettered_total{queue="orders"} 7
            # HELP actormq_queue_expired_total Messages expired since the queue was created.
            # TYPE actormq_queue_expired_total counter
            actormq_queue_expired_total{queue="orders"} 6

            """,
            text);
    }

    [Fact]
    public void A_node_that_is_not_ready_must_report_only_that_its_heap_and_its_collections() =>
        Assert.Equal(
            "# HELP actormq_node_ready 1 when this node has joined the cluster and serves requests, else 0.\n# TYPE actormq_node_ready gauge\nactormq_node_ready 0\n"
            + "# HELP actormq_node_heap_bytes Size of the managed heap after the last garbage collection.\n# TYPE actormq_node_heap_bytes gauge\nactormq_node_heap_bytes 10\n"
            + "# HELP actormq_node_heap_live_bytes Managed heap in use after the last garbage collection (heap size less free space).\n# TYPE actormq_node_heap_live_bytes gauge\nactormq_node_heap_live_bytes 10\n"
            + "# HELP actormq_node_gc_collections_total Garbage collections since the node started, by generation (collecting a generation collects the younger ones too, and counts for each).\n# TYPE actormq_node_gc_collections_total counter\n"
            + "actormq_node_gc_collections_total{generation=\"0\"} 0\nactormq_node_gc_collections_total{generation=\"1\"} 0\nactormq_node_gc_collections_total{generation=\"2\"} 0\n"
            + "# HELP actormq_node_gc_pause_seconds_total Time the node's threads were paused for garbage collection since it started.\n# TYPE actormq_node_gc_pause_seconds_total counter\nactormq_node_gc_pause_seconds_total 0\n",
            PrometheusText.Render(false, null, new RuntimeStats(10, 0, [0, 0, 0], TimeSpan.Zero)));
}
