#!/usr/bin/env python3
"""Rows per second through the engine adapters (a script, never a test):
lat/lng -> cell ids and ids -> tokens in Polars (in-memory and streaming)
and DuckDB SQL, side by side with the same call on numpy arrays (the
kernel without an engine), polars-h3 at resolution 9 and a DuckDB Arrow
function that does nothing (the floor of DuckDB's Python functions), and
Spark on local[2] for context.

    python3 tools/bench/engines_bench.py [--points 4000000] [--rounds 5] [--spark-points 1000000]

Rounds interleave the contenders so that a noisy, shared machine slows
them alike; each figure is the best round (Spark: best of --spark-rounds
after one warm-up), with that round's CPU time (user + system of this
process and of the processes it started: Spark's JVM and Python workers).
Every contender uses every core the process may use.
Prints a Markdown table for BENCHMARKS.md with the CPU and the load
average at the start and the end.
"""

import argparse
import os
import sys
import time

import numpy as np
import pyarrow as pa
from python_bench import cpu_name  # tools/bench/, this script's folder


_TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu():
    """CPU seconds (user + system) of this process, every thread, read to
    the microsecond (``time.process_time``), and of every process it
    started that is still running (Spark's JVM and its Python workers),
    read from /proc in clock ticks (1/100 s)."""
    parent, cpu = {}, {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parent[int(pid)] = int(fields[1])
        cpu[int(pid)] = (int(fields[11]) + int(fields[12])) / _TICK
    me = os.getpid()
    mine, grew = {me}, True
    while grew:
        new = {p for p, pp in parent.items() if pp in mine} - mine
        grew = bool(new)
        mine |= new
    return time.process_time() + sum(cpu.get(p, 0.0) for p in mine if p != me)


def timed(fn):
    """(wall seconds, CPU seconds) of one call."""
    c0, t0 = tree_cpu(), time.perf_counter()
    fn()
    return time.perf_counter() - t0, tree_cpu() - c0


def local_contenders(lat, lng):
    """name -> function; each computes one column over all points."""
    import duckdb
    import polars as pl

    import s2cells
    import s2cells.duckdb
    import s2cells.polars as s2pl

    ids = s2cells.cell_ids(lat, lng)
    out = {}
    out["numpy: s2cells.cell_ids (no engine)"] = lambda: s2cells.cell_ids(lat, lng)
    out["numpy: s2cells.to_tokens (no engine)"] = lambda: s2cells.to_tokens(ids)

    df = pl.DataFrame({"lat": lat, "lng": lng, "cell": pl.Series(ids, dtype=pl.UInt64)})
    lf = df.lazy()
    out["Polars: s2pl.cell_id, in-memory"] = lambda: lf.select(
        s2pl.cell_id("lat", "lng")).collect()
    out["Polars: s2pl.cell_id, streaming"] = lambda: lf.select(
        s2pl.cell_id("lat", "lng")).collect(engine="streaming")
    out["Polars: .s2.to_token, in-memory"] = lambda: lf.select(
        pl.col("cell").s2.to_token()).collect()
    try:
        import polars_h3 as plh3

        out["Polars: polars-h3 latlng_to_cell res 9 (plugin)"] = lambda: lf.select(
            plh3.latlng_to_cell("lat", "lng", 9)).collect()
    except ImportError:
        pass

    con = s2cells.duckdb.register(duckdb.connect())
    con.register("src", pa.table({"lon": lng, "lat": lat, "cell": ids}))
    con.sql("CREATE TABLE t AS SELECT * FROM src")
    con.create_function("noop", lambda x: x, ["DOUBLE"], "DOUBLE", type="arrow")

    def sql(q):
        return lambda: con.sql(q).fetchall()

    out["DuckDB: s2_cellfromlonlat(lon, lat)"] = sql(
        "SELECT max(s2_cellfromlonlat(lon, lat)) FROM t")
    out["DuckDB: S2_CELLIDFROMPOINT(lon, lat)"] = sql(
        "SELECT max(S2_CELLIDFROMPOINT(lon, lat)) FROM t")
    out["DuckDB: s2_cell_token(cell)"] = sql("SELECT max(s2_cell_token(cell)) FROM t")
    out["DuckDB: an Arrow function returning its input"] = sql("SELECT max(noop(lon)) FROM t")
    return out


def spark_rates(n, rounds):
    """Spark local[2]: the column UDF and the mapInArrow pass over ``n``
    points read from memory, as rows/s, best of ``rounds``."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    import s2cells.spark as s2sp

    spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
             .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    pts = spark.range(n).select(
        F.degrees(F.asin(F.rand(1) * 2 - 1)).alias("lat"), (F.rand(2) * 360 - 180).alias("lng")
    ).cache()
    pts.count()
    jobs = {
        "Spark local[2]: s2sp.cell_id (arrow_udf)":
            lambda: pts.select(F.max(s2sp.cell_id("lat", "lng"))).collect(),
        "Spark local[2]: s2sp.add_cell_ids (mapInArrow)":
            lambda: s2sp.add_cell_ids(pts, "lat", "lng", leaf=30).agg(F.max("leaf")).collect(),
        "Spark local[2]: max(lat + lng), no Python":
            lambda: pts.select(F.max(F.col("lat") + F.col("lng"))).collect(),
    }
    for fn in jobs.values():  # warm-up: workers, code generation
        fn()
    best = {k: min(timed(fn) for _ in range(rounds)) for k, fn in jobs.items()}
    spark.stop()
    return {k: (n, *t) for k, t in best.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=4_000_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--spark-points", type=int, default=1_000_000, help="0: no Spark")
    ap.add_argument("--spark-rounds", type=int, default=3)
    args = ap.parse_args()
    n = args.points
    rng = np.random.default_rng(1)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lng = rng.uniform(-180, 180, n)
    load0 = os.getloadavg()

    contenders = local_contenders(lat, lng)
    for fn in contenders.values():  # warm-up
        fn()
    times = {k: (float("inf"), 0.0) for k in contenders}
    for _ in range(args.rounds):
        for k, fn in contenders.items():
            times[k] = min(times[k], timed(fn))
    rows = {k: (n, *t) for k, t in times.items()}
    if args.spark_points:
        rows.update(spark_rates(args.spark_points, args.spark_rounds))
    load1 = os.getloadavg()

    import duckdb
    import polars as pl
    import pyspark

    print(f"CPU: {cpu_name()}, {os.cpu_count()} logical CPUs; load average "
          f"{load0[0]:.1f} at the start, {load1[0]:.1f} at the end")
    print(f"Polars {pl.__version__}, DuckDB {duckdb.__version__}, PySpark {pyspark.__version__}, "
          f"pyarrow {pa.__version__}; {n:,} points (Spark: {args.spark_points:,}), "
          f"best of {args.rounds} interleaved rounds (Spark: {args.spark_rounds})")
    print()
    base = rows["numpy: s2cells.cell_ids (no engine)"]
    print("| what | rows | best wall s | M rows/s | vs numpy cell_ids | CPU ns/row "
          "| M rows per CPU-second |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for k, (m, t, c) in rows.items():
        rate = m / t
        per_cpu = f"{m / c / 1e6:.2f}" if c > 0 else "-"
        print(f"| {k} | {m:,} | {t:.3f} | {rate / 1e6:.2f} | {rate / (base[0] / base[1]):.2f} "
              f"| {c / m * 1e9:.1f} | {per_cpu} |")


if __name__ == "__main__":
    main()
