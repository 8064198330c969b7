"""Which polygon is each point in? A Spark job that joins points to
polygons through S2 cell key ranges, then checks each candidate pair
exactly.

1. Each polygon's covering (Google's region coverer) becomes one row per
   cell with the cell's leaf range ``[lo, hi]`` and its ancestor at the
   bucket level (``s2cells.spark.covering_ranges``).
2. Each point gets its leaf cell and that leaf's ancestor at the same
   level (``s2cells.spark.add_cell_ids``).
3. An equi-join on the ancestor (the bucket) followed by
   ``leaf BETWEEN range_min AND range_max`` finds every (point, polygon)
   pair whose covering holds the point: a superset of the true pairs, since
   a covering contains its polygon. Every covering cell is at the bucket
   level or finer, so its range lies inside one bucket.
4. The candidates are checked with an exact point-in-polygon test
   (shapely, ``intersects``: a point on a border belongs to both sides),
   on the polygons as ``shapely.make_valid`` repairs them (the coverings
   take the rings as given, ``lenient=True``, and hold the repaired
   polygon too).

Polygons are GeoJSON with straight edges in lon/lat, as Natural Earth and
census boundaries are drawn, so the coverings use ``planar_edges=True`` and
the exact test is planar, both the same edges.

On this machine (``local[2]``), with the Natural Earth countries of the npm
package world-atlas (``bash tools/data/fetch-real-data.sh`` writes them to
``target/real-data/``) and a million random points it writes first::

    python3 examples/spark_points_in_countries.py --make-points 1000000 \\
        --points /tmp/points.parquet \\
        --polygons target/real-data/world-countries-50m.geojson \\
        --out /tmp/points-in-countries.parquet

On a cluster, the same job with two things changed, the master URL and the
data paths (which every executor must read: HDFS, S3, a shared disk)::

    python3 examples/spark_points_in_countries.py --master spark://head:7077 \\
        --points s3a://bucket/points/ \\
        --polygons s3a://bucket/world-countries-50m.geojson \\
        --out s3a://bucket/points-in-countries/

(``spark-submit --master ... examples/spark_points_in_countries.py ...``
works the same way.) Nothing in the job assumes one machine: points are
read, indexed and joined in partitions, coverings are computed by the
executors, the join shuffles on the bucket, and the exact test runs next to
the data with the polygons broadcast. Every node needs the Python packages
the executors import (``pip install ./python shapely`` on each, or a
packed environment: Spark's documentation, "Python Package Management").
Points are Parquet with columns ``id`` (long), ``lat`` and ``lng``
(double, degrees); the output is Parquet ``(id, poly_id)``.
"""

import argparse
import json

import numpy as np
import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

import s2cells.spark as s2sp

# Covering options: finer levels and more cells make fewer false
# candidates and more rows on the polygon side.
BUCKET_LEVEL = 6  # about 150 km: a few hundred covering cells per bucket at most
MAX_LEVEL = 14  # about 600 m
MAX_CELLS = 128


def read_polygons(spark, path):
    """A GeoJSON FeatureCollection (any path Spark reads) as a DataFrame
    ``(poly_id, name, geometry)``, geometry as GeoJSON text; features
    without a geometry are left out."""
    text = spark.read.text(path, wholetext=True).first()[0]
    rows = []
    for i, f in enumerate(json.loads(text)["features"]):
        if f.get("geometry") is None:
            continue
        name = (f.get("properties") or {}).get("name")
        rows.append((i, name, json.dumps(f["geometry"])))
    return spark.createDataFrame(rows, "poly_id int, name string, geometry string")


def make_points(spark, path, n, seed=1):
    """Writes ``n`` points spread evenly over the sphere to Parquet."""
    pts = spark.range(n).select(
        F.col("id"),
        F.degrees(F.asin(F.rand(seed) * 2 - 1)).alias("lat"),
        (F.rand(seed + 1) * 360 - 180).alias("lng"),
    )
    pts.write.mode("overwrite").parquet(path)


def polygon_cells(polygons, bucket_level=BUCKET_LEVEL, max_level=MAX_LEVEL, max_cells=MAX_CELLS):
    """One row per covering cell: ``(poly_id, bucket, lo, hi)``, the cell's
    ancestor at ``bucket_level`` and its leaf range."""
    cells = s2sp.covering_ranges(
        polygons.select("poly_id", "geometry"), "geometry", bucket_level, lo="lo", hi="hi",
        max_level=max_level, max_cells=max_cells, planar_edges=True, lenient=True,
    )
    return cells.select("poly_id", "bucket", "lo", "hi")


def candidates(points, cells, bucket_level=BUCKET_LEVEL):
    """``(id, lat, lng, poly_id)`` for every point whose leaf lies in a
    cell of the polygon's covering."""
    pts = s2sp.add_cell_ids(points.select("id", "lat", "lng"), "lat", "lng", leaf=30,
                            bucket=bucket_level)
    # The polygon side is small (tens of thousands of cells here): it goes
    # to every executor and the points stay where they are. With millions
    # of polygons, drop the hint and Spark shuffles both sides on bucket.
    joined = pts.join(F.broadcast(cells), "bucket").where(
        F.col("leaf").between(F.col("lo"), F.col("hi"))
    )
    # The cells of one covering never nest, so a pair comes out once.
    return joined.select("id", "lat", "lng", "poly_id")


def refine(spark, pairs, polygons):
    """The candidate pairs whose point is in (or on) the polygon: the
    exact test, planar, with the polygons broadcast to the executors."""
    shapes = {r.poly_id: r.geometry for r in polygons.select("poly_id", "geometry").collect()}
    shared = spark.sparkContext.broadcast(shapes)

    def check(batches):
        import shapely

        prepared = {}
        for b in batches:
            pid = b.column("poly_id").to_numpy()
            lat = b.column("lat").to_numpy()
            lng = b.column("lng").to_numpy()
            keep = np.zeros(len(pid), bool)
            for p in np.unique(pid):
                if p not in prepared:
                    # Published boundaries hold rings that cross themselves
                    # (Antarctica, Russia and Fiji here), where GEOS's
                    # predicates are undefined: repaired first.
                    g = shapely.make_valid(shapely.from_geojson(shared.value[int(p)]))
                    shapely.prepare(g)
                    prepared[p] = g
                m = pid == p
                keep[m] = shapely.intersects_xy(prepared[p], lng[m], lat[m])
            yield b.filter(pa.array(keep)).select(["id", "poly_id"])

    return pairs.mapInArrow(check, "id long, poly_id int")


def run(spark, points_path, polygons_path, out_path=None, *, bucket_level=BUCKET_LEVEL,
        max_level=MAX_LEVEL, max_cells=MAX_CELLS):
    """The whole job: returns ``(candidates, matches)`` DataFrames and
    writes the matches to ``out_path`` when given."""
    points = spark.read.parquet(points_path)
    polygons = read_polygons(spark, polygons_path).cache()
    cells = polygon_cells(polygons, bucket_level, max_level, max_cells)
    pairs = candidates(points, cells, bucket_level).cache()
    matches = refine(spark, pairs, polygons)
    if out_path is not None:
        matches.write.mode("overwrite").parquet(out_path)
    return pairs, matches


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--master", default="local[2]", help="Spark master URL (default: local[2])")
    ap.add_argument("--points", required=True, help="Parquet of id, lat, lng")
    ap.add_argument("--polygons", required=True, help="GeoJSON FeatureCollection")
    ap.add_argument("--out", required=True, help="where the (id, poly_id) Parquet goes")
    ap.add_argument("--make-points", type=int, metavar="N",
                    help="first write N random points to --points")
    args = ap.parse_args()
    spark = SparkSession.builder.master(args.master).appName("s2cells points in polygons")
    spark = spark.getOrCreate()
    if args.make_points:
        make_points(spark, args.points, args.make_points)
    pairs, _ = run(spark, args.points, args.polygons, args.out)
    found = spark.read.parquet(args.out)
    print(f"{pairs.count()} candidate pairs, {found.count()} points in polygons "
          f"({found.select('id').distinct().count()} distinct points)")
    spark.stop()


if __name__ == "__main__":
    main()
