#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 cluster on loopback (as the postgres user: the server refuses root)
# and prints its URL on the last line. Usage: scripts/pg-throwaway.sh start PORT | stop DIR
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
case "${1:-}" in
  start)
    port=${2:-55432}
    dir=$(mktemp -d /tmp/fabriques-pg.XXXXXX)
    chown postgres "$dir"
    runuser -u postgres -- "$PGBIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
    echo "$dir"
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$2/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$2"
    ;;
  *) echo "usage: $0 start [PORT] | stop DIR" >&2; exit 2 ;;
esac
