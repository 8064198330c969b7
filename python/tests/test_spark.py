"""s2cells.spark against a real Spark session (local[2], Java 17): the
column functions, the SQL functions, the whole-DataFrame passes, and the
job of examples/spark_points_in_countries.py on a million points and the
241 Natural Earth countries of world-atlas, checked against a brute-force
point-in-polygon test.

Without Java or without the real data (``bash
tools/data/fetch-real-data.sh``, or ``S2CELLS_REAL_DATA``) these tests skip
with the reason, as the Rust tests do (CONTRIBUTING.md, "The skip
convention"); with ``S2CELLS_NO_SKIP`` set (CI) they fail instead."""

import importlib
import json
import os
import shutil
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import s2cells
from engine_cases import REPO, cells, countries, points, run_readme_example

EXAMPLE = os.path.join(REPO, "examples", "spark_points_in_countries.py")


def missing(why):
    """A service, tool or file this test needs is missing: fail under
    S2CELLS_NO_SKIP (CI), else skip saying what to install or run."""
    if os.environ.get("S2CELLS_NO_SKIP"):
        pytest.fail(why + " (S2CELLS_NO_SKIP is set, so this fails)", pytrace=False)
    pytest.skip(why)


def real_data(name):
    d = os.environ.get("S2CELLS_REAL_DATA") or os.path.join(REPO, "target", "real-data")
    path = os.path.join(d, name)
    if not os.path.exists(path):
        missing(f"{path} is missing: run `bash tools/data/fetch-real-data.sh` (node and npm "
                "fetch world-atlas and us-atlas) or point S2CELLS_REAL_DATA at a copy")
    return path


@pytest.fixture(scope="module")
def spark():
    home = os.environ.get("JAVA_HOME")
    java = os.path.join(home, "bin", "java") if home else shutil.which("java")
    if not java or not os.path.exists(java):
        missing("the Spark tests need a Java 17 runtime (Debian: apt-get install "
                "openjdk-17-jdk-headless) on PATH or in JAVA_HOME")
    from pyspark.sql import SparkSession

    # The workers must import the s2cells this interpreter imports.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (SparkSession.builder.master("local[2]").appName("s2cells tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.execution.arrow.pyspark.enabled", "true")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def s2sp():
    import s2cells.spark

    return s2cells.spark


@pytest.fixture(scope="module")
def frame(spark):
    lat, lng = points(n=20_000)
    n = len(lat)
    null = np.arange(n) % 97 == 5
    ids = cells(lat, lng)
    table = pa.table({
        "i": np.arange(n),
        "lat": pa.array(lat, mask=null),
        "lng": pa.array(lng),
        "cell": pa.array(s2cells.to_signed(ids)),
    })
    df = spark.createDataFrame(table.to_pandas(), "i long, lat double, lng double, cell long")
    return df.repartition(3), lat, lng, null, ids


def arrow(df):
    return df.toArrow()


def test_column_functions(frame, s2sp):
    df, lat, lng, null, ids = frame
    out = arrow(df.select(
        "i",
        s2sp.cell_id("lat", "lng").alias("leaf"),
        s2sp.cell_id("lat", "lng", level=11).alias("l11"),
        s2sp.to_token("cell").alias("token"),
        s2sp.level("cell").alias("level"),
        s2sp.parent("cell", 0).alias("face"),
        s2sp.parent("cell", errors="null").alias("up1"),
        s2sp.range_min("cell").alias("lo"),
        s2sp.range_max("cell").alias("hi"),
        s2sp.center("cell").alias("center"),
        s2sp.area("cell").alias("area"),
        s2sp.boundary("cell", "wkt").alias("wkt"),
        s2sp.edge_neighbors("cell").alias("nb"),
        s2sp.contains(s2sp.parent("cell", 0), "cell").alias("inside"),
        s2sp.from_token(s2sp.to_token("cell")).alias("round_trip"),
    ).orderBy("i")).to_pydict()
    ok = ~null
    assert out["leaf"] == [None if null[k] else v for k, v in
                           enumerate(s2cells.to_signed(s2cells.cell_ids(np.where(ok, lat, 0), lng)).tolist())]
    assert [v for v in out["l11"] if v is not None] == s2cells.to_signed(
        s2cells.cell_ids(lat[ok], lng[ok], 11)).tolist()
    signed = s2cells.to_signed(ids)
    assert out["token"] == s2cells.to_tokens(ids).tolist()
    assert out["level"] == s2cells.levels(ids).tolist()
    assert out["face"] == s2cells.to_signed(s2cells.parents(ids, 0)).tolist()
    faces = s2cells.levels(ids) == 0  # no parent: null with errors="null"
    assert [v is None for v in out["up1"]] == faces.tolist()
    assert [v for v in out["up1"] if v is not None] == s2cells.to_signed(
        s2cells.parents(ids[~faces], -1)).tolist()
    lo, hi = s2cells.leaf_ranges(ids)
    assert out["lo"] == s2cells.to_signed(lo).tolist() and out["hi"] == s2cells.to_signed(hi).tolist()
    # The leaf range stays in order in the signed form: a BETWEEN works.
    assert all(a <= c <= b for a, c, b in zip(out["lo"], signed.tolist(), out["hi"]))
    clat, clng = s2cells.centers(ids)
    assert out["center"] == [{"lat": a, "lng": b} for a, b in zip(clat.tolist(), clng.tolist())]
    assert out["area"] == s2cells.areas(ids).tolist()
    assert out["wkt"] == s2cells.cell_boundaries(ids, "wkt").tolist()
    assert out["nb"] == s2cells.to_signed(s2cells.edge_neighbors(ids).ravel()).reshape(-1, 4).tolist()
    assert set(out["inside"]) == {True}
    assert out["round_trip"] == signed.tolist()


def test_sql_functions(spark, frame, s2sp):
    df, lat, lng, null, ids = frame
    s2sp.register(spark)
    df.createOrReplaceTempView("t")
    out = arrow(spark.sql("""
        SELECT i,
               S2_CELLIDFROMPOINT(lng, lat) AS leaf,
               S2_CELLIDFROMPOINT(lng, lat, level => 9) AS l9,
               s2_cell_token(s2_cellfromlonlat(lng, lat, 14)) AS t14,
               s2_cell_parent(cell, 0) AS face,
               s2_cell_level(cell) AS level,
               s2_cell_to_signed(cell) AS same,
               s2_cell_range_min(cell) AS lo,
               s2_cell_center(cell) AS center,
               s2_cell_edge_neighbor(cell, 2) AS up
        FROM t ORDER BY i""")).to_pydict()
    ok = ~null
    assert [v for v in out["leaf"] if v is not None] == s2cells.to_signed(
        s2cells.cell_ids(lat[ok], lng[ok])).tolist()
    assert [v for v in out["l9"] if v is not None] == s2cells.to_signed(
        s2cells.cell_ids(lat[ok], lng[ok], 9)).tolist()
    assert [v for v in out["t14"] if v is not None] == s2cells.to_tokens(
        s2cells.cell_ids(lat[ok], lng[ok], 14)).tolist()
    assert out["face"] == s2cells.to_signed(s2cells.parents(ids, 0)).tolist()
    assert out["level"] == s2cells.levels(ids).tolist()
    assert out["same"] == s2cells.to_signed(ids).tolist()
    assert out["lo"] == s2cells.to_signed(s2cells.leaf_ranges(ids)[0]).tolist()
    clat, clng = s2cells.centers(ids)
    assert out["center"] == [{"lon": b, "lat": a} for a, b in zip(clat.tolist(), clng.tolist())]
    assert out["up"] == s2cells.to_signed(s2cells.edge_neighbors(ids)[:, 2]).tolist()
    sq = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"
    got = spark.sql(f"SELECT S2_COVERINGCELLIDS('{sq}', max_level => 9, max_cells => 12) AS c, "
                    f"s2_covering('{sq}', 3, 9, 12) AS u").first()
    want = s2cells.covering(sq, max_level=9, max_cells=12)
    assert got["c"] == s2cells.to_signed(want).tolist()
    assert got["u"] == s2cells.to_signed(s2cells.covering(sq, 3, 9, 12)).tolist()


def test_whole_frame_passes(spark, s2sp):
    named = countries()
    df = spark.createDataFrame([(k, json.dumps(g)) for k, (_, g) in enumerate(named)],
                               "k int, g string")
    ranges = arrow(s2sp.covering_ranges(df, "g", 4, max_level=10, max_cells=30, lenient=True)
                   .orderBy("k", "cell")).to_pydict()
    # Ordered as Spark orders bigint: the signed form (faces 4, 5 first).
    cov = [c[np.argsort(s2cells.to_signed(c))]
           for c in (s2cells.covering(g, 4, 10, 30, lenient=True) for _, g in named)]
    want_cells = np.concatenate(cov)
    assert ranges["k"] == [k for k, c in enumerate(cov) for _ in c]
    assert ranges["cell"] == s2cells.to_signed(want_cells).tolist()
    assert ranges["bucket"] == s2cells.to_signed(s2cells.parents(want_cells, 4)).tolist()
    lo, hi = s2cells.leaf_ranges(want_cells)
    assert ranges["range_min"] == s2cells.to_signed(lo).tolist()
    assert ranges["range_max"] == s2cells.to_signed(hi).tolist()
    assert "g" not in ranges
    with pytest.raises(ValueError, match="below bucket_level"):
        s2sp.covering_ranges(df, "g", 6, min_level=5)
    # The column function, as a covering and as the CLI's centroid cells.
    got = arrow(df.select("k", s2sp.covering("g", 4, 10, 30, lenient=True).alias("c"),
                          s2sp.covering("g", level=5, mode="centroid", lenient=True).alias("z"))
                .orderBy("k")).to_pydict()
    assert got["c"] == [s2cells.to_signed(s2cells.covering(g, 4, 10, 30, lenient=True)).tolist()
                        for _, g in named]
    assert got["z"] == [s2cells.to_signed(s2cells.covering(g, level=5, mode="centroid",
                                                            lenient=True)).tolist() for _, g in named]

    lat, lng = points(n=5000)
    pts = spark.createDataFrame(pa.table({"lat": lat, "lng": lng}).to_pandas())
    got = arrow(s2sp.add_cell_ids(pts, "lat", "lng", leaf=30, coarse=3)).to_pydict()
    assert got["lat"] == lat.tolist()
    assert got["leaf"] == s2cells.to_signed(s2cells.cell_ids(lat, lng)).tolist()
    assert got["coarse"] == s2cells.to_signed(s2cells.cell_ids(lat, lng, 3)).tolist()


def test_errors_name_the_bad_value(spark, s2sp):
    bad = spark.createDataFrame([(10.0, 0.0), (91.0, 0.0)], "lat double, lng double")
    with pytest.raises(Exception, match=r"s2cells \(Spark cell_id\).*invalid lat/lng \(91, 0\)"):
        bad.select(s2sp.cell_id("lat", "lng")).collect()
    nulls = bad.select(s2sp.cell_id("lat", "lng", errors="null").alias("c")).collect()
    assert [r.c for r in nulls] == [s2cells.to_signed(s2cells.cell_ids(10.0, 0.0)), None]
    s2sp.register(spark)
    with pytest.raises(Exception, match="invalid cell token"):
        spark.sql("SELECT s2_cell_from_token('zz')").collect()


# ---- a million points in the countries of the world ---------------------------

N_POINTS = 1_000_000
N_EDGE = 100_000  # points on the borders: vertices and edge midpoints
N_SAMPLE = 50_000  # random points checked by brute force, besides the border ones


def border_points(shapes, rng):
    """Every vertex and every (planar) edge midpoint of the polygons,
    ``N_EDGE`` of them drawn at random: the points a covering is most
    likely to miss."""
    import shapely

    xy = []
    for g in shapes:
        for ring in shapely.get_rings(shapely.get_parts(g)):
            c = shapely.get_coordinates(ring)
            xy += [c, (c[:-1] + c[1:]) / 2]
    xy = np.concatenate(xy)
    return xy[rng.choice(len(xy), N_EDGE, replace=False)]


def test_points_in_countries_through_key_ranges(spark, tmp_path):
    import shapely

    polygons_path = real_data("world-countries-50m.geojson")
    with open(polygons_path) as f:
        features = json.load(f)["features"]
    shapes = [shapely.geometry.shape(ft["geometry"]) for ft in features]
    assert len(shapes) == 241

    # Border points first (ids below N_EDGE), then random points over the
    # sphere; ids below N_EDGE + N_SAMPLE are checked by brute force.
    rng = np.random.default_rng(20261207)
    edge = border_points(shapes, rng)
    n_random = N_POINTS - N_EDGE
    lat = np.concatenate([edge[:, 1], np.degrees(np.arcsin(rng.uniform(-1, 1, n_random)))])
    lng = np.concatenate([edge[:, 0], rng.uniform(-180, 180, n_random)])
    points_path = str(tmp_path / "points.parquet")
    pq.write_table(pa.table({"id": np.arange(N_POINTS), "lat": lat, "lng": lng}), points_path,
                   row_group_size=N_POINTS // 4)

    spark.sparkContext.addPyFile(EXAMPLE)  # the executors import the job's module
    sys.path.insert(0, os.path.dirname(EXAMPLE))
    try:
        job = importlib.import_module("spark_points_in_countries")
    finally:
        sys.path.pop(0)
    out_path = str(tmp_path / "matches.parquet")
    pairs, _ = job.run(spark, points_path, polygons_path, out_path)

    from pyspark.sql import functions as F

    checked = N_EDGE + N_SAMPLE
    cand = arrow(pairs.where(F.col("id") < checked).select("id", "poly_id")).to_pydict()
    cand = list(zip(cand["id"], cand["poly_id"]))
    assert len(cand) == len(set(cand)), "a (point, polygon) pair came out twice"
    matches = pq.read_table(out_path).to_pydict()
    found = list(zip(matches["id"], matches["poly_id"]))
    assert len(found) == len(set(found))

    # Brute force: every polygon each checked point intersects (a point on
    # a shared border is in both countries), planar as the job's edges, on
    # the polygons repaired as the job repairs them (three of the published
    # ones have rings that cross themselves).
    tree = shapely.STRtree([shapely.make_valid(g) for g in shapes])
    pi, gi = tree.query(shapely.points(lng[:checked], lat[:checked]), predicate="intersects")
    truth = set(zip(pi.tolist(), gi.tolist()))
    assert len(truth) > N_EDGE  # every border point is in at least one country

    lost = truth - set(cand)
    assert not lost, f"{len(lost)} points lost by the cell join, e.g. {sorted(lost)[:5]}"
    sample = {(i, p) for i, p in found if i < checked}
    assert sample == truth, (len(sample - truth), len(truth - sample))

    # Beyond the sample: the share of random points in a country over the
    # whole million agrees with the brute-force share of the checked ones.
    in_country = np.zeros(N_POINTS, bool)
    in_country[[i for i, _ in found]] = True
    whole = in_country[N_EDGE:].mean()
    sampled = len({i for i, _ in truth if i >= N_EDGE}) / N_SAMPLE
    assert abs(whole - sampled) < 0.01, (whole, sampled)


def test_readme_section(spark):
    run_readme_example("Spark")  # getOrCreate gives it this module's session
