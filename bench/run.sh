#!/usr/bin/env bash
# The RabbitMQ peer comparison, ActorMq side: runs bench/ActorMq.Bench.Peer once.
#
#   bench/run.sh [--transport http|akka] [--scenarios a,b] [--scale X] [other harness options…]
#
# Builds the node and the harness (Release; NO_BUILD=1 skips that), then runs the harness, which starts a fresh node
# on free 127.0.0.1 ports with a temporary data directory, runs the scenarios through IActorMqClient, stops the node
# (SIGTERM) and removes the directory. Prints a `versions` line, then the harness's lines (`info …`, `# …` warm-up,
# one `scenario=… status=…` per scenario); all of them are also saved to bench/.run/last-run.txt.
# ACTORMQ_* variables reach the node (inherited); --node-arg ARG adds an argument to its command line.
# Exit code: the harness's (0 = no scenario failed or errored), or 1 if the build failed.
set -uo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
run_dir="$repo/bench/.run"
node_dir="$run_dir/node"
node_dll="$node_dir/ActorMq.Node.dll"
harness_dll="$repo/bench/ActorMq.Bench.Peer/bin/Release/net10.0/ActorMq.Bench.Peer.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
mkdir -p "$run_dir"

if [[ "${NO_BUILD:-0}" != 1 ]]; then
    # The node as it is deployed: published, ReadyToRun (precompiled, so it does not spend its first second compiling).
    case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
    echo "run.sh: publishing the node ($rid, ReadyToRun, to bench/.run/node) and building the harness (Release)…" >&2
    if ! { dotnet publish "$repo/src/ActorMq.Node" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true \
               -p:UseAppHost=false -o "$node_dir" -nologo -v q &&
           dotnet build "$repo/bench/ActorMq.Bench.Peer" -c Release -nologo -v q; } >"$run_dir/build.log" 2>&1; then
        cat "$run_dir/build.log" >&2
        echo "run.sh: build failed" >&2
        exit 1
    fi
fi

commit="$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo '?')"
git -C "$repo" diff --quiet HEAD 2>/dev/null || commit="$commit-dirty"
echo "versions actormq_commit=$commit dotnet_sdk=$(dotnet --version 2>/dev/null) host_cores=$(nproc) loadavg1=$(cut -d' ' -f1 /proc/loadavg) started=$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    | tee "$run_dir/last-run.txt"

dotnet "$harness_dll" --node-dll "$node_dll" "$@" | tee -a "$run_dir/last-run.txt"
rc=${PIPESTATUS[0]}
echo "post loadavg1=$(cut -d' ' -f1 /proc/loadavg) finished=$(date -u +%Y-%m-%dT%H:%M:%SZ)" | tee -a "$run_dir/last-run.txt"
if [[ "$rc" != 0 ]]; then
    echo "run.sh: the harness exited with $rc" >&2
fi
exit "$rc"
