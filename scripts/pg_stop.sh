#!/usr/bin/env bash
# Stop the server scripts/pg_start.sh started and remove its files.
# Set SITROOM_PG_KEEP=1 to keep the data directory.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PGDIR="${SITROOM_PG_DIR:-${TMPDIR:-/tmp}/sitroom-pg}"
log() { echo "pg_stop: $*" >&2; }

if [ ! -d "$PGDIR" ]; then
    log "nothing to stop ($PGDIR absent)"
    exit 0
fi
BINDIR="$(cat "$PGDIR/bindir" 2>/dev/null || true)"
if [ -z "$BINDIR" ]; then
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && BINDIR="$d"; done
fi
RUNAS=()
[ "$(id -u)" = "0" ] && RUNAS=(runuser -u postgres --)

if [ -n "$BINDIR" ] && [ -f "$PGDIR/data/postmaster.pid" ]; then
    log "stopping"
    "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$PGDIR/data" -m fast -w -t 60 stop >&2 || true
fi
if [ "${SITROOM_PG_KEEP:-0}" != "1" ]; then
    rm -rf "$PGDIR"
fi
