#!/usr/bin/env bash
# The transport floor on this machine: how fast a bare request/answer is, with no queue behind it.
#
#   bench/floor.sh [RUNS]      (default 3)
#
# Starts bench/ActorMq.Bench.Floor as a trivial server on 127.0.0.1 (Kestrel `POST /echo` on one port, a TCP echo of
# 8-byte frames on the next; the node's thread-pool setting), then runs its client RUNS times per transport, alternating:
# 30,000 unmeasured requests, then 10,000 paced at 1,000 a second like the latency scenario's publishes, each not
# awaited before the next. Prints one `scenario=floor_http|floor_tcp … p50_ms p90_ms p99_ms p999_ms max_ms` line per run.
# The latency scenario's publish-to-receive is one request leg plus one answer leg, so a round trip here is comparable.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
dll="$repo/bench/ActorMq.Bench.Floor/bin/Release/net10.0/ActorMq.Bench.Floor.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [[ "${NO_BUILD:-0}" != 1 ]]; then
    dotnet build "$repo/bench/ActorMq.Bench.Floor" -c Release -nologo -v q >/dev/null
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 dotnet "$dll" server --port "$port" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then break; fi
    sleep 0.1
done

echo "versions dotnet_sdk=$(dotnet --version) host_cores=$(nproc) loadavg1=$(cut -d' ' -f1 /proc/loadavg) started=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
for _ in $(seq 1 "$runs"); do
    for transport in http tcp; do
        dotnet "$dll" client --port "$port" --transport "$transport"
    done
done
