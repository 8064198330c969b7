#!/usr/bin/env python3
"""Side-by-side timings of the s2cells Python package (a script, never a
test): lat/lng -> cell ids on numpy points, one thread and two, against
Google's Python bindings (a loop: they take one point at a time), s2sphere
(pure Python) and H3 at resolution 9 through h3ronpy and polars-h3 for
context; and coverings per second against Google's bindings.

    python3 tools/bench/python_bench.py [--points 10000000] [--rounds 5]

Rounds interleave the contenders so that a noisy, shared machine slows
them alike; each figure is the best round. Prints a Markdown table for
BENCHMARKS.md with the CPU and the load average at the start and the end.
"""

import argparse
import json
import os
import platform
import time

import numpy as np

import s2cells

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def cpu_name():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def best(fn, rounds):
    t = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        t.append(time.perf_counter() - t0)
    return min(t)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=10_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--loop-points", type=int, default=100_000, help="points for the per-point loops")
    args = ap.parse_args()
    n = args.points
    rng = np.random.default_rng(1)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lng = rng.uniform(-180, 180, n)
    load0 = os.getloadavg()
    rows = []  # (name, rows, seconds, note)

    contenders = {}

    def ours(threads):
        def run():
            s2cells.set_num_threads(threads)
            s2cells.cell_ids(lat, lng)
        return run

    contenders["s2cells cell_ids, 1 thread"] = (n, ours(1))
    contenders["s2cells cell_ids, 2 threads"] = (n, ours(2))
    try:
        import h3ronpy.vector as h3v

        contenders["h3ronpy coordinates_to_cells res 9 (all threads)"] = (
            n, lambda: h3v.coordinates_to_cells(lat, lng, 9))
    except ImportError:
        pass
    try:
        import polars as pl
        import polars_h3 as plh3

        df = pl.DataFrame({"lat": lat, "lng": lng})
        contenders["polars-h3 latlng_to_cell res 9 (all threads)"] = (
            n, lambda: df.select(plh3.latlng_to_cell("lat", "lng", 9)))
    except ImportError:
        pass
    m = args.loop_points
    try:
        import s2geometry as s2

        def google():
            for a, b in zip(lat[:m].tolist(), lng[:m].tolist()):
                s2.S2CellId(s2.S2LatLng.FromDegrees(a, b)).id()
        contenders["Google s2geometry 0.14 bindings, Python loop"] = (m, google)
    except ImportError:
        pass
    try:
        import s2sphere

        k = max(m // 10, 1000)

        def sphere():
            for a, b in zip(lat[:k].tolist(), lng[:k].tolist()):
                s2sphere.CellId.from_lat_lng(s2sphere.LatLng.from_degrees(a, b)).id()
        contenders["s2sphere 0.2.5, Python loop"] = (k, sphere)
    except ImportError:
        pass

    times = {name: [] for name in contenders}
    cpu = {name: [] for name in contenders}
    for _ in range(args.rounds):
        for name, (count, fn) in contenders.items():
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
    s2cells.set_num_threads(0)
    for name, (count, _) in contenders.items():
        rows.append((name, count, min(times[name]), min(cpu[name])))

    # Coverings of real boundaries.
    with open(os.path.join(REPO, "data", "countries-110m.geojson")) as f:
        fc = json.load(f)
    cover_rows = []
    for opts in ((0, 30, 1, 8), (4, 16, 2, 200)):
        texts = [json.dumps(f["geometry"]) for f in fc["features"]]
        s2cells.set_num_threads(1)
        t1 = best(lambda: s2cells.coverings(texts, *opts[:2], opts[3], opts[2], errors="null"), args.rounds)
        s2cells.set_num_threads(0)
        try:
            import s2geometry as s2

            sys_path = os.path.join(REPO, "python", "tests")
            import sys

            sys.path.insert(0, sys_path)
            from test_conformance import google_polygon

            polys = []
            for feat in fc["features"]:
                try:
                    p = google_polygon(feat["geometry"])
                    if p.IsValid():
                        polys.append(p)
                except Exception:  # noqa: BLE001 (invalid rings: skipped, as errors="null" does)
                    pass

            def google():
                c = s2.S2RegionCoverer()
                c.set_min_level(opts[0])
                c.set_max_level(opts[1])
                c.set_level_mod(opts[2])
                c.set_max_cells(opts[3])
                for p in polys:
                    c.GetCovering(p)
            tg = best(google, args.rounds)
            tgb = best(lambda: [google_polygon(f["geometry"]) for f in fc["features"]], max(1, args.rounds // 2))
        except ImportError:
            tg = tgb = float("nan")
        cover_rows.append((opts, len(texts), t1, tg, tgb))

    load1 = os.getloadavg()
    print(f"CPU: {cpu_name()}, {os.cpu_count()} cores; load average {load0[0]:.1f} at start, "
          f"{load1[0]:.1f} at end; {n:,} uniform points; best of {args.rounds} interleaved rounds\n")
    print("| lat/lng -> cell | rows | wall time | M rows/s | vs s2cells 1 thread | CPU ns/row | "
          "M rows per CPU-second |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    base = next(r for r in rows if r[0].endswith("1 thread"))
    base_rate = base[1] / base[2]
    for name, count, t, c in rows:
        rate = count / t
        print(f"| {name} | {count:,} | {t * 1e3:.1f} ms | {rate / 1e6:.2f} | {rate / base_rate:.3f} | "
              f"{c * 1e9 / count:.1f} | {count / c / 1e6:.2f} |")
    print()
    print("| coverings of 177 countries (GeoJSON) | s2cells, 1 thread: parse + build + cover "
          "| Google: cover only | Google: build S2Polygons from Python lists | Google total / ours "
          "| Google cover only / ours |")
    print("|---|---:|---:|---:|---:|---:|")
    for opts, k, t1, tg, tgb in cover_rows:
        print(f"| levels {opts[0]}-{opts[1]}, level_mod {opts[2]}, max_cells {opts[3]} | "
              f"{t1 * 1e3:.1f} ms ({k / t1:.0f}/s) | {tg * 1e3:.1f} ms | {tgb * 1e3:.1f} ms | "
              f"{(tg + tgb) / t1:.2f} | {tg / t1:.2f} |")


if __name__ == "__main__":
    main()
