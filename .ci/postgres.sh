#!/usr/bin/env bash
# A throwaway PostgreSQL server for the PgStore tests, on 127.0.0.1 only.
#
#   eval "$(.ci/postgres.sh start)"   # prints: export SITREP_TEST_PG=...; export SITREP_PG_DIR=...
#   .ci/postgres.sh stop              # stops the server started above and removes its directory
#
# Installs Debian's postgresql if initdb/pg_ctl are missing. As root, the server runs as the
# `postgres` user (PostgreSQL refuses to run as root). Diagnostics go to stderr so that only
# the export lines reach stdout.
set -euo pipefail
PORT="${SITREP_PG_PORT:-54329}"
STATE="${SITREP_PG_STATE:-/tmp/sitrep-pg.env}"   # remembers the data directory for `stop`

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
    done
    command -v initdb >/dev/null 2>&1 && { dirname "$(readlink -f "$(command -v initdb)")"; return 0; }
    return 1
}

as_server_user() {  # run a command as the server's owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin dir user
    if ! bin="$(find_bin)"; then
        echo "postgres.sh: installing Debian's postgresql" >&2
        (apt-get install -y -q postgresql >&2 || (apt-get update -q >&2 && apt-get install -y -q postgresql >&2))
        bin="$(find_bin)" || { echo "postgres.sh: initdb not found after install" >&2; exit 1; }
    fi
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
        user=postgres
    else
        user="$(id -un)"
    fi
    if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
        echo "postgres.sh: port $PORT is busy: set SITREP_PG_PORT to a free port" >&2; exit 1
    fi
    dir="$(mktemp -d /tmp/sitrep-pg.XXXXXX)"
    chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    as_server_user "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || as_server_user "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
        -o "-p $PORT -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bin/createdb" -h 127.0.0.1 -p "$PORT" -U "$user" sitrep_test
    printf 'SITREP_PG_DIR=%s\nSITREP_PG_BIN=%s\n' "$dir" "$bin" >"$STATE"
    echo "export SITREP_TEST_PG=postgresql://$user@127.0.0.1:$PORT/sitrep_test"
    echo "export SITREP_PG_DIR=$dir"
}

stop() {
    [ -f "$STATE" ] || { echo "postgres.sh: no server recorded in $STATE" >&2; return 0; }
    # shellcheck disable=SC1090
    . "$STATE"
    as_server_user "$SITREP_PG_BIN/pg_ctl" -D "$SITREP_PG_DIR/data" -m fast -w stop >&2 || true
    rm -rf "$SITREP_PG_DIR" "$STATE"
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
