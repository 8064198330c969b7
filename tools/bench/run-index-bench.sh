#!/usr/bin/env bash
# Throughput of `s2cells index` on a CSV of N random points (default 10
# million, ~290 MB), output written to a file: the figure issue #5 asks for
# (at least 3 million rows per second on one core).
#
#   tools/bench/run-index-bench.sh              # 10M rows, level 15, tokens
#   N=1000000 tools/bench/run-index-bench.sh    # fewer rows
#   tools/bench/run-index-bench.sh --levels 8,12,15 -f ids   # other index options
#
# Prints wall time (hyperfine when installed, else /usr/bin/time) and the
# CPU time of one run; rows/s = N / time. On a shared machine wall time
# includes waiting for a core: user + sys is the one-core figure.
set -euo pipefail
cd "$(dirname "$0")/../.."

n="${N:-10000000}"
dir="${TMPDIR:-/tmp}"
csv="$dir/s2cells-points-$n.csv"
out="$dir/s2cells-index-out.csv"
args=("$@")
[ ${#args[@]} -gt 0 ] || args=(--level 15)

cargo build --release -p s2cells-cli
bin="${CARGO_TARGET_DIR:-target}/release/s2cells"

if [ ! -s "$csv" ]; then
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

cmd="$bin index $csv ${args[*]} > $out"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 1 --runs 5 "$cmd"
fi
/usr/bin/time -f "one run: %e s wall, %U s user + %S s sys" bash -c "$cmd"
echo "rows: $n (rows/s = $n / seconds)"
