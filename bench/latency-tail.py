#!/usr/bin/env python3
"""Where a latency tail comes from: reads a file of `--latency-dump` and prints its slowest 1%.

    bench/latency-tail.py FILE

For the messages at or above p99 (publish to receive, the sum of the three legs): how many came right after another one
of them (a stall that held every message in flight), which leg was the largest (to the node, in the queue, back to the
consumer), how far the harness's pacing was behind when they were sent (messages that fell due meanwhile go out back
to back), and in which second of the scenario they came.
"""
import collections
import sys


def main(path):
    rows = []
    with open(path) as f:
        for line in f:
            seq, sent, to_node, in_queue, to_consumer = line.split()
            rows.append((int(seq), float(sent), float(to_node), float(in_queue), float(to_consumer)))
    if not rows:
        sys.exit(f"{path}: no messages")
    total = sorted(r[2] + r[3] + r[4] for r in rows)
    p99 = total[min(len(total) - 1, int(len(total) * 0.99))]
    tail = [r for r in rows if r[2] + r[3] + r[4] >= p99]
    seqs = [r[0] for r in tail]
    after = sum(1 for a, b in zip(seqs, seqs[1:]) if b - a <= 1)
    legs = collections.Counter(max(("to_node", r[2]), ("in_queue", r[3]), ("to_consumer", r[4]), key=lambda x: x[1])[0] for r in tail)
    lag = sorted(r[1] - r[0] * (rows[-1][1] / max(1, rows[-1][0])) for r in tail)
    seconds = collections.Counter(int(r[1] // 1000) for r in tail)
    print(f"messages={len(rows)} p99_ms={p99:.3f} tail={len(tail)} right_after_another={after}")
    print("largest leg: " + " ".join(f"{k}={v}" for k, v in legs.most_common()))
    print(f"pacing behind when sent (ms): p50={lag[len(lag) // 2]:.2f} max={lag[-1]:.2f}")
    print("by second: " + " ".join(f"{k}s={v}" for k, v in sorted(seconds.items())))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
