#!/usr/bin/env bash
# A local PostgreSQL on 127.0.0.1:5432 for ActorMq: CI's SQL specs and scripts/local-cluster.sh both use this one copy.
#
#   scripts/postgres.sh up [DATABASE]         install (apt) if missing, listen on 127.0.0.1 only, start, create
#                                             role actormq (password actormq, CREATEDB) and DATABASE if missing;
#                                             prints DATABASE's connection string on stdout
#   scripts/postgres.sh recreate DATABASE     drop (FORCE) and create DATABASE empty; prints its connection string
#   scripts/postgres.sh url [DATABASE]        prints the connection string, changes nothing
#   scripts/postgres.sh stop                  stops the server (pg_ctlcluster; there is no systemd here)
#
# DATABASE defaults to actormq. Idempotent: safe to run again where it already ran. Needs root or sudo (CI is root).
# Messages go to stderr, so `cs="$(scripts/postgres.sh up mydb)"` captures only the connection string.
set -euo pipefail

readonly HOST=127.0.0.1 PORT=5432 ROLE=actormq PASSWORD=actormq
readonly READY_TIMEOUT_S=60

log() { echo "postgres: $*" >&2; }

# Runs a command as root (CI is root; a developer may have sudo).
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

# Runs SQL read from stdin as the postgres superuser, in database postgres; psql variables as extra arguments.
psql_admin() { (cd / && as_root runuser -u postgres -- psql -q -v ON_ERROR_STOP=1 -d postgres "$@"); }

connection_string() { echo "Host=$HOST;Port=$PORT;Username=$ROLE;Password=$PASSWORD;Database=$1"; }

check_name() {
    [[ "$1" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { log "bad database name '$1': use lower-case letters, digits and _"; exit 2; }
}

# The newest installed server version (Debian 12: 15), or nothing.
server_version() { find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1; }

ensure_installed() {
    if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        log "installing PostgreSQL (apt)"
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
}

ensure_running() {
    local version
    version="$(server_version)"
    if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$version main"; then
        as_root pg_createcluster "$version" main >/dev/null
    fi

    # Written by hand, quoted: pg_conftool writes the value unquoted and the server refuses it.
    local conf="/etc/postgresql/$version/main/conf.d/actormq.conf"
    local wanted="listen_addresses = '$HOST'"
    if [[ "$(cat "$conf" 2>/dev/null)" != "$wanted" ]]; then
        as_root mkdir -p "$(dirname "$conf")"
        echo "$wanted" | as_root tee "$conf" >/dev/null
        # A running server only picks up listen_addresses on restart.
        if as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
            as_root pg_ctlcluster "$version" main restart
        fi
    fi
    # No systemd here: pg_ctlcluster starts the server directly.
    if ! as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
        as_root pg_ctlcluster "$version" main start
    fi

    local waited=0
    until pg_isready -q -h "$HOST" -p "$PORT"; do
        if ((waited >= READY_TIMEOUT_S)); then
            log "not ready after $READY_TIMEOUT_S s"
            as_root tail -n 20 "/var/log/postgresql/postgresql-$version-main.log" >&2 || true
            exit 1
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "PostgreSQL $version ready on $HOST:$PORT"
}

# The role (it may create databases: the SQL specs make one per spec) and a database, each only if missing
# (\gexec runs the generated statement, if any).
ensure_database() {
    psql_admin -v role="$ROLE" -v password="$PASSWORD" -v db="$1" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'role', :'password')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I CREATEDB', :'role') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
}

drop_database() {
    psql_admin -v db="$1" <<'SQL'
SET client_min_messages = warning;
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', :'db') \gexec
SQL
}

main() {
    local command="${1:-}" database="${2:-actormq}"
    check_name "$database"
    case "$command" in
        up)
            # Only the connection string goes to stdout: pg_ctlcluster prints there too (e.g. "Removed stale pid
            # file." after a machine restart), and callers capture stdout.
            { ensure_installed; ensure_running; ensure_database "$database"; } >&2
            connection_string "$database"
            ;;
        recreate)
            [[ $# -ge 2 ]] || { log "recreate needs a DATABASE"; exit 2; }
            { ensure_installed; ensure_running; drop_database "$database"; ensure_database "$database"; } >&2
            connection_string "$database"
            ;;
        url)
            connection_string "$database"
            ;;
        stop)
            local version
            version="$(server_version)"
            if [[ -n "$version" ]] && as_root pg_ctlcluster "$version" main status >/dev/null 2>&1; then
                as_root pg_ctlcluster "$version" main stop >&2
                log "PostgreSQL $version stopped"
            else
                log "not running"
            fi
            ;;
        *)
            sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
            exit 2
            ;;
    esac
}

main "$@"
