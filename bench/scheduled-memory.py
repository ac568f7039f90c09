#!/usr/bin/env python3
"""Schedules N messages of 1 KiB due in a day on a running node, then reports its memory.

    python3 bench/scheduled-memory.py URL NODE_PID N

Publishes over HTTP in batches of 100 with 8 requests in flight, waits 20 s, and prints one line: how many were
stored, how long that took, the node's RSS before and after, and its managed heap after the last GC (from /metrics).
Run it against a node started with, for instance, DOTNET_GCHeapHardLimit=0x14000000 (a 320 MB heap) to see whether
the scheduled messages stay out of memory (they are parked in schedule buckets), or with
`actormq.schedule.park-batch-size = 0` in cluster.hocon to keep them in their queue for comparison.
"""
import concurrent.futures
import datetime
import json
import sys
import time
import urllib.request

base, pid, n = sys.argv[1].rstrip("/"), int(sys.argv[2]), int(sys.argv[3])


def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return -1


def heap_mb():
    text = urllib.request.urlopen(base + "/metrics", timeout=30).read().decode()
    return {l.split()[0]: int(l.split()[1]) // (1024 * 1024) for l in text.splitlines() if l.startswith("actormq_node_heap")}


def post(path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers={"content-type": "application/json"}, method="POST")
    return urllib.request.urlopen(request, timeout=60).read()


due = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
body = "x" * 1000
post("/v1/queues/mem/messages", {"body": "warm"})
time.sleep(2)
before = rss_mb()
started = time.time()
stored = 0
try:
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        for _ in pool.map(lambda i: post("/v1/queues/mem/messages", {"messages": [{"body": body, "deliverAt": due}] * 100}), range(n // 100)):
            stored += 100
except Exception as error:  # the node ran out of memory, or refused
    print(f"# failed after {stored} messages: {error!r}"[:300])
elapsed = time.time() - started
time.sleep(20)
print(f"scenario=scheduled_memory n={stored} schedule_s={elapsed:.1f} rss_before_mb={before} rss_after_mb={rss_mb()} heap_mb={heap_mb()}")
