#!/usr/bin/env bash
# Run the whole test suite with real components: installs Debian's PostgreSQL,
# Chromium and poppler-utils if missing, starts a throw-away PostgreSQL server
# for the store tests, runs pytest, and stops the server whatever happens.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

need=()
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing Debian packages: ${need[*]}" >&2
    if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update -qq >&2 || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >&2 \
        || echo "warning: could not install ${need[*]}; tests needing them will skip" >&2
fi

pg_started=""
if [ -x scripts/pg_start.sh ] && [ -z "${SITROOM_TEST_PG:-}" ]; then
    if url=$(bash scripts/pg_start.sh); then
        export SITROOM_TEST_PG="$url"
        pg_started=1
    else
        echo "warning: PostgreSQL did not start; PostgreSQL tests will skip" >&2
    fi
fi
cleanup() { [ -n "$pg_started" ] && bash scripts/pg_stop.sh >/dev/null 2>&1 || true; }
trap cleanup EXIT

status=0
"$BIN/python" -m pytest -q "$@" || status=$?
# pytest's 5 means "no tests collected": that is a failure for us too.
exit $status
