"""The SQL functions the engine adapters register (``s2cells.duckdb``,
``s2cells.spark``): one table of names, parameters, types and
implementations over Arrow batches, so DuckDB and Spark SQL offer the same
functions under the same names with the same answers.

Names: BigQuery's (``S2_CELLIDFROMPOINT``, ``S2_COVERINGCELLIDS``) and
DuckDB geography's cell functions (``s2_cell_parent``, ``s2_cell_token``,
...). Points are ``(lon, lat)``, as in every SQL engine. Types are DuckDB's
names; an engine without ``UBIGINT`` (Spark) stores those cells in the
signed form, bit for bit.
"""

import collections
import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

import s2cells

_ROW = re.compile(r": row \d+: ")


def batch_error(e, engine):
    """``e`` (a ValueError or TypeError from a vectorized function) with
    its row number dropped (engines pass a batch at a time, so the number
    would count from the batch's start, not the table's) and the engine
    named; the message keeps the bad value."""
    msg = _ROW.sub(": ", str(e), count=1)
    return type(e)(f"s2cells ({engine}): {msg}")

SqlFunction = collections.namedtuple("SqlFunction", "name params returns impl doc")
Param = collections.namedtuple("Param", "name type default")

# Every function, in the order registered. Parameters are written "name
# TYPE" or "name TYPE = default" (a default makes the parameter optional
# and nameable: `S2_COVERINGCELLIDS(g, max_cells => 20)`); a parameter
# typed ANY takes what it is given (cells: UBIGINT or BIGINT; geometries:
# VARCHAR or BLOB).
FUNCTIONS = []


def _param(text):
    decl, _, default = text.partition("=")
    name, typ = decl.split()
    return Param(name, typ, default.strip() or None)


def _function(name, params, returns, doc):
    def wrap(fn):
        FUNCTIONS.append(SqlFunction(name, [_param(p) for p in params], returns, fn, doc))
        return fn

    return wrap


# ---- batches --------------------------------------------------------------


def array(x):
    """One Arrow array from what an engine passes (DuckDB: a ChunkedArray)."""
    if isinstance(x, pa.ChunkedArray):
        return x.combine_chunks() if x.num_chunks != 1 else x.chunk(0)
    return x


def cells(x):
    """A batch of cell ids as uint64 or int64 (the signed form)."""
    a = array(x)
    t = a.type
    if pa.types.is_uint64(t) or pa.types.is_int64(t):
        return a
    if pa.types.is_null(t):
        return pa.nulls(len(a), pa.uint64())
    if pa.types.is_integer(t):
        return a.cast(pa.int64())
    if pa.types.is_decimal(t) and t.scale == 0:  # a huge integer literal
        return a.cast(pa.uint64())
    raise TypeError(f"expected cell ids (UBIGINT, or BIGINT in the signed form), got {t}")


def geoms(x):
    a = array(x)
    t = a.type
    if pa.types.is_null(t):
        return pa.nulls(len(a), pa.string())
    if (pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t)
            or pa.types.is_large_binary(t) or pa.types.is_string_view(t)
            or pa.types.is_binary_view(t)):
        return a
    raise TypeError(
        f"expected a geometry as GeoJSON or WKT (VARCHAR) or WKB (BLOB), got {t}"
    )


def signed(a):
    """uint64 ids as int64, bit for bit (list arrays: their values)."""
    if pa.types.is_list(a.type) or pa.types.is_large_list(a.type):
        cls = pa.ListArray if pa.types.is_list(a.type) else pa.LargeListArray
        values = a.values.view(pa.int64())
        return cls.from_arrays(a.offsets, values, mask=a.is_null() if a.null_count else None)
    return a.view(pa.int64())


def ints(x, what, n):
    """An integer argument (a column, or a Python int or None for all
    ``n`` rows) as (int64 values, null mask)."""
    if x is None or isinstance(x, (bool, int, np.integer, np.bool_)):
        vals = np.full(n, 0 if x is None else int(x), np.int64)
        return vals, np.full(n, x is None)
    a = array(x)
    if pa.types.is_null(a.type):
        return np.zeros(len(a), np.int64), np.ones(len(a), bool)
    if pa.types.is_boolean(a.type):
        a = a.cast(pa.int8())
    if not pa.types.is_integer(a.type):
        raise TypeError(f"{what}: expected an integer, got {a.type}")
    null = np.asarray(a.is_null()) if a.null_count else np.zeros(len(a), bool)
    vals = np.asarray(a.fill_null(0).cast(pa.int64()))
    return vals, null


# The `mode` argument of the covering functions (the CLI's `cover --mode`,
# Python's `mode=`), passed to `per_value` as its index here.
MODES = ("covering", "interior", "intersects", "centroid")


def modes(x, n):
    """A ``mode`` argument (a text column, or a str or None for all ``n``
    rows) as an int64 column of indexes into :data:`MODES`, null where it
    is NULL; an unknown mode is a ValueError naming it."""
    if x is None or isinstance(x, str):
        x = pa.array([x] * n, pa.string())
    a = array(x)
    if pa.types.is_null(a.type):
        return pa.nulls(len(a), pa.int64())
    if pa.types.is_dictionary(a.type):
        a = a.dictionary_decode()
    if not (pa.types.is_string(a.type) or pa.types.is_large_string(a.type)
            or pa.types.is_string_view(a.type)):
        raise TypeError(f"mode: expected text ({', '.join(MODES)}), got {a.type}")
    codes = pc.index_in(a.cast(pa.string()), value_set=pa.array(MODES))
    unknown = pc.and_(pc.is_null(codes), pc.is_valid(a))
    if pc.any(unknown).as_py():
        bad = a.filter(unknown)[0].as_py()
        raise ValueError(f"mode {bad!r}: expected one of {', '.join(MODES)}")
    return codes.cast(pa.int64())


def _constant(x):
    """The one value of an integer argument that holds a single non-null
    value in every row (what SQL passes for a literal), else None: the
    common case, checked without copying."""
    if x is None or isinstance(x, (bool, int, np.integer, np.bool_)):
        return None if x is None else int(x)
    a = array(x)
    if a.null_count or not len(a) or not pa.types.is_integer(a.type):
        return None
    v = a.to_numpy(zero_copy_only=True)
    return int(v[0]) if (v == v[0]).all() else None


def per_value(fn, arrays, params, names, out_type):
    """``fn(*arrays, *ints)`` for each distinct combination of the integer
    columns ``params`` (SQL passes a constant as a column of it, so there
    is usually one); rows with a NULL parameter are NULL."""
    n = len(arrays[0])
    if n == 0:
        return pa.array([], out_type)
    consts = [_constant(p) for p in params]
    if all(c is not None for c in consts):
        return fn(*arrays, *consts)
    cols = [ints(p, w, n) for p, w in zip(params, names)]
    vals = np.stack([v for v, _ in cols], axis=1) if cols else np.zeros((n, 0), np.int64)
    null = np.zeros(n, bool)
    for _, m in cols:
        null |= m
    rows = np.flatnonzero(~null)
    parts, order = [], []
    if len(rows):
        keys, inverse = np.unique(vals[rows], axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        for k, key in enumerate(keys):
            idx = rows[inverse == k]
            take = pa.array(idx)
            parts.append(fn(*(a.take(take) for a in arrays), *(int(v) for v in key)))
            order.append(idx)
    nulls = np.flatnonzero(null)
    parts.append(pa.nulls(len(nulls), out_type))
    order.append(nulls)
    combined = pa.concat_arrays([p.cast(out_type) for p in parts])
    perm = np.concatenate(order)
    inv = np.empty(n, np.int64)
    inv[perm] = np.arange(n)
    return combined.take(pa.array(inv))


_U64, _I64 = pa.uint64(), pa.int64()


# ---- BigQuery's names -----------------------------------------------------


@_function(
    "S2_CELLIDFROMPOINT",
    ["lon DOUBLE", "lat DOUBLE", "level BIGINT = 30"],
    "BIGINT",
    "The cell (signed INT64, BigQuery's form) containing the point "
    "(lon, lat) at `level` (30: the leaf). BigQuery takes a GEOGRAPHY "
    "point; here its longitude and latitude.",
)
def _cellidfrompoint(lon, lat, level):
    return per_value(
        lambda x, y, lv: signed(s2cells.cell_ids(y, x, lv)),
        [array(lon), array(lat)],
        [level],
        ["level"],
        _I64,
    )


_SHAPE_OPTS = ["planar_edges BOOLEAN = false", "lenient BOOLEAN = false"]
_SHAPE_DOC = (
    " `planar_edges => true` follows straight lon/lat edges (as flat maps "
    "and most boundary files draw them) instead of great circles; "
    "`lenient => true` covers rings that cross themselves as given instead "
    "of failing."
)


@_function(
    "S2_COVERINGCELLIDS",
    ["geog ANY", "min_level BIGINT = 0", "max_level BIGINT = 30", "max_cells BIGINT = 8",
     "buffer DOUBLE = 0", *_SHAPE_OPTS],
    "BIGINT[]",
    "The cells (signed INT64) covering a geometry (GeoJSON or WKT VARCHAR, "
    "or WKB BLOB): Google's S2RegionCoverer with BigQuery's arguments and "
    "defaults. `buffer` must be 0 (not supported)." + _SHAPE_DOC,
)
def _coveringcellids(geog, min_level, max_level, max_cells, buffer, planar_edges, lenient):
    b = pa.array([buffer]) if buffer is None or isinstance(buffer, (int, float)) else array(buffer)
    if b.null_count < len(b) and np.any(np.asarray(b.fill_null(0)) != 0):
        raise ValueError("S2_COVERINGCELLIDS: buffer is not supported (pass 0 or leave it out)")
    return per_value(
        lambda g, lo, hi, n, pe, le: signed(
            s2cells.coverings(g, lo, hi, n, planar_edges=bool(pe), lenient=bool(le))
        ),
        [geoms(geog)],
        [min_level, max_level, max_cells, planar_edges, lenient],
        ["min_level", "max_level", "max_cells", "planar_edges", "lenient"],
        pa.list_(_I64),
    )


# ---- DuckDB geography's names ---------------------------------------------


@_function(
    "s2_cellfromlonlat",
    ["lon DOUBLE", "lat DOUBLE", "level BIGINT = 30"],
    "UBIGINT",
    "The cell containing the point (lon, lat) at `level` (30: the leaf).",
)
def _cellfromlonlat(lon, lat, level):
    return per_value(
        lambda x, y, lv: s2cells.cell_ids(y, x, lv),
        [array(lon), array(lat)],
        [level],
        ["level"],
        _U64,
    )


@_function("s2_cell_from_token", ["token VARCHAR"], "UBIGINT",
           "The cell a token names ('951977d34').")
def _from_token(token):
    return s2cells.from_tokens(array(token))


@_function("s2_cell_token", ["cell ANY"], "VARCHAR", "The cell's token: its hex id, "
           "trailing zeros dropped.")
def _token(cell):
    return s2cells.to_tokens(cells(cell))


@_function("s2_cell_level", ["cell ANY"], "TINYINT", "The cell's level, 0 to 30.")
def _level(cell):
    return s2cells.levels(cells(cell))


@_function(
    "s2_cell_parent",
    ["cell ANY", "level BIGINT = -1"],
    "UBIGINT",
    "The cell's ancestor at `level`; a negative level goes up that many "
    "levels (-1, the default: the immediate parent). A level below the "
    "cell's is an error.",
)
def _parent(cell, level):
    return per_value(lambda c, lv: s2cells.parents(c, lv), [cells(cell)], [level], ["level"],
                      _U64)


@_function(
    "s2_cell_child",
    ["cell ANY", "index BIGINT"],
    "UBIGINT",
    "The cell's child number `index` (0-3) in curve order.",
)
def _child(cell, index):
    def one(c, k):
        if not 0 <= k <= 3:
            raise ValueError(f"s2_cell_child: index {k}: expected 0..3")
        kids = s2cells.children(c)
        return list_item(kids, k, 4)

    return per_value(one, [cells(cell)], [index], ["index"], _U64)


def list_item(lists, k, width):
    """Item ``k`` of every row of a list array whose rows all hold
    ``width`` items (null rows stay null)."""
    lists = array(lists)
    values = lists.values
    offsets = np.asarray(lists.offsets)[:-1]
    take = offsets + k
    if lists.null_count:
        valid = np.asarray(lists.is_valid())
        take = np.where(valid, take, 0)
        out = values.take(pa.array(take)) if len(values) else pa.nulls(len(lists), values.type)
        return pa.array(np.asarray(out.fill_null(0)), values.type, mask=~valid)
    return values.take(pa.array(take))


@_function(
    "s2_cell_edge_neighbor",
    ["cell ANY", "index BIGINT"],
    "UBIGINT",
    "The cell of the same level across edge `index` (0-3: down, right, "
    "up, left, Google's order).",
)
def _edge_neighbor(cell, index):
    def one(c, k):
        if not 0 <= k <= 3:
            raise ValueError(f"s2_cell_edge_neighbor: index {k}: expected 0..3")
        return list_item(s2cells.edge_neighbors(c), k, 4)

    return per_value(one, [cells(cell)], [index], ["index"], _U64)


@_function("s2_cell_contains", ["cell1 ANY", "cell2 ANY"], "BOOLEAN",
           "Whether cell1 contains cell2 (a cell contains itself).")
def _contains(a, b):
    return s2cells.contains(cells(a), cells(b))


@_function("s2_cell_intersects", ["cell1 ANY", "cell2 ANY"], "BOOLEAN",
           "Whether either cell contains the other.")
def _intersects(a, b):
    import pyarrow.compute as pc

    a, b = cells(a), cells(b)
    return pc.or_(s2cells.contains(a, b), s2cells.contains(b, a))


@_function("s2_cell_range_min", ["cell ANY"], "UBIGINT",
           "The cell's first leaf: a leaf lies in the cell when it is between "
           "s2_cell_range_min and s2_cell_range_max.")
def _range_min(cell):
    return s2cells.leaf_ranges(cells(cell))[0]


@_function("s2_cell_range_max", ["cell ANY"], "UBIGINT", "The cell's last leaf.")
def _range_max(cell):
    return s2cells.leaf_ranges(cells(cell))[1]


@_function("s2_cell_center", ["cell ANY"], "STRUCT(lon DOUBLE, lat DOUBLE)",
           "The cell's center, {lon, lat} in degrees (Google's ToLatLng, to the bit).")
def _center(cell):
    lat, lng = s2cells.centers(cells(cell))
    mask = lat.is_null() if lat.null_count else None
    return pa.StructArray.from_arrays([lng, lat], names=["lon", "lat"], mask=mask)


@_function("s2_cell_boundary", ["cell ANY"], "VARCHAR",
           "The cell's outline as WKT (lon lat), split at ±180°.")
def _boundary(cell):
    return s2cells.cell_boundaries(cells(cell), "wkt")


@_function("s2_cell_boundary_wkb", ["cell ANY"], "BLOB",
           "The cell's outline as WKB (for the spatial extension's ST_GeomFromWKB).")
def _boundary_wkb(cell):
    return s2cells.cell_boundaries(cells(cell), "wkb")


@_function("s2_cell_area", ["cell ANY"], "DOUBLE", "The cell's area in square metres.")
def _area(cell):
    return s2cells.areas(cells(cell), "m2")


@_function("s2_cell_to_signed", ["cell ANY"], "BIGINT",
           "The cell as BIGINT, the signed form (a bit-cast: BigQuery's INT64).")
def _to_signed(cell):
    return s2cells.to_signed(cells(cell))


@_function("s2_cell_from_signed", ["cell ANY"], "UBIGINT",
           "The cell as UBIGINT from its signed BIGINT form, checked.")
def _from_signed(cell):
    return s2cells.from_signed(cells(cell))


@_function(
    "s2_covering",
    ["geom ANY", "min_level BIGINT = 0", "max_level BIGINT = 30", "max_cells BIGINT = 8",
     "level_mod BIGINT = 1", "interior BOOLEAN = false", *_SHAPE_OPTS,
     "mode VARCHAR = 'covering'"],
    "UBIGINT[]",
    "The cells covering a geometry (GeoJSON or WKT VARCHAR, or WKB BLOB), "
    "in curve order: Google's S2RegionCoverer, cell for cell (`interior "
    "=> true` or `mode => 'interior'`: the cells inside it; the fixed-level "
    "modes are s2_covering_fixed_level's)." + _SHAPE_DOC,
)
def _covering(geom, min_level, max_level, max_cells, level_mod, interior, planar_edges, lenient,
              mode="covering"):
    n = len(array(geom))
    return per_value(
        lambda g, lo, hi, c, m, i, pe, le, md: s2cells.coverings(
            g, lo, hi, c, m, bool(i), mode=MODES[md], planar_edges=bool(pe), lenient=bool(le)
        ),
        [geoms(geom)],
        [min_level, max_level, max_cells, level_mod, interior, planar_edges, lenient,
         modes(mode, n)],
        ["min_level", "max_level", "max_cells", "level_mod", "interior", "planar_edges",
         "lenient", "mode"],
        pa.list_(_U64),
    )


@_function("s2_covering_fixed_level",
           ["geom ANY", "level BIGINT", *_SHAPE_OPTS, "mode VARCHAR = 'intersects'"],
           "UBIGINT[]",
           "The cells of `level` that meet the geometry (`mode => 'intersects'`, "
           "the default), or whose centers lie in it (`mode => 'centroid'`: each "
           "point of an area in one cell, a partition for joins that must not "
           "count a cell twice)." + _SHAPE_DOC)
def _covering_fixed_level(geom, level, planar_edges, lenient, mode="intersects"):
    n = len(array(geom))
    return per_value(
        lambda g, lv, pe, le, md: s2cells.coverings(g, level=lv, mode=MODES[md],
                                                    planar_edges=bool(pe), lenient=bool(le)),
        [geoms(geom)],
        [level, planar_edges, lenient, modes(mode, n)],
        ["level", "planar_edges", "lenient", "mode"],
        pa.list_(_U64),
    )

