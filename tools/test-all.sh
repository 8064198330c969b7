#!/usr/bin/env bash
# The one test command (the README's): every Rust test in the workspace
# with every feature, the batch kernels' SIMD paths on 10 M inputs each in
# release, Google's C++ linked in for the agreement tests,
# PostgreSQL for the database tests, the libstdc++ check of the coverer's
# tie order, and the Python package's tests. CI (.ci/run) runs exactly this.
#
#   bash tools/test-all.sh
#
# What each part needs, and what happens without it, is in CONTRIBUTING.md.
# In short: a test whose service or tool is missing prints
# `skipped (needs <what>): <test>: <why>` and passes, and this script counts
# those lines (and pytest's skips) at the end. With S2CELLS_NO_SKIP=1 (set by
# .ci/run) every such skip is a failure instead, and so is a count above 0.
#
# Env:
#   S2CELLS_NO_SKIP=1  fail on any skip (CI)
#   S2CELLS_REAL_DATA  where the published boundaries fetched with npm are
#                      (default target/real-data; fetched when missing)
#   S2CELLS_PG_URL     a PostgreSQL server to use; when unset and PostgreSQL
#                      is installed, a throwaway one is started on
#                      127.0.0.1:${S2CELLS_PG_PORT:-54329} and stopped at the end
#   S2_GOOGLE_DIR      the s2geometry directory of the PyPI wheel
#                      s2geometry==0.14.0 (include/, lib64/libs2.a); found
#                      through python3 when unset
#   PYTHON             the Python to use (default python3)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
python="${PYTHON:-python3}"
no_skip="${S2CELLS_NO_SKIP:-}"
log="$(mktemp)"
started_pg=""
skips=0
pytest_skips=0

# The skip lines the Rust tests (and this script) printed.
count_skips() {
  skips="$({ grep -o 'skipped (needs ' "$log" || true; } | wc -l)"
}

summary() {
  local status=$?
  if [[ -n "$started_pg" ]]; then
    bash tools/ci/start-postgres.sh stop || true
  fi
  count_skips
  echo
  echo "== tests skipped for a missing service or tool"
  grep -o 'skipped (needs [^)]*)' "$log" | sort | uniq -c | sed 's/^/  /' || true
  echo "  Rust: $skips; pytest: $pytest_skips; total: $((skips + pytest_skips))"
  rm -f "$log"
  exit "$status"
}
trap summary EXIT

# A service or tool this script itself needs is missing: fatal under
# S2CELLS_NO_SKIP, else a warning (the tests then report their own skips).
missing() {
  if [[ -n "$no_skip" ]]; then
    echo "test-all.sh: $1 (S2CELLS_NO_SKIP is set, so this is an error)" >&2
    exit 1
  fi
  echo "test-all.sh: warning: $1" >&2
}

echo "== Google's C++ (s2geometry==0.14.0 wheel) for bench/google/tests/agree.rs"
if [[ -z "${S2_GOOGLE_DIR:-}" ]]; then
  if dir="$("$python" -c 'import os, s2geometry; print(os.path.dirname(s2geometry.__file__))' 2>/dev/null)"; then
    version="$("$python" -c 'import importlib.metadata as m; print(m.version("s2geometry"))')"
    if [[ "$version" == 0.14.0 ]]; then
      export S2_GOOGLE_DIR="$dir"
    else
      missing "s2geometry $version is installed, the agreement tests need 0.14.0"
    fi
  else
    missing "the s2geometry wheel is not installed (pip install s2geometry==0.14.0)"
  fi
fi
echo "S2_GOOGLE_DIR=${S2_GOOGLE_DIR:-(unset: the agreement tests will skip)}"

echo "== PostgreSQL for db-tests/tests/postgres.rs"
if [[ -z "${S2CELLS_PG_URL:-}" ]]; then
  # A server already running there is used and left running.
  [[ -f "${S2CELLS_PG_DATA:-/tmp/s2cells-pg}/postmaster.pid" ]] || started_pg=1
  if pg_env="$(bash tools/ci/start-postgres.sh)"; then
    eval "$pg_env"
  else
    started_pg=""
    missing "PostgreSQL could not be started (tools/ci/start-postgres.sh)"
  fi
fi
echo "S2CELLS_PG_URL=${S2CELLS_PG_URL:-(unset: the PostgreSQL tests will skip)}"

echo "== published boundaries from npm for the tests on real data"
# tools/data/fetch-real-data.sh (needs node and npm) writes them into
# target/real-data/ (or $S2CELLS_REAL_DATA), once.
if [[ -f tools/data/fetch-real-data.sh ]]; then
  real="${S2CELLS_REAL_DATA:-$repo/target/real-data}"
  if compgen -G "$real/*.geojson" >/dev/null; then
    echo "in $real"
  elif command -v npm >/dev/null 2>&1; then
    bash tools/data/fetch-real-data.sh "$real"
  else
    missing "npm is not installed, so the real-data tests have no data (tools/data/fetch-real-data.sh)"
  fi
else
  echo "none needed"
fi

echo "== cargo test --workspace --all-features"
# stderr too: the skip lines go there. pipefail keeps cargo's status.
cargo test --workspace --all-features 2>&1 | tee "$log"

echo "== every SIMD path of the batch kernels, 10 M random inputs each (release)"
# tests/batch_kernels.rs compares each path this CPU runs (scalar, AVX2,
# AVX-512) with the one-row methods; the debug run above draws 200,000.
cargo test --release -p s2cells --test batch_kernels 2>&1 | tee -a "$log"

echo "== the coverer queue's tie order against libstdc++"
if command -v g++ >/dev/null 2>&1; then
  bash tools/oracle/check-heap-order.sh
else
  echo "skipped (needs g++): tools/oracle/check-heap-order.sh" | tee -a "$log"
  [[ -z "$no_skip" ]] || exit 1
fi

# ---------------------------------------------------------------------------
# Python: the package in python/ (pyo3 bindings), built and installed into
# the current Python, then its tests. Skipped while python/ does not exist.
# Test dependencies: python/requirements-dev.txt (.ci/run installs them).
# ---------------------------------------------------------------------------
if [[ -d python ]]; then
  echo "== Python: pip install ./python"
  "$python" -m pip install --quiet --disable-pip-version-check ./python
  echo "== Python: pytest python/tests"
  pylog="$(mktemp)"
  # -rs lists every skip with its reason: "SKIPPED [n] file:line: reason".
  status=0
  (cd "$repo" && "$python" -m pytest -rs python/tests) 2>&1 | tee "$pylog" || status=$?
  pytest_skips="$(awk -F'[][]' '/^SKIPPED \[/ { n += $2 } END { print n + 0 }' "$pylog")"
  grep '^SKIPPED \[' "$pylog" | sed 's/^/  /' || true
  rm -f "$pylog"
  [[ $status == 0 ]] || exit "$status"
fi
# --------------------------------------------------------------- end Python

count_skips
if [[ -n "$no_skip" && $((skips + pytest_skips)) -gt 0 ]]; then
  echo "test-all.sh: $((skips + pytest_skips)) tests skipped for a missing service or tool, with S2CELLS_NO_SKIP set" >&2
  exit 1
fi
