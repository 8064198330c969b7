"""S2 cells in PySpark: Arrow UDFs (``pyspark.sql.functions.arrow_udf``)
that run the package's Rust kernels on each Arrow batch Spark hands its
Python workers, as DataFrame column functions and as SQL functions.

>>> from pyspark.sql import SparkSession                      # doctest: +SKIP
>>> import s2cells.spark as s2sp                               # doctest: +SKIP
>>> spark = SparkSession.builder.master("local[2]").getOrCreate()  # doctest: +SKIP
>>> df = spark.createDataFrame([(-30.0438, -51.14022)], "lat double, lng double")  # doctest: +SKIP
>>> df.select(s2sp.to_token(s2sp.cell_id("lat", "lng", level=15))).first()[0]  # doctest: +SKIP
'951977d34'

Column functions take column names or Columns, coordinates ``(lat, lng)``
in degrees as everywhere in the Python API: ``cell_id``, ``from_token``,
``covering``, ``parent``, ``level``, ``to_token``, ``children``,
``child``, ``edge_neighbors``, ``contains``, ``range_min``, ``range_max``,
``center``, ``boundary``, ``area``. ``register(spark)`` adds the SQL
functions of :mod:`s2cells.duckdb` under the same names (BigQuery's
``S2_CELLIDFROMPOINT(lon, lat, level => 15)``, ``S2_COVERINGCELLIDS``,
``s2_cell_parent``, ...), which take ``(lon, lat)`` as SQL does.

Spark has no unsigned 64-bit type: a cell is a ``bigint`` (LongType) in the
signed form, bit for bit BigQuery's INT64 (``s2cells.from_signed`` gives
the uint64 id back). A cell's leaf range, ``range_min`` to ``range_max``,
stays in order in that form, so ``leaf BETWEEN range_min AND range_max``
joins points to cells.

Every executor runs the UDFs in its own Python: install ``s2cells`` (and
pyarrow) wherever Spark runs Python workers. A bad value fails the task
with an error that names it (``errors="null"``: null instead); nulls give
nulls.
"""

import ast
import inspect

import numpy as np
import pyarrow as pa
from pyspark.sql import Column
from pyspark.sql import functions as F

import s2cells

from ._sql import FUNCTIONS, batch_error, signed

_CELL = "bigint"
_CELLS = "array<bigint>"


def _col(x):
    return F.col(x) if isinstance(x, str) else x


def _spark_array(a, rtype):
    """A kernel's Arrow result as Spark's type wants it."""
    if isinstance(a, pa.ChunkedArray):
        a = a.combine_chunks()
    if rtype in (_CELL, _CELLS) and (pa.types.is_uint64(a.type) or pa.types.is_list(a.type)
                                     or pa.types.is_large_list(a.type)):
        a = signed(a)
        if pa.types.is_large_list(a.type):
            a = a.cast(pa.list_(pa.int64()))
    elif pa.types.is_large_string(a.type):
        a = a.cast(pa.string())
    elif pa.types.is_large_binary(a.type):
        a = a.cast(pa.binary())
    return a


def _udf(fn, rtype, what, nargs):
    """An Arrow UDF of ``nargs`` columns running ``fn`` on each batch."""

    def call(*arrays):
        try:
            return _spark_array(fn(*arrays), rtype)
        except (ValueError, TypeError) as e:
            raise batch_error(e, f"Spark {what}") from None

    if nargs == 1:

        def run(a: pa.Array) -> pa.Array:
            return call(a)
    else:

        def run(a: pa.Array, b: pa.Array) -> pa.Array:
            return call(a, b)

    run.__name__ = what
    return F.arrow_udf(run, rtype)


def _apply(fn, rtype, what, *cols):
    return _udf(fn, rtype, what, len(cols))(*(_col(c) for c in cols)).alias(what)


# ---- column functions -------------------------------------------------------


def cell_id(lat, lng, level=30, *, errors="raise") -> Column:
    """The cell (bigint, signed form) containing each (lat, lng) point in
    degrees at ``level`` (30: the leaf)."""
    level = int(level)
    return _apply(lambda a, b: s2cells.cell_ids(a, b, level, errors=errors), _CELL, "cell_id",
                  lat, lng)


def from_token(tokens, *, errors="raise") -> Column:
    """Cells (bigint, signed form) from tokens such as ``"951977d34"``."""
    return _apply(lambda t: s2cells.from_tokens(t, errors=errors), _CELL, "from_token", tokens)


def covering(geometries, min_level=0, max_level=30, max_cells=8, level_mod=1, interior=False,
             *, level=None, strict_orientation=False, planar_edges=False, lenient=False,
             errors="raise") -> Column:
    """The covering of each geometry (GeoJSON or WKT strings, or WKB
    binary; x = longitude) as ``array<bigint>`` (signed form): Google's
    ``S2RegionCoverer``, options as :func:`s2cells.covering`."""

    def run(g):
        return s2cells.coverings(g, min_level, max_level, max_cells, level_mod, interior,
                                 level=level, strict_orientation=strict_orientation,
                                 planar_edges=planar_edges, lenient=lenient, errors=errors)

    return _apply(run, _CELLS, "covering", geometries)


def parent(cells, level=-1, *, errors="raise") -> Column:
    """Each cell's ancestor at ``level``; negative: that many levels up."""
    level = int(level)
    return _apply(lambda c: s2cells.parents(c, level, errors=errors), _CELL, "parent", cells)


def level(cells, *, errors="raise") -> Column:
    """Each cell's level, 0 to 30 (tinyint)."""
    return _apply(lambda c: s2cells.levels(c, errors=errors), "tinyint", "level", cells)


def to_token(cells, *, errors="raise") -> Column:
    """Each cell's token: the hex id, trailing zeros dropped."""
    return _apply(lambda c: s2cells.to_tokens(c, errors=errors), "string", "token", cells)


def children(cells, level=None, *, errors="raise") -> Column:
    """Each cell's descendants at ``level`` (default: one level down)."""
    return _apply(lambda c: s2cells.children(c, level, errors=errors), _CELLS, "children", cells)


def child(cells, index, *, errors="raise") -> Column:
    """Each cell's child number ``index`` (0-3) in curve order."""
    if not 0 <= int(index) <= 3:
        raise ValueError(f"child: index {index}: expected 0..3")
    return F.element_at(children(cells, errors=errors), int(index) + 1).alias("child")


def edge_neighbors(cells, *, errors="raise") -> Column:
    """The four cells across each cell's edges (down, right, up, left)."""
    return _apply(lambda c: s2cells.edge_neighbors(c, errors=errors), _CELLS, "edge_neighbors",
                  cells)


def contains(a, b, *, errors="raise") -> Column:
    """Whether cell ``a`` contains cell ``b`` (a cell contains itself)."""
    return _apply(lambda x, y: s2cells.contains(x, y, errors=errors), "boolean", "contains", a, b)


def range_min(cells, *, errors="raise") -> Column:
    """Each cell's first leaf: a leaf lies in the cell exactly when it is
    between ``range_min`` and ``range_max`` (also in the signed form)."""
    return _apply(lambda c: s2cells.leaf_ranges(c, errors=errors)[0], _CELL, "range_min", cells)


def range_max(cells, *, errors="raise") -> Column:
    """Each cell's last leaf."""
    return _apply(lambda c: s2cells.leaf_ranges(c, errors=errors)[1], _CELL, "range_max", cells)


def center(cells, *, errors="raise") -> Column:
    """Each cell's center as ``struct<lat: double, lng: double>``."""

    def run(c):
        lat, lng = s2cells.centers(c, errors=errors)
        mask = lat.is_null() if lat.null_count else None
        return pa.StructArray.from_arrays([lat, lng], names=["lat", "lng"], mask=mask)

    return _apply(run, "struct<lat:double,lng:double>", "center", cells)


def boundary(cells, format="wkb", *, errors="raise") -> Column:
    """Each cell's outline: WKB (binary), or ``"geojson"`` / ``"wkt"``
    (string); x = longitude, split at ±180°."""
    rtype = "binary" if format == "wkb" else "string"
    return _apply(lambda c: s2cells.cell_boundaries(c, format, errors=errors), rtype, "boundary",
                  cells)


def area(cells, unit="m2", *, exact=True, errors="raise") -> Column:
    """Each cell's area in ``unit`` ("m2", "km2" or "sr")."""
    return _apply(lambda c: s2cells.areas(c, unit, exact=exact, errors=errors), "double", "area",
                  cells)


# ---- whole DataFrames (mapInArrow) ------------------------------------------
#
# Spark evaluates a Python UDF twice when a filter on its result is pushed
# below the projection that computes it, as the filters an inner join infers
# (isnotnull(key)) are. mapInArrow is opaque to the optimizer, so these run
# once per row, and make several columns in one pass.


def add_cell_ids(df, lat, lng, *, errors="raise", **levels):
    """``df`` with one bigint column (signed form) per keyword: the cell
    of the ``lat``, ``lng`` columns (names, degrees) at that level, in one
    pass over each Arrow batch:
    ``add_cell_ids(points, "lat", "lng", leaf=30, bucket=6)``."""
    from pyspark.sql.types import LongType, StructField, StructType

    if not levels:
        raise ValueError("add_cell_ids: name at least one column, e.g. leaf=30")
    names = list(levels)
    lvls = [int(levels[n]) for n in names]
    schema = StructType(df.schema.fields + [StructField(n, LongType(), True) for n in names])

    def run(batches):
        for b in batches:
            y, x = b.column(lat), b.column(lng)
            try:
                cols = [signed(s2cells.cell_ids(y, x, lv, errors=errors)) for lv in lvls]
            except (ValueError, TypeError) as e:
                raise batch_error(e, "Spark add_cell_ids") from None
            yield pa.RecordBatch.from_arrays(b.columns + cols, names=b.schema.names + names)

    return df.mapInArrow(run, schema)


def covering_ranges(df, geometry, bucket_level, *, cell="cell", bucket="bucket", lo="range_min",
                    hi="range_max", min_level=None, max_level=30, max_cells=8, level_mod=1,
                    interior=False, strict_orientation=False, planar_edges=False, lenient=False,
                    errors="raise"):
    """One row per cell of each row's covering: ``df``'s other columns,
    the ``cell``, its ancestor at ``bucket_level`` (``bucket``) and its
    leaf range ``[lo, hi]`` (all bigint, signed form). The covering's
    cells are at ``bucket_level`` or finer (``min_level`` defaults to it),
    so each range lies inside its bucket: points with the same bucket join,
    then ``leaf BETWEEN lo AND hi`` keeps the pairs whose leaf is in the
    covering. ``geometry`` names a column of GeoJSON or WKT strings or WKB;
    a null geometry has no rows. Options as :func:`s2cells.covering`."""
    from pyspark.sql.types import LongType, StructField, StructType

    k = int(bucket_level)
    lo_level = k if min_level is None else int(min_level)
    if lo_level < k:
        raise ValueError(f"covering_ranges: min_level={lo_level} is below bucket_level={k}: a "
                         "cell coarser than its bucket would not fit in it")
    keep = [f for f in df.schema.fields if f.name != geometry]
    names = [cell, bucket, lo, hi]
    schema = StructType(keep + [StructField(n, LongType(), True) for n in names])
    kept = [f.name for f in keep]

    def run(batches):
        for b in batches:
            try:
                lists = s2cells.coverings(b.column(geometry), lo_level, max_level, max_cells,
                                          level_mod, interior,
                                          strict_orientation=strict_orientation,
                                          planar_edges=planar_edges, lenient=lenient,
                                          errors=errors)
            except (ValueError, TypeError) as e:
                raise batch_error(e, "Spark covering_ranges") from None
            if isinstance(lists, pa.ChunkedArray):
                lists = lists.combine_chunks()
            counts = np.asarray(lists.value_lengths().fill_null(0))
            rows = pa.array(np.repeat(np.arange(len(counts)), counts))
            cells = lists.flatten()
            first, last = s2cells.leaf_ranges(cells)
            cols = [b.column(n).take(rows) for n in kept]
            cols += [signed(cells), signed(s2cells.parents(cells, k)), signed(first),
                     signed(last)]
            yield pa.RecordBatch.from_arrays(cols, names=kept + names)

    return df.select(*kept, geometry).mapInArrow(run, schema)


# ---- SQL ----------------------------------------------------------------------

_SQL_TYPES = {
    "DOUBLE": "double",
    "TINYINT": "tinyint",
    "BIGINT": _CELL,
    "UBIGINT": _CELL,
    "BIGINT[]": _CELLS,
    "UBIGINT[]": _CELLS,
    "VARCHAR": "string",
    "BLOB": "binary",
    "BOOLEAN": "boolean",
    "STRUCT(lon DOUBLE, lat DOUBLE)": "struct<lon:double,lat:double>",
}


def _literal(text):
    """A SQL default (``30``, ``-1``, ``false``) as a Python value."""
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    return ast.literal_eval(text)


def _sql_udf(f):
    """The Arrow UDF of one SQL function: its parameters (with their
    defaults, which Spark SQL honours, and names for ``level => 15``)."""
    rtype = _SQL_TYPES[f.returns]
    params = [
        inspect.Parameter(
            p.name,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=inspect.Parameter.empty if p.default is None else _literal(p.default),
            annotation=pa.Array,
        )
        for p in f.params
    ]
    sig = inspect.Signature(params, return_annotation=pa.Array)

    def run(*args, **kwargs):
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        try:
            return _spark_array(f.impl(*bound.args), rtype)
        except (ValueError, TypeError) as e:
            raise batch_error(e, f"Spark {f.name}") from None

    run.__signature__ = sig
    run.__name__ = f.name
    return F.arrow_udf(run, rtype)


def register(spark):
    """Registers the SQL functions (the names, parameters and defaults of
    :mod:`s2cells.duckdb`; cells are ``bigint`` in the signed form) on the
    Spark session and returns it.

    >>> register(spark).sql("SELECT s2_cell_token(S2_CELLIDFROMPOINT(-51.14022, -30.0438, level => 15))")  # doctest: +SKIP
    """
    for f in FUNCTIONS:
        spark.udf.register(f.name, _sql_udf(f))
    return spark


__all__ = [
    "add_cell_ids",
    "area",
    "boundary",
    "cell_id",
    "center",
    "child",
    "children",
    "contains",
    "covering",
    "covering_ranges",
    "edge_neighbors",
    "from_token",
    "level",
    "parent",
    "range_max",
    "range_min",
    "register",
    "to_token",
]
