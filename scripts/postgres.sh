#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests: its own data directory, 127.0.0.1 only, a
# free port, trust authentication, no durability (fsync off). Nothing else on the machine
# is touched: no system cluster is started, no configuration outside DIR is written.
#
#   bash scripts/postgres.sh start DIR   install PostgreSQL if missing (Debian packages),
#                                        initdb DIR/data, start it, print its URL
#   bash scripts/postgres.sh url DIR     print the URL of the server in DIR
#   bash scripts/postgres.sh stop DIR    stop the server in DIR and delete DIR
#   bash scripts/postgres.sh run CMD...  start one in a temporary DIR, run CMD with
#                                        WATCHLINE_STORE set to its URL, stop it (always)
#
# The URL has the form postgresql://watchline@127.0.0.1:PORT/postgres: the `postgres`
# database is only the entry point; the tests create (and drop) a database per test.
# initdb refuses to run as root, so as root the server runs as the `postgres` system user
# the package creates. PG_BINDIR overrides where initdb/pg_ctl are looked for.
set -euo pipefail

PG_USER_NAME=watchline  # the database superuser initdb creates
# Not UTC on purpose: code that takes the timestamps a server hands back for UTC (psycopg
# returns them in the session's time zone) fails in the tests, not in production.
PG_TIMEZONE="${PG_TIMEZONE:-Asia/Kathmandu}"

log() { echo "postgres.sh: $*" >&2; }

find_bindir() {
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then
    echo "$PG_BINDIR"; return 0
  fi
  local dir
  # Debian keeps the server binaries off PATH, one folder per major version: take the newest.
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
    echo "$dir"; return 0
  fi
  if command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"; return 0
  fi
  return 1
}

install_if_missing() {
  if find_bindir >/dev/null; then
    return 0
  fi
  log "installing PostgreSQL (Debian package postgresql)"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # The package's own cluster is not needed; in containers policy-rc.d keeps it stopped.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  find_bindir >/dev/null || { log "initdb not found after installing postgresql"; exit 1; }
}

# Run a server command as the user that owns the data directory.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start() {
  local dir="$1"
  install_if_missing
  local bindir; bindir=$(find_bindir)
  if [ -e "$dir/data" ]; then
    log "$dir/data exists; stop that server first (postgres.sh stop $dir)"; exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { log "no 'postgres' user to run the server as"; exit 1; }
    chown postgres: "$dir"
    # The server user must be able to reach DIR (mktemp under /tmp is fine, /root is not).
    if ! runuser -u postgres -- test -w "$dir"; then
      log "user postgres cannot write $dir; use a folder under /tmp"; exit 1
    fi
  fi
  if ! as_owner "$bindir/initdb" -D "$dir/data" -U "$PG_USER_NAME" --auth=trust \
      --encoding=UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
    log "initdb failed:"; cat "$dir/initdb.log" >&2; exit 1
  fi
  local attempt port
  for attempt in 1 2 3; do
    port=$(free_port)
    # fsync/full_page_writes off: a crash loses a test database, which is fine here.
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
        "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir' \
         -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
         -c max_connections=200 -c timezone=$PG_TIMEZONE -c log_timezone=UTC" >"$dir/pg_ctl.log" 2>&1; then
      local url="postgresql://$PG_USER_NAME@127.0.0.1:$port/postgres"
      echo "$url" >"$dir/url"
      echo "$bindir" >"$dir/bindir"
      echo "$url"
      return 0
    fi
    log "server did not start (attempt $attempt, port $port):"
    cat "$dir/pg_ctl.log" >&2 || true
    cat "$dir/server.log" >&2 || true
    # Only a port taken between choosing and binding it is worth another try.
    grep -q "could not bind\|Address already in use" "$dir/server.log" 2>/dev/null || break
    : >"$dir/server.log"
  done
  exit 1
}

stop() {
  local dir="$1"
  if [ -f "$dir/data/postmaster.pid" ]; then
    local bindir; bindir=$(cat "$dir/bindir" 2>/dev/null || find_bindir)
    if ! as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1; then
      log "pg_ctl stop failed; server log:"
      cat "$dir/server.log" >&2 || true
      local pid; pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -rf "$dir"
}

run() {
  local dir url status=0
  dir=$(mktemp -d "/tmp/watchline-pg.XXXXXX")
  # shellcheck disable=SC2064  # expand $dir now
  trap "stop '$dir'" EXIT
  url=$(start "$dir")
  WATCHLINE_STORE="$url" "$@" || status=$?
  return "$status"
}

cmd="${1:-}"
case "$cmd" in
  start) [ $# -eq 2 ] || { log "usage: postgres.sh start DIR"; exit 2; }; start "$2" ;;
  url) [ $# -eq 2 ] || { log "usage: postgres.sh url DIR"; exit 2; }; cat "$2/url" ;;
  stop) [ $# -eq 2 ] || { log "usage: postgres.sh stop DIR"; exit 2; }; stop "$2" ;;
  run) shift; [ $# -ge 1 ] || { log "usage: postgres.sh run CMD..."; exit 2; }; run "$@" ;;
  *) log "usage: postgres.sh start DIR | url DIR | stop DIR | run CMD..."; exit 2 ;;
esac
