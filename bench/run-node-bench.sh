#!/usr/bin/env bash
# Runs the HTTP load generator against a fresh ActorMq node on loopback.
#
#   bench/run-node-bench.sh [load generator options…]      e.g.  --scenarios publish_batch100_1q --scale 0.5
#
# Builds the node and the load generator (Release), starts the node on free 127.0.0.1 ports with a temporary
# data directory (embedded SQLite), waits (bounded) for /health/ready, runs ActorMq.LoadGen with the given
# options plus --url and --node-pid, then stops the node with SIGTERM and removes the temporary directory.
# The exit code is the load generator's (0 = every check passed), or 4 if the node did not come up.
#
# Environment: READY_TIMEOUT_S (default 120) bounds the wait for the node; STOP_TIMEOUT_S (default 30) the wait
# for it to exit after SIGTERM (then SIGKILL); NODE_LOG=path keeps the node's output there; NO_BUILD=1 skips
# the build. Any other variable the node reads (ACTORMQ_*, Logging__…) is passed through unchanged.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
ready_timeout_s="${READY_TIMEOUT_S:-120}"
stop_timeout_s="${STOP_TIMEOUT_S:-30}"
node_dll="src/ActorMq.Node/bin/Release/net10.0/ActorMq.Node.dll"
loadgen_dll="bench/ActorMq.LoadGen/bin/Release/net10.0/ActorMq.LoadGen.dll"

if [[ "${NO_BUILD:-0}" != 1 ]]; then
    echo "run-node-bench: building (Release)…" >&2
    dotnet build src/ActorMq.Node -c Release -nologo -v q >&2
    dotnet build bench/ActorMq.LoadGen -c Release -nologo -v q >&2
fi

# A TCP port on 127.0.0.1 that nothing listens on right now (the kernel picks it).
free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

http_port="$(free_port)"
akka_port="$(free_port)"
while [[ "$akka_port" == "$http_port" ]]; do akka_port="$(free_port)"; done

work_dir="$(mktemp -d "${TMPDIR:-/tmp}/actormq-bench.XXXXXX")"
node_log="${NODE_LOG:-$work_dir/node.log}"
node_pid=""

stop_node() {
    if [[ -n "$node_pid" ]] && kill -0 "$node_pid" 2>/dev/null; then
        echo "run-node-bench: stopping the node (SIGTERM to $node_pid)…" >&2
        kill -TERM "$node_pid" 2>/dev/null || true
        for ((i = 0; i < stop_timeout_s * 10; i++)); do
            kill -0 "$node_pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$node_pid" 2>/dev/null; then
            echo "run-node-bench: the node did not exit within ${stop_timeout_s}s of SIGTERM; SIGKILL" >&2
            kill -KILL "$node_pid" 2>/dev/null || true
        fi
        wait "$node_pid" 2>/dev/null || true
    fi
    node_pid=""
}

cleanup() {
    stop_node
    rm -rf "$work_dir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url="http://127.0.0.1:$http_port"
echo "run-node-bench: starting the node: $url akka=127.0.0.1:$akka_port data=$work_dir/data log=$node_log" >&2
# The built node itself, not `dotnet run`, so that $node_pid is the node (SIGTERM and CPU accounting reach it),
# started from the repository root as `dotnet run --project src/ActorMq.Node` would be (cluster.hocon is read there).
dotnet "$node_dll" --urls "$url" --akka-host 127.0.0.1 --akka-port "$akka_port" --data-dir "$work_dir/data" \
    >"$node_log" 2>&1 &
node_pid=$!

deadline=$((SECONDS + ready_timeout_s))
until curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; do
    if ! kill -0 "$node_pid" 2>/dev/null; then
        echo "run-node-bench: the node exited before it was ready; its log:" >&2
        tail -n 40 "$node_log" >&2
        node_pid=""
        exit 4
    fi
    if ((SECONDS >= deadline)); then
        echo "run-node-bench: the node was not ready within ${ready_timeout_s}s; its log:" >&2
        tail -n 40 "$node_log" >&2
        exit 4
    fi
    sleep 0.2
done
echo "run-node-bench: $(grep -m1 -o 'ActorMq node ready:.*' "$node_log" || echo "node ready (/health/ready 200)")" >&2

rc=0
dotnet "$loadgen_dll" --url "$url" --node-pid "$node_pid" "$@" || rc=$?
exit "$rc"
