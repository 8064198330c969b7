"""S2 cells for Python: points to 64-bit cell ids, regions to coverings,
cells to database keys, search terms and ML features -- vectorized, in
parallel, and bit for bit the answers of Google's s2geometry.

>>> import s2cells
>>> s2cells.to_tokens(s2cells.cell_ids(-30.0438, -51.14022, level=15))
'951977d34'

Every vectorized function takes numpy arrays, pandas Series, pyarrow
Arrays or ChunkedArrays, any Arrow PyCapsule object (Polars, DuckDB, ...),
plain sequences or scalars, and answers in the same kind (see
``s2cells._convert`` for the null rules of each kind). Bad input raises
``ValueError`` naming the first bad row and why; ``errors="null"`` makes
bad rows null instead. Calls release the GIL and use every core
(``set_num_threads`` to change that).

Coordinates are (lat, lng) in degrees, in that order, everywhere in this
package; GeoJSON, WKT and WKB geometries are (x = longitude, y = latitude)
as those formats define.
"""

from . import _s2cells as _core
from ._convert import (
    NUMPY,
    PANDAS,
    SCALAR,
    Column,
    answer,
    broadcast,
    call,
    call_pair,
    errors_arg,
    floats,
    ids as _ids,
    pair_kind,
    strings,
    unwrap_error,
)
from ._regions import Cap, Rect, RepairWarning, covering, coverings
from .keys import KeyQuery, TermIndexer, key_ranges, sql_recipe, sql_where
from .ml import CellEncoder, HashedCellEncoder, NeighborCellEncoder, Vocabulary

__version__ = _core.__version__

MAX_LEVEL = 30


def set_num_threads(n):
    """Use ``n`` threads for vectorized calls (0: every core the process
    may use, the default; also set by the ``S2CELLS_NUM_THREADS``
    environment variable)."""
    _core.set_num_threads(int(n))


def get_num_threads():
    """The number of threads vectorized calls use."""
    return _core.get_num_threads()


def cell_ids(lat, lng, level=30, *, errors="raise"):
    """The cell containing each (lat, lng) point (degrees) at ``level``
    (30: the leaf), as uint64 ids: Google's
    ``S2CellId(S2LatLng::FromDegrees(lat, lng)).parent(level)``.

    A point is bad when a coordinate is NaN or infinite, |lat| > 90 or
    |lng| > 180 (in numpy and pandas columns NaN is null instead).

    >>> import numpy as np
    >>> cell_ids(np.array([-30.0438, 48.8566]), np.array([-51.14022, 2.3522]), level=15)
    array([10743750135264575488,  5180949495390666752], dtype=uint64)
    """
    errors_arg(errors)
    _check_order(lat, lng, "cell_ids")
    a, b = floats(lat, "cell_ids lat"), floats(lng, "cell_ids lng")
    a, b = broadcast(a, b), broadcast(b, a)
    out = pair_kind(a, b, "cell_ids")
    try:
        res = _core.cell_ids(
            a.data, b.data, int(level), errors, a.nan_is_null and b.nan_is_null, a.mask, b.mask
        )
    except ValueError as e:
        raise unwrap_error(e, out) from None
    return answer(res, out)


_LAT_NAMES = {"lat", "latitude"}
_LNG_NAMES = {"lng", "lon", "long", "longitude"}


def _check_order(lat, lng, what):
    """Columns named the other way round (``cell_ids(df.lon, df.lat)``, the
    SQL order) would give other cells, silently: refused."""
    a, b = getattr(lat, "name", None), getattr(lng, "name", None)
    if (isinstance(a, str) and isinstance(b, str) and a.lower() in _LNG_NAMES
            and b.lower() in _LAT_NAMES):
        raise ValueError(
            f"{what}: the columns are named {a!r}, {b!r}: this function takes (lat, lng), "
            f"latitude first; pass ({b}, {a})")


def to_signed(ids, *, errors="raise"):
    """The signed INT64 form of cell ids (a bit-cast: BigQuery, SQL and
    Spark store ids so; faces 4 and 5 are negative).

    >>> to_signed(10743750135264575488)
    -7702993938444976128
    """
    return call(_core.to_signed, _ids(ids, "to_signed"), errors_arg(errors))


def from_signed(ids, *, errors="raise"):
    """Cell ids (uint64) from their signed INT64 form, checked.

    >>> from_signed(-7702993938444976128)
    10743750135264575488
    """
    return call(_core.from_signed, _ids(ids, "from_signed"), errors_arg(errors))


def to_tokens(ids, *, errors="raise"):
    """Cell tokens: the hex id without trailing zeros (``"951977d34"``).

    >>> to_tokens([10743750135264575488, None])
    ['951977d34', None]
    """
    return call(_core.to_tokens, _ids(ids, "to_tokens"), errors_arg(errors))


def from_tokens(tokens, *, errors="raise"):
    """Cell ids (uint64) from tokens; a token that names no valid cell is a
    bad row (``"X"``, Google's token of the invalid id, too).

    >>> from_tokens("951977d34")
    10743750135264575488
    """
    errors_arg(errors)
    col = strings(tokens, "from_tokens")
    try:
        res = _core.from_tokens(col.data, errors)
    except ValueError as e:
        raise unwrap_error(e, col) from None
    return answer(res, col)


def levels(ids, *, errors="raise"):
    """The level (0..30) of each cell, as int8 (numpy null: -1).

    >>> levels(from_tokens(["951977d34", "95"]))
    [15, 2]
    """
    return call(_core.levels, _ids(ids, "levels"), errors_arg(errors), fill=-1)


def parents(ids, level, *, errors="raise"):
    """The ancestor of each cell at ``level``; a negative level goes up
    that many levels from each cell (as DuckDB's ``s2_cell_parent``). A
    cell above the level asked for is a bad row.

    >>> to_tokens(parents(from_tokens("951977d34"), 8))
    '95197'
    >>> to_tokens(parents(from_tokens("951977d34"), -1))
    '951977d3'
    """
    return call(_core.parents, _ids(ids, "parents"), int(level), errors_arg(errors))


def children(ids, level=None, *, errors="raise"):
    """The descendants of each cell at ``level`` (default: one level
    down), in curve order: a list of uint64 ids per row (numpy: an object
    array of uint64 arrays; Arrow: ``list<uint64>``). A call that would
    return more than 2^28 cells fails before it allocates.

    >>> to_tokens(list(children(from_tokens("95"))))
    ['944', '94c', '954', '95c']
    """
    col = _ids(ids, "children")
    lvl = None if level is None else int(level)
    return call(_core.children, col, lvl, errors_arg(errors))


def edge_neighbors(ids, *, errors="raise"):
    """The four cells of the same level across each edge, in Google's
    order (down, right, up, left): numpy gives an (n, 4) uint64 array,
    Arrow ``list<uint64>``, a sequence a list of 4-lists.

    >>> to_tokens(list(edge_neighbors(from_tokens("951977d34"))))
    ['951977d3c', '951977d4c', '9519762cc', '951977d2c']
    """
    col = _ids(ids, "edge_neighbors")
    errors_arg(errors)
    try:
        res = _core.edge_neighbors(col.data, errors, col.mask)
    except ValueError as e:
        raise unwrap_error(e, col) from None
    if col.kind in (NUMPY, PANDAS, SCALAR) or isinstance(res, tuple):
        values, mask = res
        values = values.reshape(-1, 4)
        if col.kind == NUMPY:
            return values
        rows = values.tolist()
        if mask is not None:
            for i in mask.nonzero()[0]:
                rows[i] = None
        if col.kind == SCALAR:
            return rows[0]
        if col.kind == PANDAS:
            import pandas as pd

            return pd.Series(rows, index=col.index, dtype=object)
        return rows
    return answer(res, col)


def contains(a, b, *, errors="raise"):
    """Whether cell ``a`` contains cell ``b``, row by row (either may be a
    single cell): the ranges test, true for a cell and itself.

    >>> contains(from_tokens("95"), from_tokens(["951977d34", "89"]))
    [True, False]
    """
    errors_arg(errors)
    ca, cb = _ids(a, "contains"), _ids(b, "contains")
    ca, cb = broadcast(ca, cb), broadcast(cb, ca)
    out = pair_kind(ca, cb, "contains")
    try:
        res = _core.contains(ca.data, cb.data, errors, ca.mask, cb.mask)
    except ValueError as e:
        raise unwrap_error(e, out) from None
    return answer(res, out)


def centers(ids, *, errors="raise"):
    """The center of each cell as ``(lat, lng)`` in degrees: Google's
    ``S2CellId::ToLatLng``, to the bit.

    >>> lat, lng = centers(from_tokens("951977d34"))
    >>> round(lat, 6), round(lng, 6)
    (-30.04281, -51.138938)
    """
    return call_pair(_core.centers, _ids(ids, "centers"), errors_arg(errors))


def leaf_ranges(ids, *, errors="raise"):
    """The first and last leaf cell of each cell, as ``(lo, hi)``:
    Google's ``range_min`` and ``range_max``. A leaf id (a point's cell at
    level 30) lies in a cell exactly when ``lo <= leaf <= hi``, so points
    join cells through key ranges. In the signed form the two stay in
    order too (a cell never straddles the sign flip between faces 3 and 4).

    >>> lo, hi = leaf_ranges(from_tokens("95"))
    >>> to_tokens(lo), to_tokens(hi)
    ('9400000000000001', '95ffffffffffffff')
    """
    return call_pair(_core.leaf_ranges, _ids(ids, "leaf_ranges"), errors_arg(errors))


def cell_boundaries(ids, format="wkb", *, errors="raise"):
    """Each cell's outline as a polygon: ``format="wkb"`` (bytes),
    ``"geojson"`` or ``"wkt"`` (str); x = longitude, y = latitude. Cells
    coarser than level 6 get points along their (great-circle) edges,
    cells crossing ±180° become a MultiPolygon of the two sides, and the
    polar faces close over their pole: the polygons ``s2cells cover
    --format geojson`` writes.

    >>> cell_boundaries(from_tokens("951977d34"), "wkt")[:20]
    'POLYGON ((-51.140244'
    """
    col = _ids(ids, "cell_boundaries")
    return call(_core.cell_boundaries, col, str(format), errors_arg(errors))


def areas(ids, unit="m2", *, exact=True, errors="raise"):
    """Each cell's area in ``unit`` ("m2", "km2" or "sr", steradians);
    ``exact=False`` uses Google's faster ``ApproxArea``.

    >>> round(areas(from_tokens("951977d34")))
    68361
    """
    col = _ids(ids, "areas")
    return call(_core.areas, col, str(unit), bool(exact), errors_arg(errors))


__all__ = [
    "MAX_LEVEL",
    "Cap",
    "Rect",
    "RepairWarning",
    "CellEncoder",
    "HashedCellEncoder",
    "KeyQuery",
    "NeighborCellEncoder",
    "TermIndexer",
    "Vocabulary",
    "areas",
    "cell_boundaries",
    "cell_ids",
    "centers",
    "children",
    "contains",
    "covering",
    "coverings",
    "edge_neighbors",
    "from_signed",
    "from_tokens",
    "get_num_threads",
    "key_ranges",
    "leaf_ranges",
    "levels",
    "parents",
    "set_num_threads",
    "sql_recipe",
    "sql_where",
    "to_signed",
    "to_tokens",
]
