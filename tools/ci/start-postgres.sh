#!/usr/bin/env bash
# Installs PostgreSQL from the Debian packages if needed and starts a
# throwaway server on 127.0.0.1 for tests/db_postgres.rs.
#
#   eval "$(bash tools/ci/start-postgres.sh)"   # exports S2CELLS_PG_URL
#   cargo test --test db_postgres
#   bash tools/ci/start-postgres.sh stop
#
# The cluster lives in $S2CELLS_PG_DATA (default /tmp/s2cells-pg), owned by
# the `postgres` system user (the server refuses to run as root), listens
# on 127.0.0.1:$S2CELLS_PG_PORT (default 54329) only, and trusts local
# connections: it is for tests, never for data. The last line printed on
# stdout is the `export` to eval; progress goes to stderr.
set -euo pipefail

port="${S2CELLS_PG_PORT:-54329}"
data="${S2CELLS_PG_DATA:-/tmp/s2cells-pg}"

find_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$d" && -x "$d/pg_ctl" ]] && echo "$d"
}

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

bin="$(find_bin || true)"
if [[ "${1:-start}" == stop ]]; then
  [[ -n "$bin" && -f "$data/postmaster.pid" ]] && as_postgres "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
  exit 0
fi

if [[ -z "$bin" ]]; then
  echo "start-postgres.sh: installing postgresql (apt-get)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
  bin="$(find_bin)"
fi

if [[ ! -f "$data/PG_VERSION" ]]; then
  rm -rf "$data"
  mkdir -p "$data"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$data"
  as_postgres "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --no-locale >&2
fi

if ! as_postgres "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
  as_postgres "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2
fi

echo "export S2CELLS_PG_URL=postgresql://postgres@127.0.0.1:$port/postgres"
