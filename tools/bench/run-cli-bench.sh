#!/usr/bin/env bash
# Issue #5's CLI throughput targets, measured beside h3o-cli on the same
# input: `s2cells index` on a CSV of 10 million points (target: at least
# 3 M rows/s of wall time on one core, output written) next to
# `h3o-cli latLngToCell`, and `s2cells cover` of all Natural Earth 110m
# countries at default options (target: under a second) next to
# `h3o-cli geomToCells` for context. Prints a Markdown table for
# BENCHMARKS.md.
#
#   tools/bench/run-cli-bench.sh                # 10M points, 3 runs each, pinned to core 1
#   tools/bench/run-cli-bench.sh --runs 5       # best of 5 (h3o's runs: H3O_RUNS, default 1)
#   N=1000000 tools/bench/run-cli-bench.sh      # fewer points
#   tools/bench/run-cli-bench.sh --no-h3o       # s2cells only
#
# The points are uniform in latitude and longitude (not in area: the
# poles get more than their share), from Python's random with seed 42,
# six decimals, in
# $TMPDIR (default /tmp), ~290 MB. h3o-cli reads "lat lng" lines on
# stdin, so a copy in that layout is made once beside it. Every command
# writes its output to a file in $TMPDIR, and runs under
# `taskset -c $BENCH_CPU` (default 1). A time is the best wall time of the
# runs, with that run's user and sys; on a shared machine wall includes
# waiting for the core, so user + sys is the one-core CPU figure.
#
# Env: N (points, default 10000000), BENCH_CPU (core, default 1),
# H3O (the h3o-cli binary; else found on PATH, else
# `cargo install h3o-cli --version 0.2.12 --locked`), H3O_RES (default 9),
# H3O_RUNS (default 1: its per-row println makes a run take ~30 s),
# H3O_COVER_RES (geomToCells resolution, default 4).
set -euo pipefail
cd "$(dirname "$0")/../.."

runs=3
with_h3o=1
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift ;;
    --no-h3o) with_h3o=0 ;;
    *) echo "usage: $0 [--runs N] [--no-h3o]" >&2; exit 2 ;;
  esac
  shift
done
n="${N:-10000000}"
dir="${TMPDIR:-/tmp}"
csv="$dir/s2cells-points-$n.csv"
h3o_in="$dir/s2cells-points-$n.h3o.txt"
out="$dir/s2cells-cli-bench-out"
countries=data/countries-110m.geojson
h3o_res="${H3O_RES:-9}"
h3o_runs="${H3O_RUNS:-1}"
h3o_cover_res="${H3O_COVER_RES:-4}"

cargo build --release -p s2cells-cli
s2="${CARGO_TARGET_DIR:-target}/release/s2cells"

if [ "$with_h3o" = 1 ]; then
  h3o="${H3O:-$(command -v h3o-cli || true)}"
  if [ -z "$h3o" ]; then
    echo "installing h3o-cli 0.2.12 from crates.io (its binary is h3o-cli)" >&2
    cargo install h3o-cli --version 0.2.12 --locked
    h3o="$(command -v h3o-cli || echo "${CARGO_HOME:-$HOME/.cargo}/bin/h3o-cli")"
  fi
fi

if [ ! -s "$csv" ]; then
  # Generated once and reused by later runs.
  python3 - "$n" "$csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
random.seed(42)
with open(path, "w") as f:
    f.write("id,lat,lng\n")
    for start in range(0, n, 100_000):
        f.write("".join(f"{i},{random.uniform(-90, 90):.6f},{random.uniform(-180, 180):.6f}\n"
                        for i in range(start, min(n, start + 100_000))))
PY
fi
if [ "$with_h3o" = 1 ] && [ ! -s "$h3o_in" ]; then
  tail -n +2 "$csv" | awk -F, '{print $2 " " $3}' > "$h3o_in"
fi

pin=()
cpu="${BENCH_CPU:-1}"
if command -v taskset >/dev/null && taskset -c "$cpu" true 2>/dev/null; then
  pin=(taskset -c "$cpu")
else
  echo "taskset unavailable: running unpinned" >&2
fi

# time_best RUNS INPUT CMD...: runs CMD with stdin from INPUT and stdout
# to $out (stderr to $out.err), RUNS times; sets wall, user, sys of the
# run with the least wall time. Wall is read from the clock in ns (the
# cover run takes milliseconds), user and sys from /usr/bin/time (10 ms).
time_best() {
  local r=$1 input=$2 k t t0 t1 w u s
  shift 2
  wall=
  t=$(mktemp)
  for k in $(seq 1 "$r"); do
    # A new file each run, so no run starts by truncating the last one's
    # hundreds of MB. Sys time still varies (0.2 to 1.5 s for 400 MB on
    # a loaded machine: page cache and writeback), hence best of runs.
    rm -f "$out"
    t0=$(date +%s%N)
    if ! "${pin[@]}" /usr/bin/time -o "$t" -f '%U %S' "$@" < "$input" > "$out" 2> "$out.err"; then
      cat "$out.err" >&2
      exit 1
    fi
    t1=$(date +%s%N)
    w=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    read -r u s < "$t"
    if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then
      wall=$w user=$u sys=$s
    fi
  done
  rm -f "$t"
  echo "  $* : best wall $wall s (user $user, sys $sys) of $r" >&2
}

rows=()
# row WHAT COMMAND-TEXT COUNT UNIT [H3O-WALL]: a table row, rates in
# millions per second for rows, plain per second otherwise.
row() {
  local scale=1e6 m="M " rate cpu_rate vs=—
  if [ "$4" != rows ]; then scale=1 m=; fi
  rate=$(awk -v n="$3" -v t="$wall" -v k="$scale" 'BEGIN { printf "%.4g", n / t / k }')
  cpu_rate=$(awk -v n="$3" -v u="$user" -v s="$sys" -v k="$scale" \
    'BEGIN { if (u + s > 0) printf "%.4g", n / (u + s) / k; else printf "—" }')
  if [ -n "${5:-}" ]; then
    vs=$(awk -v h="$5" -v t="$wall" 'BEGIN { printf "%.1f×", h / t }')
  fi
  rows+=("| $1 | \`$2\` | $wall | $user + $sys | $rate $m$4/s | $cpu_rate $m$4/s | $vs |")
}

echo "index: $n points from $csv" >&2
h3o_wall=
if [ "$with_h3o" = 1 ]; then
  time_best "$h3o_runs" "$h3o_in" "$h3o" latLngToCell -r "$h3o_res"
  h3o_wall=$wall
  row "h3o-cli latLngToCell, res $h3o_res" "h3o-cli latLngToCell -r $h3o_res < points.txt > out" "$n" rows
fi
for levels in 30 15 8,12,15,30; do
  time_best "$runs" /dev/null "$s2" index "$csv" --level "$levels"
  row "s2cells index, level $levels" "s2cells index points.csv --level $levels > out" "$n" rows "$h3o_wall"
done
time_best "$runs" /dev/null "$s2" index "$csv" --level 30 --cells-only -f ids
row "s2cells index, level 30, ids only" "s2cells index points.csv --level 30 --cells-only -f ids > out" "$n" rows "$h3o_wall"

features=$(grep -o '"type": *"Feature"' "$countries" | wc -l)
echo "cover: $features features of $countries" >&2
time_best "$runs" /dev/null "$s2" cover --lenient "$countries"
row "s2cells cover, defaults, $(grep -c . "$out") cells (--lenient: Sudan's ring crosses itself)" "s2cells cover --lenient $countries > out" "$features" features
if [ "$with_h3o" = 1 ]; then
  time_best "$runs" "$countries" "$h3o" geomToCells -r "$h3o_cover_res" -m covers
  row "h3o-cli geomToCells, res $h3o_cover_res, covers, $(grep -c . "$out") cells (context)" "h3o-cli geomToCells -r $h3o_cover_res -m covers < $countries > out" "$features" features
fi
rm -f "$out" "$out.err"

echo
echo "$n points ($(basename "$csv"): uniform in lat/lng, seed 42); pinned to core $cpu; best of $runs runs (h3o-cli latLngToCell: $h3o_runs); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| what | command | wall s | user + sys s | per s of wall | per s of CPU | h3o-cli wall / this |"
echo "|---|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
