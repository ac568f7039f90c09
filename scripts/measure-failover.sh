#!/usr/bin/env bash
# Measures how long queues are unavailable when one node of a local 3-node cluster dies (SIGKILL) or leaves (SIGTERM).
#
#   scripts/measure-failover.sh [--victim I] [--runs R] [--signal KILL|TERM] [--queues Q] [--messages M]
#                               [--config FILE] [--limit S] [--base-port P] [--no-build]
#
# Each run: scripts/local-cluster.sh up --nodes 3 --fresh (PostgreSQL; node 1 is the oldest member), create Q queues
# (default 30, so every node hosts some) through gateway 1 with M messages each (default 20), check that every queue
# answers through the probing gateway, then send SIGNAL (default KILL) to node I (default 1, the oldest) and, in
# rounds, GET every queue and the queue list through a surviving gateway (node 2 when I is 1, else node 1), each
# request with a 1 s timeout. A queue's failover time is the time from the signal until its first answer after its
# last failed request; the run's figure is the largest over all queues ("every queue serves again after X s").
# The run ends when the victim is gone and three rounds in a row answered everything, or after --limit S seconds
# (default 60, then the run fails). Then it checks that no message was lost (each queue still counts M ready) and
# that every queue takes a publish, and stops the cluster.
#
# Prints one line per run and a summary; appends the runs to .cluster/failover.tsv. Exit code 0 when every run
# recovered within the limit and lost nothing. Requests go to 127.0.0.1 only; every loop is bounded in time.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
readonly cluster="$repo/scripts/local-cluster.sh"
readonly results="$repo/.cluster/failover.tsv"

victim=1 runs=1 signal=KILL queues=30 messages=20 config="$repo/cluster.hocon" limit_s=60 base_port=4100 build=1
while (($# > 0)); do
    case "$1" in
        --victim) victim="${2:?}"; shift 2 ;;
        --runs) runs="${2:?}"; shift 2 ;;
        --signal) signal="${2:?}"; shift 2 ;;
        --queues) queues="${2:?}"; shift 2 ;;
        --messages) messages="${2:?}"; shift 2 ;;
        --config) config="$(realpath "${2:?}")"; shift 2 ;;
        --limit) limit_s="${2:?}"; shift 2 ;;
        --base-port) base_port="${2:?}"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[[ "$victim" =~ ^[1-3]$ ]] || { echo "--victim must be 1, 2 or 3" >&2; exit 2; }
[[ "$signal" =~ ^(KILL|TERM)$ ]] || { echo "--signal must be KILL or TERM" >&2; exit 2; }
for n in "$runs" "$queues" "$messages" "$limit_s"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "--runs, --queues, --messages and --limit take whole numbers > 0" >&2; exit 2; }
done
((runs <= 20 && queues <= 200 && messages <= 1000 && limit_s <= 300)) || { echo "at most 20 runs, 200 queues, 1000 messages, 300 s" >&2; exit 2; }

log() { echo "measure-failover: $*" >&2; }
now_ms() { date +%s%3N; }

gateway_url() { echo "http://127.0.0.1:$((base_port + 1000 + $1))"; }
queue_name() { printf 'failover-%03d' "$1"; }

# One request, expecting STATUS; prints the body on failure.
call() {
    local expect="$1" method="$2" url="$3" body="${4:-}" out code
    out="$(mktemp)"
    code="$(curl -s -o "$out" -w '%{http_code}' --max-time 30 -X "$method" -H 'Content-Type: application/json' ${body:+--data "$body"} "$url" || true)"
    if [[ "$code" != "$expect" ]]; then
        log "$method $url answered $code, expected $expect: $(head -c 400 "$out")"
        rm -f "$out"
        return 1
    fi
    rm -f "$out"
}

create_queues() {
    local base="$1" q batch
    batch="$(jq -cn --argjson n "$messages" '{messages: [range($n) | {body: {n: .}}]}')"
    for ((q = 1; q <= queues; q++)); do
        call 201 PUT "$base/v1/queues/$(queue_name "$q")" '{}' || return 1
        call 201 POST "$base/v1/queues/$(queue_name "$q")/messages" "$batch" || return 1
    done
}

# One round: GET every queue and the list, in parallel; appends "completion_ms code url" lines to FILE.
# Prints "ok" when everything answered 200.
probe_round() {
    local base="$1" file="$2" start args=() q
    for ((q = 1; q <= queues; q++)); do args+=("$base/v1/queues/$(queue_name "$q")" -o /dev/null); done
    args+=("$base/v1/queues" -o /dev/null)
    start="$(now_ms)"
    curl -s --parallel --parallel-immediate --parallel-max "$((queues + 1))" --max-time 1 \
        -w '%{http_code} %{time_total} %{url}\n' "${args[@]}" 2>/dev/null |
        awk -v start="$start" '{ printf "%.0f %s %s\n", start + $2 * 1000, $1, $3 }' | tee -a "$file" |
        awk -v want="$((queues + 1))" '$2 == 200 { ok++ } END { if (ok == want) print "ok" }'
}

# From the round log: "<serving-again seconds> <queues that failed> <list failed?>" relative to T0.
summarise() {
    local file="$1" t0="$2"
    sort -n -k1,1 "$file" | awk -v t0="$t0" '
        $1 < t0 { next }
        $2 != 200 { failed[$3] = $1; back[$3] = ""; next }
        ($3 in failed) && back[$3] == "" { back[$3] = $1 }
        END {
            worst = 0; n = 0; list = "no"; never = ""
            for (u in failed) {
                if (u ~ /\/v1\/queues$/) list = "yes"; else n++
                if (back[u] == "") { never = never " " u; continue }
                if (back[u] - t0 > worst) worst = back[u] - t0
            }
            if (never != "") worst = -1000
            printf "%.2f %d %s%s\n", worst / 1000, n, list, never
        }'
}

# Messages lost: M ready expected in every queue; and every queue must take one more publish.
check_queues() {
    local base="$1" q lost=0 ready
    for ((q = 1; q <= queues; q++)); do
        ready="$(curl -s --max-time 30 "$base/v1/queues/$(queue_name "$q")" | jq -r '.counts.ready // "none"')"
        if [[ "$ready" != "$messages" ]]; then
            log "$(queue_name "$q"): $ready ready, expected $messages"
            if [[ "$ready" =~ ^[0-9]+$ ]]; then lost=$((lost + messages - ready)); else lost=$((lost + messages)); fi
        fi
        call 201 POST "$base/v1/queues/$(queue_name "$q")/messages" '{"body": "after failover"}' || lost=$((lost + 1))
    done
    echo "$lost"
}

one_run() {
    local run="$1" build_flag=() probe_node=1 rounds t0 line ok_streak=0 deadline victim_pid
    ((build && run == 1)) || build_flag=(--no-build)
    ((victim == 1)) && probe_node=2
    local create_url probe_url
    create_url="$(gateway_url 1)"
    probe_url="$(gateway_url "$probe_node")"
    rounds="$(mktemp)"

    "$cluster" up --nodes 3 --db postgresql --fresh --base-port "$base_port" --config "$config" "${build_flag[@]}" >/dev/null || return 1
    create_queues "$create_url" || return 1
    # Every queue answers through the probing gateway before the signal (its region knows where each shard lives).
    local warm=0
    until [[ "$(probe_round "$probe_url" /dev/null)" == ok ]]; do
        ((++warm < 30)) || { log "queues not all answering before the signal"; return 1; }
        sleep 0.2
    done

    victim_pid="$(awk -F'\t' -v i="$victim" '$1 == i { print $2 }' "$repo/.cluster/nodes.tsv")"
    t0="$(now_ms)"
    kill "-$signal" "$victim_pid"
    log "run $run: SIG$signal to node $victim (pid $victim_pid) at $(date -u -d "@${t0:0:10}.${t0:10}" +%T.%3NZ)"
    deadline=$((t0 + limit_s * 1000))
    while (($(now_ms) < deadline)); do
        local round_start
        round_start="$(now_ms)"
        if [[ "$(probe_round "$probe_url" "$rounds")" == ok ]]; then ok_streak=$((ok_streak + 1)); else ok_streak=0; fi
        if ((ok_streak >= 3)) && ! kill -0 "$victim_pid" 2>/dev/null &&
            { grep -qv ' 200 ' "$rounds" || (($(now_ms) - t0 > 20000)); }; then
            break
        fi
        local spent=$(($(now_ms) - round_start))
        if ((spent < 200)); then sleep "0.$(printf '%03d' $((200 - spent)))"; fi
    done

    local never
    read -r serving failed list_failed never < <(summarise "$rounds" "$t0")
    if [[ -n "$never" ]]; then log "never answered again: $never (last answers: $(grep -F "${never%% *}" "$rounds" | tail -n 3 | tr '\n' ' '))"; fi
    rm -f "$rounds"
    local lost=unknown
    if ((ok_streak >= 3)); then lost="$(check_queues "$probe_url")"; fi

    local oldest=""
    ((victim == 1)) && oldest=" (the oldest)"
    if ((ok_streak < 3)) || [[ "$serving" == "-1.00" ]]; then
        echo "run $run: SIG$signal node $victim$oldest: NOT serving again within ${limit_s}s ($failed queues failed)"
        serving="none"
    else
        echo "run $run: SIG$signal node $victim$oldest: every queue serving again after ${serving}s ($failed of $queues queues and list=$list_failed were unavailable); lost messages: $lost"
    fi
    mkdir -p "$(dirname "$results")"
    printf '%s\t%s\tSIG%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%FT%TZ)" "$(basename "$config")" "$signal" "$victim" "$queues" "$failed" "$serving" "$lost" >>"$results"
    [[ "$serving" != none && "$lost" == 0 ]]
}

# Whatever happens to a run (or to this script), its nodes are stopped.
stop_cluster() { "$cluster" down >/dev/null 2>&1 || log "down reported a node that did not stop gracefully"; }
trap stop_cluster EXIT

status=0 figures=()
for ((run = 1; run <= runs; run++)); do
    if line="$(one_run "$run")"; then :; else status=1; fi
    stop_cluster
    echo "$line"
    figures+=("$(sed -n 's/.*serving again after \([0-9.]*\)s.*/\1/p' <<<"$line")")
done
printf '%s\n' "${figures[@]}" | grep . | sort -n |
    awk -v sig="$signal" -v v="$victim" -v cfg="$(basename "$config")" \
        '{ a[NR] = $1 } END { if (NR) printf "summary: SIG%s node %d, %s: %d run(s), serving again after min %.2f s, median %.2f s, max %.2f s\n", sig, v, cfg, NR, a[1], a[int((NR + 1) / 2)], a[NR] }'
exit "$status"
