#!/usr/bin/env bash
# Runs bench/compare/benches/coverer.rs (rect, cap and polygon coverings) with Google's C++
# s2geometry linked in, then prints the table that goes into BENCHMARKS.md
# (tools/bench/ratios.py: figures are ns per covering; the lazy
# fixed-level iterator shows under "other" as s2cells_lazy_fixed_level).
#
#   tools/bench/run-coverer-bench.sh                 # full run (~10 minutes)
#   tools/bench/run-coverer-bench.sh --quick         # --warm-up-time 1 --measurement-time 3
#   tools/bench/run-coverer-bench.sh --rounds 3      # 3 interleaved rounds; medians of per-round ratios
#   tools/bench/run-coverer-bench.sh -- polygon      # extra criterion args, e.g. a filter
#
# Before timing, the bench checks that s2cells and Google give the same
# cells: rects and caps assert; polygons print "identical to Google's" or
# a loud WARNING (look for it in the output).
#
# Env: S2_GOOGLE_DIR (the wheel's s2geometry dir; found or installed if
# unset), BENCH_CPU (core to pin, default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

crit_args=()
rounds=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) crit_args+=(--warm-up-time 1 --measurement-time 3) ;;
    --rounds) rounds=$2; shift ;;
    --) shift; crit_args+=("$@"); break ;;
    *) crit_args+=("$1") ;;
  esac
  shift
done

PY=${PYTHON:-python3}
find_wheel_dir() {
  "$PY" -c 'import importlib.util as u, os, sys; s = u.find_spec("s2geometry"); sys.exit(s is None or print(os.path.dirname(s.origin)))' 2>/dev/null
}
if [ -z "${S2_GOOGLE_DIR:-}" ]; then
  if ! S2_GOOGLE_DIR=$(find_wheel_dir); then
    echo "installing Google's s2geometry 0.14.0 wheel (Release libs2.a + abseil)" >&2
    "$PY" -m pip install --quiet 's2geometry==0.14.0'
    S2_GOOGLE_DIR=$(find_wheel_dir)
  fi
fi
if [ ! -f "$S2_GOOGLE_DIR/lib64/libs2.a" ] && [ ! -f "$S2_GOOGLE_DIR/lib/libs2.a" ]; then
  echo "error: no libs2.a under S2_GOOGLE_DIR=$S2_GOOGLE_DIR" >&2
  exit 1
fi
export S2_GOOGLE_DIR
echo "Google's C++: $S2_GOOGLE_DIR" >&2

# Build first (unpinned, both cores), then time on one pinned core.
cargo bench -p s2cells-bench --bench coverer --no-run
cpu=${BENCH_CPU:-1}
pin=()
if command -v taskset >/dev/null && taskset -c "$cpu" true 2>/dev/null; then
  pin=(taskset -c "$cpu")
else
  echo "taskset unavailable: running unpinned" >&2
fi
baselines=new
if [ "$rounds" -gt 1 ]; then
  baselines=
  for i in $(seq 1 "$rounds"); do
    echo "=== round $i of $rounds" >&2
    "${pin[@]}" cargo bench -p s2cells-bench --bench coverer -- "${crit_args[@]}" --save-baseline "round$i"
    baselines="${baselines:+$baselines,}round$i"
  done
else
  "${pin[@]}" cargo bench -p s2cells-bench --bench coverer -- "${crit_args[@]}"
fi

echo
# Only this bench's groups (the criterion dir also holds other benches').
root="${CARGO_TARGET_DIR:-target}/criterion"
sel=$(mktemp -d)
trap 'rm -rf "$sel"' EXIT
for g in "$root"/cover_* "$root"/build_cover_*; do
  [ -d "$g" ] && ln -s "$(cd "$g" && pwd)" "$sel/$(basename "$g")"
done
echo "ns per covering (one covering = one iteration, the coverer built inside):"
"$PY" tools/bench/ratios.py --baselines "$baselines" "$sel"
