#!/usr/bin/env bash
# A throwaway PostgreSQL server on 127.0.0.1 for the database tests
# (db-tests/tests/postgres.rs) and the database bench.
#
#   eval "$(bash tools/ci/start-postgres.sh)"   # prints the export of S2CELLS_PG_URL
#   cargo test -p s2cells-db-tests
#   bash tools/ci/start-postgres.sh stop
#   bash tools/ci/start-postgres.sh install     # apt-get install postgresql (root; CI)
#
# `start` (the default) never installs anything: without PostgreSQL's
# binaries it fails and says how to get them. The cluster lives in
# $S2CELLS_PG_DATA (default /tmp/s2cells-pg), owned by the `postgres` system
# user when run as root (the server refuses to run as root), listens on
# 127.0.0.1:$S2CELLS_PG_PORT (default 54329) only, and trusts local
# connections: it is for tests, never for data. The last line printed on
# stdout is the `export` to eval; progress goes to stderr. It exits
# non-zero when the server does not answer a query, so
#   pg_env="$(bash tools/ci/start-postgres.sh)"; eval "$pg_env"
# fails under `set -e` (`eval "$(...)"` alone would not).
set -euo pipefail

port="${S2CELLS_PG_PORT:-54329}"
data="${S2CELLS_PG_DATA:-/tmp/s2cells-pg}"

find_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  if [[ -n "$d" && -x "$d/pg_ctl" ]]; then
    echo "$d"
  elif command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
  fi
}

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

bin="$(find_bin || true)"
case "${1:-start}" in
  stop)
    if [[ -n "$bin" && -f "$data/postmaster.pid" ]]; then
      as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
    fi
    exit 0
    ;;
  install)
    if [[ -n "$bin" ]]; then
      echo "start-postgres.sh: PostgreSQL is installed ($bin)" >&2
      exit 0
    fi
    echo "start-postgres.sh: installing postgresql (apt-get)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
    bin="$(find_bin || true)"
    [[ -n "$bin" ]] || { echo "start-postgres.sh: no pg_ctl after installing postgresql" >&2; exit 1; }
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: start-postgres.sh [start|stop|install]" >&2
    exit 2
    ;;
esac

if [[ -z "$bin" ]]; then
  echo "start-postgres.sh: PostgreSQL is not installed (no pg_ctl): install it with your" >&2
  echo "  package manager, or as root on Debian: bash tools/ci/start-postgres.sh install" >&2
  exit 1
fi

if [[ ! -f "$data/PG_VERSION" ]]; then
  rm -rf "$data"
  mkdir -p "$data"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$data"; fi
  as_postgres "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale >&2
fi

if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  if ! as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2; then
    echo "start-postgres.sh: the server did not start; $data/server.log says:" >&2
    tail -n 20 "$data/server.log" >&2 || true
    exit 1
  fi
fi

url="postgresql://postgres@127.0.0.1:$port/postgres"
# The server answers on that port (not another cluster left in $data).
if ! "$bin/psql" "$url" -tAc 'SELECT 1' >/dev/null 2>&1; then
  echo "start-postgres.sh: no answer from $url" >&2
  exit 1
fi
echo "export S2CELLS_PG_URL=$url"
