#!/usr/bin/env python3
"""Medians of several bench/run.sh outputs, and the comparison with the RabbitMQ peer.

    bench/median.py RUN.txt [RUN.txt ...]
    bench/median.py --compare RABBIT.txt RUN.txt [RUN.txt ...]

Reads every `scenario=... status=ok` line (warm-up `#` lines, `info`, `versions` and lines of other statuses are
left out; how many runs were not ok is shown) and prints, per scenario and transport, one
`median scenario=... transport=... runs=N key=value ...` line with the median of every numeric field, then a
Markdown table of the main figures.

With --compare, RABBIT.txt is the peer's output: its median file (`median scenario=...` lines, as
/work/shared/peers/rabbitmq/results/median.txt) or raw run files' lines (then their medians are taken too). For each
target it prints ActorMq's median, RabbitMQ's, the ratio ActorMq / RabbitMQ and ok or FAIL against the bound:

    ddmq5000 total_s <= 1.0    persistent_100k total_s <= 0.7    priority_100k total_s <= 0.5    latency p99_ms <= 1.0

Exit code (with --compare) 1 when a target fails or its figure is missing on either side, else 0.
"""
import argparse
import statistics
import sys

TARGETS = [
    ("ddmq5000", "total_s", 1.0),
    ("persistent_100k", "total_s", 0.7),
    ("priority_100k", "total_s", 0.5),
    ("latency", "p99_ms", 1.0),
]

TABLE = [
    ("n", "n"), ("publish_s", "publish s"), ("publish_msgs_per_s", "publish msg/s"), ("consume_s", "consume s"),
    ("consume_msgs_per_s", "consume msg/s"), ("total_s", "total s"), ("msgs_per_s", "end-to-end msg/s"),
    ("p50_ms", "p50 ms"), ("p99_ms", "p99 ms"), ("confirm_p99_ms", "confirm p99 ms"),
]


def fields(line):
    """key=value tokens of a line, in order (a quoted value may hold spaces: only its first word is kept)."""
    out = {}
    for token in line.split():
        key, sep, value = token.partition("=")
        if sep and key not in out:
            out[key] = value.strip('"')
    return out


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_runs(paths):
    """{(scenario, transport): [fields of each ok line]}, {(scenario, transport): count of lines not ok}."""
    runs, not_ok = {}, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line.startswith("median "):
                    line = line[len("median "):]
                if not line.startswith("scenario="):
                    continue
                row = fields(line)
                key = (row["scenario"], row.get("transport", ""))
                status = row.get("status", "?")
                if status == "skipped":
                    continue
                if status.startswith("ok"):
                    runs.setdefault(key, []).append(row)
                else:
                    not_ok[key] = not_ok.get(key, 0) + 1
    return runs, not_ok


def medians(runs):
    """{key: {field: median or text}} over the rows of each key; a row from a median file counts with its own runs."""
    out = {}
    for key, rows in runs.items():
        merged = {"runs": float(sum(int(number(r.get("runs")) or 1) for r in rows))}
        for name in rows[0]:
            if name in ("scenario", "transport", "status", "runs"):
                continue
            values = [v for v in (number(r.get(name)) for r in rows) if v is not None]
            merged[name] = statistics.median(values) if values else rows[0][name]
        out[key] = merged
    return out


def fmt(value):
    if isinstance(value, float):
        if value == int(value):
            return str(int(value))
        return f"{value:.3f}"
    return "" if value is None else str(value)


def label(transport):
    return f" transport={transport}" if transport else ""


def print_medians(meds, not_ok):
    for (scenario, transport), m in meds.items():
        extra = f" not_ok={not_ok[(scenario, transport)]}" if (scenario, transport) in not_ok else ""
        body = " ".join(f"{k}={fmt(v)}" for k, v in m.items())
        print(f"median scenario={scenario}{label(transport)} {body}{extra} status=ok")
    for key, count in not_ok.items():
        if key not in meds:
            print(f"median scenario={key[0]}{label(key[1])} runs=0 not_ok={count} status=none_ok")
    print()
    print("| scenario | transport | runs | " + " | ".join(title for _, title in TABLE) + " |")
    print("|---" * (len(TABLE) + 3) + "|")
    for (scenario, transport), m in meds.items():
        cells = [fmt(m.get(name)) for name, _ in TABLE]
        print(f"| {scenario} | {transport} | {fmt(m['runs'])} | " + " | ".join(cells) + " |")


def compare(ours, theirs):
    """Prints one line per target and transport; returns True when every target holds."""
    peer = {scenario: m for (scenario, _), m in theirs.items()}
    transports = sorted({t for (_, t) in ours}) or [""]
    print()
    print("| target | transport | ActorMq | RabbitMQ | ActorMq / RabbitMQ | bound | result |")
    print("|---|---|---|---|---|---|---|")
    lines, passed = [], True
    for scenario, name, bound in TARGETS:
        for transport in transports:
            mine = number(ours.get((scenario, transport), {}).get(name))
            other = number(peer.get(scenario, {}).get(name))
            if mine is None or other is None or other <= 0:
                result, ratio = "FAIL (missing)", None
            else:
                ratio = mine / other
                result = "ok" if ratio <= bound else "FAIL"
            passed &= result == "ok"
            lines.append(f"compare scenario={scenario} transport={transport} field={name} actormq={fmt(mine)} "
                         f"rabbitmq={fmt(other)} ratio={fmt(ratio)} bound={bound} result={result.split()[0]}")
            print(f"| {scenario} {name} | {transport} | {fmt(mine)} | {fmt(other)} | {fmt(ratio)} | ≤ {bound} | {result} |")
    print()
    for line in lines:
        print(line)
    return passed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", metavar="RABBIT.txt", help="the RabbitMQ peer's results (median file or runs)")
    parser.add_argument("runs", nargs="+", metavar="RUN.txt", help="outputs of bench/run.sh")
    args = parser.parse_args()

    runs, not_ok = read_runs(args.runs)
    ours = medians(runs)
    print_medians(ours, not_ok)
    if args.compare:
        theirs = medians(read_runs([args.compare])[0])
        return 0 if compare(ours, theirs) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
