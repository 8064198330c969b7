#!/usr/bin/env bash
# Dense against sparse feature outputs: `s2cells features` on 200,000
# points with a one-hot vocabulary of about 10,000 level-15 cells (learned
# from the points, with its out-of-vocabulary column), written as each
# format to a file: its size, and the best wall time and peak memory of
# the runs. Prints a Markdown table for BENCHMARKS.md.
#
#   tools/bench/run-features-bench.sh              # 200,000 points, 3 runs each, pinned to core 1
#   N=50000 RUNS=1 tools/bench/run-features-bench.sh
#
# The points are uniform in a box around Porto Alegre (0.25 x 0.25
# degrees: about 10,000 level-15 cells), from Python's random with seed
# 15, each with a 0/1 label and an id, in $TMPDIR (default /tmp). Every
# command runs under `taskset -c $BENCH_CPU` (default 1) and
# `/usr/bin/time`; outputs go to $TMPDIR and are deleted at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

n="${N:-200000}"
runs="${RUNS:-3}"
cpu="${BENCH_CPU:-1}"
dir="${TMPDIR:-/tmp}/s2cells-features-bench"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

cargo build --release -p s2cells-cli >&2
s2="${CARGO_TARGET_DIR:-target}/release/s2cells"

python3 - "$n" "$dir/points.csv" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
r = random.Random(15)
with open(path, "w") as f:
    f.write("id,lat,lng,label\n")
    for i in range(n):
        lat = -30.25 + 0.25 * r.random()
        lng = -51.28 + 0.25 * r.random()
        f.write(f"pt{i},{lat:.6f},{lng:.6f},{int(lat > -30.12)}\n")
PY

common=("$dir/points.csv" --learn-vocab -l 15 --id-col id --label-col label)
"$s2" features "${common[@]}" --save-vocab "$dir/vocab.json" -f csr -o "$dir/probe.json"
vocab=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['cells']))" "$dir/vocab.json")
echo "points: $n, vocabulary: $vocab level-15 cells (+1 out-of-vocabulary column), CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" >&2

echo "| format | file size | MB | best wall s | peak RSS MB |"
echo "|---|---|---:|---:|---:|"
for f in csv npy libsvm csr npz parquet arrow; do
  case "$f" in
    csv|npy) extra=(--allow-dense) ;;
    *) extra=() ;;
  esac
  # npy holds one array: no labels or ids.
  if [ "$f" = npy ]; then args=("$dir/points.csv" --learn-vocab -l 15); else args=("${common[@]}"); fi
  best=""; rss=""
  for _ in $(seq "$runs"); do
    out="$dir/out.$f"
    /usr/bin/time -f "%e %M" -o "$dir/time" taskset -c "$cpu" "$s2" features "${args[@]}" "${extra[@]}" -f "$f" -o "$out" 2>/dev/null
    read -r wall kb < "$dir/time"
    if [ -z "$best" ] || awk "BEGIN{exit !($wall < $best)}"; then best=$wall; rss=$kb; fi
  done
  size=$(stat -c %s "$dir/out.$f")
  printf '| %s | %s bytes | %.1f | %s | %.0f |\n' "$f" "$size" "$(echo "$size / 1000000" | bc -l)" "$best" "$(echo "$rss / 1024" | bc -l)"
  rm -f "$dir/out.$f"
done
