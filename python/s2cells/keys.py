"""Database keys and search terms from coverings.

A cell is the contiguous range of leaf ids ``range_min..range_max``, so the
points inside a region are a few B-tree range scans. :class:`KeyQuery`
merges a covering's ranges in the encoding a store keeps: ``"u64"``,
``"i64"`` (the bit-cast INT64 of BigQuery, MongoDB and SQL; ranges are split
where the sign flips, between faces 3 and 4), ``"ordered"`` (the
order-preserving INT64) or ``"tokens"``. :class:`TermIndexer` gives Google's
``S2RegionTermIndexer`` terms for inverted indexes.
"""

import numpy as np

from . import _s2cells as _core
from ._regions import _geometry, covering


def _cells_or_cover(region, what, cover_options):
    """A region given as cells (a sequence or array of ids) or as a
    geometry (covered with ``cover_options``)."""
    if isinstance(region, np.ndarray) and region.dtype.kind in "iu":
        return np.ascontiguousarray(region.astype(np.uint64, copy=False))
    if isinstance(region, (list, tuple)) and all(isinstance(c, (int, np.integer)) for c in region):
        return np.array([int(c) & 0xFFFF_FFFF_FFFF_FFFF for c in region], dtype=np.uint64)
    if hasattr(region, "__arrow_c_array__") or hasattr(region, "__arrow_c_stream__"):
        return np.ascontiguousarray(np.asarray(region).astype(np.uint64))
    return covering(region, **cover_options)


class KeyQuery:
    """The keys that answer a query region: merged leaf ranges and, when the
    stored rows are region coverings (``regions_min_level`` = the
    shallowest level they use), ancestor keys looked up by equality.

    ``region`` is a covering (cell ids) or any geometry :func:`covering`
    takes, covered with ``cover_options`` (``max_level=``, ``max_cells=``,
    ...).

    >>> q = KeyQuery({"type": "Point", "coordinates": [-51.14022, -30.0438]}, max_level=15)
    >>> q.ranges("u64")
    array([[10743750134190833665, 10743750136338317311]], dtype=uint64)
    >>> q.where_clause("cell")
    '("cell" BETWEEN -7702993939518717951 AND -7702993937371234305)'
    """

    def __init__(self, region, regions_min_level=None, **cover_options):
        self.cells = _cells_or_cover(region, "KeyQuery", cover_options)
        self._q = _core._KeyQuery(self.cells, regions_min_level)

    def ranges(self, encoding="u64"):
        """Inclusive [min, max] ranges: an (n, 2) array (uint64 for "u64",
        int64 for "i64" and "ordered") or, for "tokens", a list of pairs."""
        return self._q.ranges(encoding)

    def ancestors(self, encoding="u64"):
        """Ancestor keys to look up by equality (stored regions only)."""
        return self._q.ancestors(encoding)

    def matches(self, keys):
        """Whether each stored key (uint64 cell id of any level) matches:
        the filter a store applies, in memory."""
        from . import from_signed

        k = np.asarray(keys)
        if k.dtype == np.int64:
            k = from_signed(k)
        return self._q.matches(np.ascontiguousarray(k, dtype=np.uint64))

    def where_clause(self, column="cell", dialect="postgres", key="signed"):
        """The SQL boolean expression (``BETWEEN`` ranges, ``IN`` ancestors)
        for a ``BIGINT`` key column holding the ``"signed"`` (bit-cast) or
        ``"ordered"`` form. Column names are checked, values are integers
        formatted here: nothing from the input reaches the SQL unchecked."""
        return self._q.where_clause(column, dialect, key)


def key_ranges(region, encoding="u64", **cover_options):
    """The merged key ranges of a region (cells or geometry), as
    :meth:`KeyQuery.ranges`."""
    return KeyQuery(region, **cover_options).ranges(encoding)


def sql_where(region, column="cell", dialect="postgres", key="signed", regions_min_level=None,
              **cover_options):
    """The SQL ``WHERE`` expression for a region, as
    :meth:`KeyQuery.where_clause`."""
    q = KeyQuery(region, regions_min_level, **cover_options)
    return q.where_clause(column, dialect, key)


def sql_recipe(table="places", column="cell", dialect="postgres", key="signed", regions=False):
    """``CREATE TABLE`` / ``CREATE INDEX`` statements for points (id, key,
    lat, lng, with a covering index) or, with ``regions=True``, for region
    coverings (region_id, key): the CLI's ``keys --recipe``."""
    return _core.sql_recipe(table, column, dialect, key, bool(regions))


class TermIndexer:
    """Google's ``S2RegionTermIndexer``, string for string: index and query
    terms for points and regions (Google's defaults: levels 4..16, 8
    cells, marker ``$``).

    >>> t = TermIndexer(min_level=2, max_level=6, level_mod=2)
    >>> t.index_terms_for_points([10.0], [20.0], prefix="loc:")
    [['loc:11', 'loc:113', 'loc:1129']]
    """

    def __init__(self, min_level=4, max_level=16, level_mod=1, max_cells=8, points_only=False,
                 optimize_for_space=False, marker="$"):
        self.options = dict(min_level=min_level, max_level=max_level, level_mod=level_mod,
                            max_cells=max_cells, points_only=points_only,
                            optimize_for_space=optimize_for_space, marker=marker)
        self._t = _core._TermIndexer(min_level, max_level, level_mod, max_cells, points_only,
                                     optimize_for_space, marker)

    def _points(self, lat, lng, prefix, query):
        la = np.ascontiguousarray(np.asarray(lat, dtype=np.float64).reshape(-1))
        ln = np.ascontiguousarray(np.asarray(lng, dtype=np.float64).reshape(-1))
        return self._t.point_terms(la, ln, prefix, query)

    def index_terms_for_points(self, lat, lng, prefix=""):
        """The terms to index each point document under (one list per
        point)."""
        return self._points(lat, lng, prefix, False)

    def query_terms_for_points(self, lat, lng, prefix=""):
        """The terms that find the documents at each query point."""
        return self._points(lat, lng, prefix, True)

    def _region(self, region, prefix, query, lenient):
        cells = None
        geom = None
        if isinstance(region, np.ndarray) or (
            isinstance(region, (list, tuple)) and region and all(isinstance(c, int) for c in region)
        ):
            cells = np.ascontiguousarray(np.asarray(region, dtype=np.uint64))
        else:
            geom = _geometry(region, "terms")
        return self._t.region_terms(geom, cells, prefix, query, bool(lenient))

    def index_terms(self, region, prefix="", *, lenient=False):
        """The terms to index a region document under; ``region`` is a
        geometry (covered with the indexer's options) or its covering's
        cell ids."""
        return self._region(region, prefix, False, lenient)

    def query_terms(self, region, prefix="", *, lenient=False):
        """The terms that find the documents meeting a query region."""
        return self._region(region, prefix, True, lenient)
