#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 server for the farm-store tests and print its DSN.
#
#   eval "$(.ci/postgres.sh)"        # exports SPSHELL_TEST_PG_DSN
#   .ci/postgres.sh stop             # stops it and removes its data folder
#
# The server runs as the `postgres` user (initdb refuses root) on a loopback port, with its data
# in a temporary folder recorded in $SPSHELL_PG_STATE (default /tmp/spshell-ci-postgres). Running
# the script again while the server is up only prints the DSN again (idempotent).
# Besides 127.0.0.1 it listens on every address given in SPSHELL_PG_LISTEN (comma separated), so
# the multi-host test can reach it from other network namespaces over a veth link.
set -euo pipefail

STATE=${SPSHELL_PG_STATE:-/tmp/spshell-ci-postgres}
PORT=${SPSHELL_PG_PORT:-55432}
DBNAME=spshell
DBUSER=spshell
DBPASS=spshell-ci
EXTRA_LISTEN=${SPSHELL_PG_LISTEN:-}

find_bindir() {
    if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
        pg_config --bindir; return
    fi
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return; }
    done
    echo "postgres.sh: PostgreSQL binaries not found (apt-get install postgresql)" >&2
    exit 1
}
PGBIN=$(find_bindir)

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

dsn() { echo "postgresql://$DBUSER:$DBPASS@127.0.0.1:$PORT/$DBNAME"; }

if [ "${1:-start}" = stop ]; then
    if [ -d "$STATE/data" ]; then
        as_postgres "$PGBIN/pg_ctl" -D "$STATE/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$STATE"
    exit 0
fi

PSQL="$PGBIN/psql -h 127.0.0.1 -p $PORT -U postgres -v ON_ERROR_STOP=1 -q"
if [ -f "$STATE/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$STATE/data" status >/dev/null 2>&1; then
    # tests create a throw-away database each, so the role needs CREATEDB (older runs lacked it)
    as_postgres $PSQL -c "ALTER ROLE $DBUSER CREATEDB" postgres >/dev/null
    echo "export SPSHELL_TEST_PG_DSN=$(dsn)"
    exit 0
fi

rm -rf "$STATE"
mkdir -p "$STATE"
if [ "$(id -u)" = 0 ]; then chown postgres: "$STATE"; fi
as_postgres "$PGBIN/initdb" -D "$STATE/data" -U postgres --auth=trust -E UTF8 --no-sync >"$STATE/initdb.log" 2>&1
LISTEN=127.0.0.1
if [ -n "$EXTRA_LISTEN" ]; then LISTEN="$LISTEN,$EXTRA_LISTEN"; fi
# Other hosts (network namespaces) connect over TCP with a password.
echo "host all all 0.0.0.0/0 md5" | as_postgres tee -a "$STATE/data/pg_hba.conf" >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$STATE/data" -l "$STATE/log" -w \
    -o "-p $PORT -k $STATE -c listen_addresses='$LISTEN' -c fsync=off -c max_connections=200" \
    start >/dev/null
as_postgres $PSQL -c "CREATE ROLE $DBUSER LOGIN CREATEDB PASSWORD '$DBPASS'" postgres
as_postgres $PSQL -c "CREATE DATABASE $DBNAME OWNER $DBUSER" postgres
echo "export SPSHELL_TEST_PG_DSN=$(dsn)"
