#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for sitroom's tests and benchmarks.
#
#   export SITROOM_TEST_PG=$(scripts/pg_start.sh)      # prints the URL on stdout
#   scripts/pg_stop.sh                                 # stops it and removes its files
#
# Installs PostgreSQL with apt when no server binaries are found, initialises a
# cluster in $SITROOM_PG_DIR (default $TMPDIR/sitroom-pg, outside the repo), listens on 127.0.0.1 only
# (port $SITROOM_PG_PORT, else 54329 when free, else a free port), trusts local
# connections (test server only) and creates the database `sitroom`.
# Logs go to stderr; the URL also goes to $SITROOM_PG_DIR/url.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGDIR="${SITROOM_PG_DIR:-${TMPDIR:-/tmp}/sitroom-pg}"
DBNAME="${SITROOM_PG_DB:-sitroom}"
log() { echo "pg_start: $*" >&2; }

find_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && [ -x "$d/postgres" ] && { echo "$d"; return 0; }
    done
    if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
        dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
    fi
    return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    log "PostgreSQL not found: installing with apt"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
    BINDIR="$(find_bindir)"
fi

# PostgreSQL refuses to run as root: run it as the `postgres` user when we are root.
RUNAS=()
OWNER="$(id -un)"
if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    RUNAS=(runuser -u postgres --)
    OWNER=postgres
fi
pg() { "${RUNAS[@]}" "$@"; }

port_free() {
    python3 - "$1" <<'PY' 2>/dev/null
import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PY
}
free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Already running from an earlier call: print its URL again.
if [ -f "$PGDIR/url" ] && [ -f "$PGDIR/data/postmaster.pid" ] && pg "$BINDIR/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    log "already running"
    cat "$PGDIR/url"
    exit 0
fi

mkdir -p "$PGDIR"
chown "$OWNER" "$PGDIR"
if [ ! -f "$PGDIR/data/PG_VERSION" ]; then
    rm -rf "$PGDIR/data"
    log "initdb in $PGDIR/data"
    pg "$BINDIR/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null 2>&1 \
        || pg "$BINDIR/initdb" -D "$PGDIR/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >&2
fi

PORT="${SITROOM_PG_PORT:-}"
if [ -z "$PORT" ]; then
    if port_free 54329; then PORT=54329; else PORT="$(free_port)"; fi
fi

log "starting on 127.0.0.1:$PORT"
pg "$BINDIR/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
    -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR -c max_connections=100 -c fsync=on" start >&2

"$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DBNAME'" | grep -q 1 \
    || "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DBNAME"

URL="postgresql://postgres@127.0.0.1:$PORT/$DBNAME"
echo "$URL" > "$PGDIR/url"
echo "$BINDIR" > "$PGDIR/bindir"
echo "$URL"
