#!/usr/bin/env bash
# A local ActorMq cluster: N node processes on 127.0.0.1, for trying the cluster (and its failures) on one machine.
#
#   scripts/local-cluster.sh up [--nodes N] [--db sqlite|postgresql] [--base-port P] [--config FILE] [--fresh] [--no-build]
#   scripts/local-cluster.sh down               SIGTERM every node (each leaves the cluster, shards hand over), wait, report
#   scripts/local-cluster.sh stop I             SIGTERM node I alone (graceful leave), wait, report
#   scripts/local-cluster.sh kill I             SIGKILL node I (a crash: the cluster downs it and moves its queues)
#   scripts/local-cluster.sh start I            start node I again with the settings of the last `up`
#   scripts/local-cluster.sh status             each node: pid, alive, ready
#
# `up` builds the node once (Release, into .cluster/bin, so a rebuild never changes a running node), starts node 1,
# waits until it is ready (so node 1 is the oldest member), then starts the others and waits for them. Node i has
# Akka port P+i and HTTP port P+1000+i (P = --base-port, default 4100: node 1 is akka 4101, http 5101). Nodes 1 and 2
# have roles gateway,queue and serve the HTTP API; the others have role queue and serve only /health and /metrics.
# Seeds are the akka addresses of the first min(N, 3) nodes. A node is ready when its log has the line
# "ActorMq node ready: …" and its /health/ready answers 200.
#
# Databases: --db postgresql (the default for N > 1) uses scripts/postgres.sh to start PostgreSQL on 127.0.0.1 and
# a database actormq_cluster; --db sqlite (the default for one node) shares one SQLite file between the nodes, which
# is for demos only: every write of every node funnels through one file lock on one disk. --fresh starts from an
# empty database. --config FILE is the operator HOCON every node loads (default: the repository's cluster.hocon).
#
# Files: .cluster/nodes.tsv (tab-separated: index, pid, akka port, http url or empty, roles), .cluster/node-I.log
# (appended across starts), .cluster/cluster.env (the settings `start` reuses), .cluster/node-I/ (working directory).
# Environment: READY_TIMEOUT_S (default 120) bounds each wait for readiness; STOP_TIMEOUT_S (default 60) each wait
# for an exit after SIGTERM, after which the node is killed.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
readonly dir="$repo/.cluster"
readonly bin="$dir/bin"
readonly tsv="$dir/nodes.tsv"
readonly env_file="$dir/cluster.env"
readonly ready_timeout_s="${READY_TIMEOUT_S:-120}"
readonly stop_timeout_s="${STOP_TIMEOUT_S:-60}"
readonly ready_line="ActorMq node ready:"
readonly pg_database="actormq_cluster"

log() { echo "local-cluster: $*" >&2; }
die() { log "$*"; exit 1; }

now_ms() { date +%s%3N; }
clock() { date +%H:%M:%S.%3N; }

usage() {
    sed -n '2,27p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- settings of the running cluster (.cluster/cluster.env) -------------------------------------------------------

nodes=0 db="" base_port=4100 config="" db_provider="" db_connection=""
# Line number of each node's start banner in its log: wait_ready reads only what follows it.
declare -A start_line=()

save_settings() {
    mkdir -p "$dir"
    {
        printf 'nodes=%q\n' "$nodes"
        printf 'db=%q\n' "$db"
        printf 'base_port=%q\n' "$base_port"
        printf 'config=%q\n' "$config"
        printf 'db_provider=%q\n' "$db_provider"
        printf 'db_connection=%q\n' "$db_connection"
    } >"$env_file"
}

load_settings() {
    [[ -f "$env_file" ]] || die "no cluster settings in $env_file: run 'up' first"
    # shellcheck source=/dev/null
    source "$env_file"
}

akka_port() { echo $((base_port + $1)); }
http_port() { echo $((base_port + 1000 + $1)); }
is_gateway() { (($1 <= 2)); }
roles_of() { if is_gateway "$1"; then echo "gateway,queue"; else echo "queue"; fi; }
http_url_of() { if is_gateway "$1"; then echo "http://127.0.0.1:$(http_port "$1")"; fi; }
node_log() { echo "$dir/node-$1.log"; }

seeds() {
    local i list=() count=$((nodes < 3 ? nodes : 3))
    for ((i = 1; i <= count; i++)); do list+=("akka.tcp://actormq@127.0.0.1:$(akka_port "$i")"); done
    local IFS=,
    echo "${list[*]}"
}

check_index() {
    if ! [[ "$1" =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > nodes)); then die "no node '$1': nodes are 1..$nodes"; fi
}

# --- processes ----------------------------------------------------------------------------------------------------

# The pid of node I from nodes.tsv, or nothing.
pid_of() { if [[ -f "$tsv" ]]; then awk -F'\t' -v i="$1" '$1 == i { print $2 }' "$tsv"; fi; }

# True while PID runs (not a zombie) and is an ActorMq node (pids are reused).
alive() {
    local pid="$1" state
    [[ -n "$pid" && -r "/proc/$pid/stat" ]] || return 1
    state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null)" || return 1
    [[ "$state" != Z ]] || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "ActorMq.Node.dll"
}

write_row() {
    local i="$1" pid="$2" tmp="$tsv.tmp"
    touch "$tsv"
    {
        awk -F'\t' -v i="$i" '$1 != i' "$tsv"
        printf '%s\t%s\t%s\t%s\t%s\n' "$i" "$pid" "$(akka_port "$i")" "$(http_url_of "$i")" "$(roles_of "$i")"
    } | sort -n -k1,1 >"$tmp"
    mv "$tmp" "$tsv"
}

port_in_use() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }

# Starts node I in its own session (so it outlives this script and a terminal's signals), records its pid.
launch() {
    local i="$1"
    local work="$dir/node-$i" logf
    logf="$(node_log "$i")"
    local pid
    pid="$(pid_of "$i")"
    if alive "$pid"; then die "node $i is already running (pid $pid)"; fi
    for port in "$(akka_port "$i")" "$(http_port "$i")"; do
        if port_in_use "$port"; then die "port $port (node $i) is in use: stop what holds it or pick another --base-port"; fi
    done

    mkdir -p "$work"
    local args=(
        "$bin/ActorMq.Node.dll"
        --urls "http://127.0.0.1:$(http_port "$i")"
        --akka-host 127.0.0.1
        --akka-port "$(akka_port "$i")"
        --roles "$(roles_of "$i")"
        --seeds "$(seeds)"
        --db-provider "$db_provider"
        --data-dir "$dir/sqlite"
        --config "$config"
        --Logging:Console:FormatterName simple
        --Logging:Console:FormatterOptions:TimestampFormat "HH:mm:ss.fff "
        --Logging:Console:FormatterOptions:SingleLine true
    )
    if [[ -n "$db_connection" ]]; then args+=(--db "$db_connection"); fi

    echo "=== $(date -u +%FT%T.%3NZ) local-cluster: starting node $i" >>"$logf"
    start_line[$i]="$(grep -c '' "$logf")"
    (
        cd "$work"
        # The node's options come from the command line only: nothing from the caller's ACTORMQ_* or URL variables.
        while read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(ACTORMQ_|ASPNETCORE_URLS$|DOTNET_URLS$)' || true)
        export ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production
        exec setsid dotnet "${args[@]}" </dev/null >>"$logf" 2>&1
    ) &
    pid=$!
    write_row "$i" "$pid"
    # The subshell becomes the node by exec: wait (bounded) until it has, so that alive() recognises it.
    local tries=0
    until alive "$pid"; do
        if ((tries++ >= 50)) || ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$logf" >&2 || true
            die "node $i (pid $pid) did not start; its log: $logf"
        fi
        sleep 0.1
    done
    log "node $i started (pid $pid): akka 127.0.0.1:$(akka_port "$i"), http 127.0.0.1:$(http_port "$i"), roles $(roles_of "$i")"
}

# Waits (bounded) until every node given is ready; exits with the log's tail when one dies or time runs out.
wait_ready() {
    local deadline=$(($(now_ms) + ready_timeout_s * 1000)) i pid pending=("$@") still
    while ((${#pending[@]} > 0)); do
        still=()
        for i in "${pending[@]}"; do
            pid="$(pid_of "$i")"
            if ! alive "$pid"; then
                tail -n 30 "$(node_log "$i")" >&2 || true
                die "node $i (pid $pid) exited before it was ready; its log: $(node_log "$i")"
            fi
            if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$(http_port "$i")/health/ready" 2>/dev/null &&
                tail -n "+${start_line[$i]}" "$(node_log "$i")" | grep -q "$ready_line"; then
                log "node $i ready: $(tail -n "+${start_line[$i]}" "$(node_log "$i")" | grep -o "$ready_line.*" | tail -n 1)"
            else
                still+=("$i")
            fi
        done
        pending=("${still[@]+"${still[@]}"}")
        if ((${#pending[@]} > 0)); then
            if (($(now_ms) > deadline)); then
                for i in "${pending[@]}"; do tail -n 20 "$(node_log "$i")" >&2 || true; done
                die "not ready within ${ready_timeout_s}s: node(s) ${pending[*]}"
            fi
            sleep 0.2
        fi
    done
}

# Sends SIGNAL to the given nodes and waits (bounded) for them to exit; reports each. Kills what outlives the wait.
signal_and_wait() {
    local signal="$1" timeout_s="$2"
    shift 2
    local i pid started targets=()
    started="$(now_ms)"
    for i in "$@"; do
        pid="$(pid_of "$i")"
        if alive "$pid"; then
            kill "-$signal" "$pid"
            targets+=("$i")
            log "node $i (pid $pid): SIG$signal at $(clock)"
        else
            log "node $i: not running"
        fi
    done
    local deadline=$((started + timeout_s * 1000)) remaining
    while ((${#targets[@]} > 0)); do
        remaining=()
        for i in "${targets[@]}"; do
            pid="$(pid_of "$i")"
            if alive "$pid"; then
                remaining+=("$i")
            else
                log "node $i (pid $pid) exited $(awk -v ms=$(($(now_ms) - started)) 'BEGIN { printf "%.1f", ms / 1000 }') s after SIG$signal"
            fi
        done
        targets=("${remaining[@]+"${remaining[@]}"}")
        if ((${#targets[@]} > 0)); then
            if (($(now_ms) > deadline)); then
                for i in "${targets[@]}"; do
                    pid="$(pid_of "$i")"
                    log "node $i (pid $pid) still running ${timeout_s}s after SIG$signal: SIGKILL"
                    kill -KILL "$pid" 2>/dev/null || true
                done
                return 1
            fi
            sleep 0.1
        fi
    done
}

# --- commands -----------------------------------------------------------------------------------------------------

cmd_up() {
    local fresh=0 build=1
    nodes=3 db="" base_port=4100 config="$repo/cluster.hocon"
    while (($# > 0)); do
        case "$1" in
            --nodes) nodes="${2:?--nodes needs a number}"; shift 2 ;;
            --db) db="${2:?--db needs sqlite or postgresql}"; shift 2 ;;
            --base-port) base_port="${2:?--base-port needs a port}"; shift 2 ;;
            --config) config="$(realpath "${2:?--config needs a file}")"; shift 2 ;;
            --fresh) fresh=1; shift ;;
            --no-build) build=0; shift ;;
            *) usage ;;
        esac
    done
    if ! [[ "$nodes" =~ ^[0-9]+$ ]] || ((nodes < 1 || nodes > 9)); then die "--nodes must be 1..9"; fi
    if ! [[ "$base_port" =~ ^[0-9]+$ ]] || ((base_port < 1024 || base_port > 64000)); then
        die "--base-port must be 1024..64000 (node i uses P+i and P+1000+i)"
    fi
    [[ -f "$config" ]] || die "--config: no file $config"
    if [[ -z "$db" ]]; then
        if ((nodes > 1)); then db=postgresql; else db=sqlite; fi
    fi

    if [[ -f "$tsv" ]]; then
        local i pid
        while IFS=$'\t' read -r i pid _; do
            if alive "$pid"; then die "node $i (pid $pid) of an earlier 'up' is still running: run 'down' first"; fi
        done <"$tsv"
        rm -f "$tsv"
    fi

    case "$db" in
        postgresql)
            db_provider=postgresql
            if ((fresh)); then
                db_connection="$(bash "$repo/scripts/postgres.sh" recreate "$pg_database")"
            else
                db_connection="$(bash "$repo/scripts/postgres.sh" up "$pg_database")"
            fi
            ;;
        sqlite)
            db_provider=sqlite db_connection=""
            if ((nodes > 1)); then
                log "NOTE: $nodes nodes sharing one SQLite file is for demos only (one file lock for every write of every node, one disk); use --db postgresql for anything else"
            fi
            if ((fresh)); then rm -rf "$dir/sqlite"; fi
            ;;
        *) die "--db must be sqlite or postgresql" ;;
    esac
    save_settings

    if ((build)) || [[ ! -f "$bin/ActorMq.Node.dll" ]]; then
        log "building the node (Release) into $bin"
        rm -rf "$bin"
        dotnet publish "$repo/src/ActorMq.Node" -c Release -o "$bin" --nologo -v q >&2
    fi

    launch 1
    wait_ready 1
    if ((nodes > 1)); then
        local rest=()
        for ((i = 2; i <= nodes; i++)); do rest+=("$i"); done
        for i in "${rest[@]}"; do launch "$i"; done
        wait_ready "${rest[@]}"
    fi
    log "cluster of $nodes node(s) up on $db; $tsv:"
    cat "$tsv"
}

cmd_down() {
    load_settings
    [[ -f "$tsv" ]] || { log "no nodes"; return 0; }
    local all=()
    mapfile -t all < <(cut -f1 "$tsv")
    signal_and_wait TERM "$stop_timeout_s" "${all[@]}" || die "some nodes did not stop gracefully"
    log "all nodes stopped"
}

cmd_stop() {
    load_settings
    check_index "${1:-}"
    signal_and_wait TERM "$stop_timeout_s" "$1" || die "node $1 did not stop gracefully"
}

cmd_kill() {
    load_settings
    check_index "${1:-}"
    signal_and_wait KILL 10 "$1" || die "node $1 did not die"
}

cmd_start() {
    load_settings
    check_index "${1:-}"
    launch "$1"
    wait_ready "$1"
}

cmd_status() {
    load_settings
    [[ -f "$tsv" ]] || { log "no nodes"; return 0; }
    local i pid akka http roles state ready port
    printf '%-5s %-8s %-6s %-28s %-14s %-8s %s\n' node pid akka http roles state ready
    # Tab is a whitespace IFS character, so `read` would merge the empty http field of a queue-only node: "-" instead.
    while read -r i pid akka http roles; do
        state=dead ready=-
        if alive "$pid"; then
            state=running
            port="$(http_port "$i")"
            ready="$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/health/ready" || true)"
        fi
        printf '%-5s %-8s %-6s %-28s %-14s %-8s %s\n' "$i" "$pid" "$akka" "$http" "$roles" "$state" "$ready"
    done < <(awk -F'\t' -v OFS='\t' '{ if ($4 == "") $4 = "-"; print }' "$tsv")
    echo "database: $db_provider${db_connection:+ ($db_connection)}"
}

main() {
    local command="${1:-}"
    (($# > 0)) && shift
    case "$command" in
        up) cmd_up "$@" ;;
        down) cmd_down ;;
        stop) cmd_stop "$@" ;;
        kill) cmd_kill "$@" ;;
        start) cmd_start "$@" ;;
        status) cmd_status ;;
        *) usage ;;
    esac
}

main "$@"
