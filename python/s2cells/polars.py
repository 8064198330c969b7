"""S2 cells in Polars expressions, eager or lazy, in ``select``,
``with_columns``, ``filter`` and ``group_by``, on the in-memory and the
streaming engine.

>>> import polars as pl, s2cells.polars as s2pl
>>> df = pl.LazyFrame({"lat": [-30.0438, 48.8566], "lng": [-51.14022, 2.3522]})
>>> out = df.with_columns(cell=s2pl.cell_id("lat", "lng", level=15)).with_columns(
...     token=pl.col("cell").s2.to_token(), parent=pl.col("cell").s2.parent(10)).collect()
>>> out["token"].to_list()
['951977d34', '47e66e1dc']

Module functions make cells from coordinates, tokens and geometries:
``cell_id(lat, lng, level=30)``, ``from_token(tokens)``, ``covering(geoms,
...)``. Importing this module registers the ``.s2`` namespace on
expressions and Series for what a cell column does: ``parent``,
``level``, ``to_token``, ``to_signed``, ``from_signed``, ``children``,
``child``, ``edge_neighbors``, ``contains``, ``range_min``, ``range_max``,
``center``, ``boundary``, ``area``.

Arguments are column names or expressions. Coordinates are ``(lat, lng)``
in degrees, as everywhere in the Python API. Cells are ``UInt64``; an
``Int64`` column is read as the signed (BigQuery) form. Every function is
a ``map_batches`` over Arrow arrays (no plugin tied to one Polars release)
and marked elementwise, so Polars may split a column into batches and run
them in any order; nulls give nulls, and a bad value raises
``ValueError`` naming it (``errors="null"``: null instead).
"""

import polars as pl

import s2cells

from ._sql import batch_error


def _expr(x):
    return pl.col(x) if isinstance(x, str) else x


def _series(result, name, dtype):
    """A Polars Series from an Arrow result (PyCapsule interface)."""
    # pl.Series(name, x) drops the name of an Arrow stream: alias instead.
    s = (result if isinstance(result, pl.Series) else pl.Series(result)).alias(name)
    if s.dtype != dtype:
        s = s.cast(dtype)
    return s


def _map(exprs, fn, dtype, what):
    def run(series):
        try:
            out = fn(*series)
        except (ValueError, TypeError) as e:
            raise batch_error(e, f"Polars {what}") from None
        return _series(out, series[0].name, dtype)

    return pl.map_batches([_expr(e) for e in exprs], run, return_dtype=dtype,
                          is_elementwise=True)


_CELL = pl.UInt64
_CELLS = pl.List(pl.UInt64)


def cell_id(lat, lng, level=30, *, errors="raise"):
    """The cell containing each (lat, lng) point (degrees) at ``level``,
    as UInt64: Google's ``S2CellId(S2LatLng::FromDegrees(lat, lng))
    .parent(level)``. NaN or out-of-range coordinates are bad values."""
    return _map([lat, lng], lambda a, b: s2cells.cell_ids(a, b, level, errors=errors), _CELL,
                "cell_id")


def from_token(tokens, *, errors="raise"):
    """Cells (UInt64) from tokens such as ``"951977d34"``."""
    return _map([tokens], lambda t: s2cells.from_tokens(t, errors=errors), _CELL, "from_token")


def covering(geometries, min_level=0, max_level=30, max_cells=8, level_mod=1, interior=False,
             *, level=None, strict_orientation=False, planar_edges=False, lenient=False,
             errors="raise"):
    """The covering of each geometry (GeoJSON or WKT strings, or WKB
    binary; x = longitude) as ``List(UInt64)``, Google's
    ``S2RegionCoverer``; options as :func:`s2cells.covering`."""

    def run(g):
        return s2cells.coverings(g, min_level, max_level, max_cells, level_mod, interior,
                                 level=level, strict_orientation=strict_orientation,
                                 planar_edges=planar_edges, lenient=lenient, errors=errors)

    return _map([geometries], run, _CELLS, "covering")


class _CellNamespace:
    """``expr.s2``: what a column of cells does (UInt64 ids, or Int64 in
    the signed form)."""

    def __init__(self, x):
        self._x = x

    def _do(self, fn, dtype, what, *others):
        x = self._x
        if isinstance(x, pl.Series):
            return pl.select(_CellNamespace(pl.lit(x))._do(fn, dtype, what, *others)).to_series()
        return _map([x, *others], fn, dtype, what)

    def parent(self, level=-1, *, errors="raise"):
        """The ancestor at ``level``; negative: that many levels up."""
        return self._do(lambda c: s2cells.parents(c, level, errors=errors), _CELL, "parent")

    def level(self, *, errors="raise"):
        """The level, 0 to 30 (Int8)."""
        return self._do(lambda c: s2cells.levels(c, errors=errors), pl.Int8, "level")

    def to_token(self, *, errors="raise"):
        """The token: the hex id, trailing zeros dropped."""
        return self._do(lambda c: s2cells.to_tokens(c, errors=errors), pl.String, "to_token")

    def to_signed(self, *, errors="raise"):
        """The signed form (Int64, a bit-cast: BigQuery's INT64)."""
        return self._do(lambda c: s2cells.to_signed(c, errors=errors), pl.Int64, "to_signed")

    def from_signed(self, *, errors="raise"):
        """UInt64 ids from the signed form, checked."""
        return self._do(lambda c: s2cells.from_signed(c, errors=errors), _CELL, "from_signed")

    def children(self, level=None, *, errors="raise"):
        """The descendants at ``level`` (default: one down), List(UInt64)."""
        return self._do(lambda c: s2cells.children(c, level, errors=errors), _CELLS, "children")

    def edge_neighbors(self, *, errors="raise"):
        """The four cells across the edges (down, right, up, left)."""
        return self._do(lambda c: s2cells.edge_neighbors(c, errors=errors), _CELLS,
                        "edge_neighbors")

    def contains(self, other, *, errors="raise"):
        """Whether each cell contains ``other`` (a column or expression
        of cells, or a column name)."""
        return self._do(lambda a, b: s2cells.contains(a, b, errors=errors), pl.Boolean,
                        "contains", _other(other))

    def range_min(self, *, errors="raise"):
        """The first leaf cell in each cell (a leaf lies in the cell when
        it is between ``range_min`` and ``range_max``)."""
        return self._do(lambda c: s2cells.leaf_ranges(c, errors=errors)[0], _CELL, "range_min")

    def range_max(self, *, errors="raise"):
        """The last leaf cell in each cell."""
        return self._do(lambda c: s2cells.leaf_ranges(c, errors=errors)[1], _CELL, "range_max")

    def center(self, *, errors="raise"):
        """The center as a struct ``{lat, lng}`` in degrees."""

        def run(c):
            lat, lng = s2cells.centers(c, errors=errors)
            both = pl.DataFrame([pl.Series(lat).alias("lat"), pl.Series(lng).alias("lng")])
            # A null cell is a null struct, not a struct of nulls.
            return both.select(
                pl.when(pl.col("lat").is_not_null()).then(pl.struct("lat", "lng"))
            ).to_series()

        return self._do(run, pl.Struct({"lat": pl.Float64, "lng": pl.Float64}), "center")

    def boundary(self, format="wkb", *, errors="raise"):
        """The outline: WKB (Binary), or ``"geojson"`` / ``"wkt"`` (String)."""
        dtype = pl.Binary if format == "wkb" else pl.String
        return self._do(lambda c: s2cells.cell_boundaries(c, format, errors=errors), dtype,
                        "boundary")

    def area(self, unit="m2", *, exact=True, errors="raise"):
        """The area in ``unit`` ("m2", "km2" or "sr")."""
        return self._do(lambda c: s2cells.areas(c, unit, exact=exact, errors=errors), pl.Float64,
                        "area")

    def child(self, index, *, errors="raise"):
        """Child number ``index`` (0-3) in curve order."""
        if not 0 <= int(index) <= 3:
            raise ValueError(f"child: index {index}: expected 0..3")
        return self.children(errors=errors).list.get(int(index))


def _other(x):
    if isinstance(x, pl.Series):
        return pl.lit(x)
    return _expr(x)


pl.api.register_expr_namespace("s2")(_CellNamespace)
pl.api.register_series_namespace("s2")(_CellNamespace)

__all__ = ["cell_id", "from_token", "covering"]
