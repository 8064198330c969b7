#!/usr/bin/env python3
"""Timings of the s2cells id functions through Python (a script, never a
test): to_tokens, parents, contains and centers (cell_ids for reference)
on uniform random leaf ids as numpy uint64 and as a pyarrow array, on one
thread and on all; each figure is the best of interleaved rounds, in M
rows/s including the conversions in and out.

    python3 tools/bench/python_cells_bench.py [--points 4000000] [--rounds 5]

To compare two builds, install each into its own venv and run the script
in each, alternating.
"""
import argparse, os, sys, time
import numpy as np
import s2cells

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from python_bench import cpu_name  # noqa: E402

ap = argparse.ArgumentParser()
ap.add_argument("--points", type=int, default=4_000_000)
ap.add_argument("--rounds", type=int, default=5)
args = ap.parse_args()
n = args.points
rng = np.random.default_rng(1)
lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
lng = rng.uniform(-180, 180, n)
ids = s2cells.cell_ids(lat, lng)
par = s2cells.parents(ids, 12)
import pyarrow as pa
ids_pa = pa.array(ids)
cpu = cpu_name()
cases = {
    "cell_ids": lambda: s2cells.cell_ids(lat, lng),
    "to_tokens": lambda: s2cells.to_tokens(ids),
    "to_tokens (pyarrow in, Arrow strings out)": lambda: s2cells.to_tokens(ids_pa),
    "parents(12)": lambda: s2cells.parents(ids, 12),
    "contains": lambda: s2cells.contains(par, ids),
    "centers": lambda: s2cells.centers(ids),
    "centers (pyarrow)": lambda: s2cells.centers(ids_pa),
}
load0 = os.getloadavg()
best = {}
for threads in (1, 0):
    s2cells.set_num_threads(threads)
    for _ in range(args.rounds):
        for name, fn in cases.items():
            t0 = time.perf_counter(); fn(); t = time.perf_counter() - t0
            k = (name, threads)
            best[k] = min(best.get(k, t), t)
nt = s2cells.get_num_threads()
print(f"CPU: {cpu}; {n} points; load {load0[0]:.2f} -> {os.getloadavg()[0]:.2f}; all = {nt} threads")
print("| function | 1 thread M rows/s | all threads M rows/s |")
print("|---|---:|---:|")
for name in cases:
    print(f"| {name} | {n / best[(name, 1)] / 1e6:.1f} | {n / best[(name, 0)] / 1e6:.1f} |")
