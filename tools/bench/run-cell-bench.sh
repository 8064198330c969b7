#!/usr/bin/env bash
# Runs bench/compare/benches/cell.rs with Google's C++ s2geometry linked in, then prints the
# ns-per-element table (tools/bench/ratios.py) that goes into BENCHMARKS.md.
#
#   tools/bench/run-cell-bench.sh                 # full run (a few minutes)
#   tools/bench/run-cell-bench.sh --quick         # --warm-up-time 1 --measurement-time 3
#   tools/bench/run-cell-bench.sh --rounds 3      # 3 interleaved rounds; medians of per-round ratios
#   tools/bench/run-cell-bench.sh --native        # the Rust side for this CPU too (see below)
#   tools/bench/run-cell-bench.sh --interleaved   # benches/cell_interleaved.rs instead (see below)
#   tools/bench/run-cell-bench.sh -- ARGS...      # extra criterion args, e.g. a group filter
#
# Google's timed loops are built twice in every run (bench/google/build.rs):
# -O3 for baseline x86-64 (google_cpp) and -O3 -march=native
# (google_cpp_native); libs2.a itself is the wheel's generic Release build
# either way. The table compares with the faster of the two in each row.
# It matters for loops the compiler can vectorize: Google's contains is
# about 3x faster with -march=native (AVX-512) than at baseline, where GCC
# emits a branch that the benchmark's 50/50 outcomes mispredict.
#
# The Rust side is rustc's default target (baseline x86-64), which is what
# a user of the crate gets; its batch kernels pick AVX2 or AVX-512 at run
# time (s2cells::cell::Kernels). --native builds it with -C
# target-cpu=native instead, in a separate target dir (target/native) so the
# shared one is not rebuilt.
#
# --interleaved runs the issue-17 kernels and Google's loops in turn, one
# call each per round on 100,000 inputs for 60 rounds, and prints each
# one's fastest round and its ratio to the faster Google build: on a busy
# machine those minima hold still where criterion's medians follow the load.
#
# Env: S2_GOOGLE_DIR (the wheel's s2geometry dir; found or installed if unset),
# S2CELLS_BENCH_N (elements per bench, default 1000000), BENCH_CPU (core to pin, default 1).
set -euo pipefail
cd "$(dirname "$0")/../.."

crit_args=()
rounds=1
bench=cell
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) crit_args+=(--warm-up-time 1 --measurement-time 3) ;;
    --native)
      export RUSTFLAGS="${RUSTFLAGS:+$RUSTFLAGS }-C target-cpu=native"
      export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target/native}" ;;
    --rounds) rounds=$2; shift ;;
    --interleaved) bench=cell_interleaved ;;
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
cargo bench -p s2cells-bench --bench "$bench" --no-run
cpu=${BENCH_CPU:-1}
pin=()
if command -v taskset >/dev/null && taskset -c "$cpu" true 2>/dev/null; then
  pin=(taskset -c "$cpu")
else
  echo "taskset unavailable: running unpinned" >&2
fi
if [ "$bench" = cell_interleaved ]; then
  exec "${pin[@]}" cargo bench -p s2cells-bench --bench cell_interleaved
fi
baselines=new
if [ "$rounds" -gt 1 ]; then
  baselines=
  for i in $(seq 1 "$rounds"); do
    echo "=== round $i of $rounds" >&2
    "${pin[@]}" cargo bench -p s2cells-bench --bench cell -- "${crit_args[@]}" --save-baseline "round$i"
    baselines="${baselines:+$baselines,}round$i"
  done
else
  "${pin[@]}" cargo bench -p s2cells-bench --bench cell -- "${crit_args[@]}"
fi

echo
"$PY" tools/bench/ratios.py --baselines "$baselines" "${CARGO_TARGET_DIR:-target}/criterion"
