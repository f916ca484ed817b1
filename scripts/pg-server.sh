#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests, benchmarks and `npm run db:diff` of the
# PostgreSQL migrations. Uses Debian's postgresql package (installs it when missing, as CI
# does on a clean machine), runs on loopback only, data under $PGTEST_DIR.
#   scripts/pg-server.sh start   → prints the connection URL
#   scripts/pg-server.sh stop
set -euo pipefail
PORT="${PGTEST_PORT:-54329}"
DIR="${PGTEST_DIR:-/tmp/branchbot-pg-$PORT}"
BIN=""

find_bin() {
  for v in 17 16 15 14 13; do
    if [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ]; then BIN="/usr/lib/postgresql/$v/bin"; return 0; fi
  done
  return 1
}

install_pg() {
  echo "Installing PostgreSQL from Debian's packages…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

# initdb and the server refuse to run as root; use the postgres account when we are root.
as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  find_bin || { install_pg; find_bin; }
  if [ "$(id -u)" = "0" ] && ! id postgres >/dev/null 2>&1; then useradd --system postgres; fi
  if [ ! -f "$DIR/PG_VERSION" ]; then
    mkdir -p "$DIR"
    [ "$(id -u)" = "0" ] && chown postgres "$DIR"
    as_pg "$BIN/initdb" -D "$DIR" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
    as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
      -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null
  fi
  echo "postgresql://postgres@127.0.0.1:$PORT/postgres"
}

stop() {
  find_bin || exit 0
  [ -f "$DIR/PG_VERSION" ] && as_pg "$BIN/pg_ctl" -D "$DIR" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
