"""Coverings of geometries: GeoJSON (dict or text), WKT, WKB, or anything
with ``__geo_interface__`` (shapely, geopandas), with the rules of the
``s2cells cover`` command line and Google's region coverer."""

import json

import numpy as np

from . import _s2cells as _core
from ._convert import ARROW, LIST, NUMPY, PANDAS, PYARROW, errors_arg, kind_of

DEFAULT_BUDGET = 10_000_000


class Rect:
    """A latitude/longitude rectangle in degrees, the CLI's ``--rect``
    order: ``Rect(lat_lo, lng_lo, lat_hi, lng_hi)``; ``lng_lo > lng_hi``
    crosses the antimeridian. Its edges are parallels and meridians (not
    great circles): Google's ``S2LatLngRect``, for :func:`covering`."""

    __slots__ = ("lat_lo", "lng_lo", "lat_hi", "lng_hi")

    def __init__(self, lat_lo, lng_lo, lat_hi, lng_hi):
        self.lat_lo, self.lng_lo = float(lat_lo), float(lng_lo)
        self.lat_hi, self.lng_hi = float(lat_hi), float(lng_hi)

    def __repr__(self):
        return f"Rect({self.lat_lo}, {self.lng_lo}, {self.lat_hi}, {self.lng_hi})"


class Cap:
    """A spherical cap (a disc on the sphere): center ``(lat, lng)`` in
    degrees and a radius in meters on the Earth's mean radius (6371.01 km),
    the CLI's ``--cap``; Google's ``S2Cap``, for :func:`covering`."""

    __slots__ = ("lat", "lng", "radius_m")

    def __init__(self, lat, lng, radius_m):
        self.lat, self.lng, self.radius_m = float(lat), float(lng), float(radius_m)

    def __repr__(self):
        return f"Cap({self.lat}, {self.lng}, {self.radius_m})"


def _geometry(g, what="covering"):
    """One geometry as text (GeoJSON or WKT) or WKB bytes, or None."""
    if g is None:
        return None
    if isinstance(g, str):
        return g
    if isinstance(g, (bytes, bytearray, memoryview)):
        return bytes(g)
    if isinstance(g, dict):
        return _dumps(g, what)
    wkb = getattr(g, "wkb", None)  # shapely: its WKB is the fastest form
    if isinstance(wkb, bytes) and hasattr(g, "__geo_interface__"):
        return wkb
    gi = getattr(g, "__geo_interface__", None)
    if gi is not None:
        return _dumps(gi, what)
    if isinstance(g, float) and g != g:  # pandas' NaN for a missing object
        return None
    raise TypeError(
        f"{what}: expected a geometry (GeoJSON dict or str, WKT str, WKB bytes, or an object "
        f"with __geo_interface__), got {type(g).__name__}"
    )


def _dumps(d, what):
    try:
        return json.dumps(d, allow_nan=False, separators=(",", ":"))
    except ValueError as e:  # NaN or infinity
        raise ValueError(f"{what}: the GeoJSON holds a number JSON cannot: {e}") from None
    except TypeError as e:
        raise TypeError(f"{what}: the GeoJSON dict is not JSON: {e}") from None


def _options(min_level, max_level, max_cells, level_mod, interior, level, strict_orientation,
             planar_edges, lenient, budget):
    return (int(min_level), int(max_level), int(max_cells), int(level_mod), bool(interior),
            None if level is None else int(level), bool(strict_orientation), bool(planar_edges),
            bool(lenient), int(budget))


def _format_ids(a, cell_format):
    from . import to_signed, to_tokens

    if cell_format == "ids":
        return a
    if cell_format == "i64":
        return to_signed(a)
    if cell_format == "tokens":
        return to_tokens(a)
    raise ValueError(f'cell_format={cell_format!r}: expected "ids", "i64" or "tokens"')


def covering(geometry, min_level=0, max_level=30, max_cells=8, level_mod=1, interior=False, *,
             level=None, cell_format="ids", strict_orientation=False, planar_edges=False,
             lenient=False, budget=DEFAULT_BUDGET):
    """The cells covering one geometry, as a sorted numpy array of uint64
    ids (``cell_format="i64"``: int64, the signed form; ``"tokens"``: an
    object array of str): Google's ``S2RegionCoverer::GetCovering`` (or
    ``GetInteriorCovering`` with ``interior=True``), cell for cell.

    ``geometry`` is a GeoJSON dict or string (a Geometry, or a Feature),
    WKT or EWKT text, WKB bytes, an object with ``__geo_interface__``, or
    a :class:`Rect` or :class:`Cap`.
    ``level=L`` gives every level-L cell that meets it instead (min and
    max level L, no cell limit). The rules are the CLI's: a ring stands for
    the smaller region it bounds unless ``strict_orientation``; a ring that
    crosses itself is an error unless ``lenient``; ``planar_edges`` follows
    straight lon/lat edges (as a flat map draws them) instead of great
    circles. A geometry whose covering would pass ``budget`` cells is an
    error, not an out-of-memory.

    >>> covering({"type": "Point", "coordinates": [-51.14022, -30.0438]}, max_level=15)
    array([10743750135264575488], dtype=uint64)
    """
    opts = _options(min_level, max_level, max_cells, level_mod, interior, level,
                    strict_orientation, planar_edges, lenient, budget)
    cover_opts = opts[:6] + opts[9:]
    if isinstance(geometry, Rect):
        g = geometry
        ids = _core.covering_rect(g.lat_lo, g.lng_lo, g.lat_hi, g.lng_hi, *cover_opts)
        return _format_ids(ids, cell_format)
    if isinstance(geometry, Cap):
        ids = _core.covering_cap(geometry.lat, geometry.lng, geometry.radius_m, *cover_opts)
        return _format_ids(ids, cell_format)
    g = _geometry(geometry)
    if g is None:
        raise ValueError("covering: the geometry is None")
    return _format_ids(_core.covering(g, *opts), cell_format)


def _feature_collection(x):
    """The features of a FeatureCollection (dict or text), or None."""
    if isinstance(x, str) and x.lstrip()[:1] == "{":
        try:
            d = json.loads(x)
        except ValueError:
            return None
        x = d
    if isinstance(x, dict) and x.get("type") == "FeatureCollection":
        return [f for f in x.get("features") or []]
    return None


def coverings(geometries, min_level=0, max_level=30, max_cells=8, level_mod=1, interior=False, *,
              level=None, cell_format="ids", strict_orientation=False, planar_edges=False,
              lenient=False, budget=DEFAULT_BUDGET, errors="raise"):
    """The covering of each geometry of a column, in parallel: a list of
    cell ids per row (Arrow: ``list<uint64>``; numpy: an object array of
    uint64 arrays; pandas: a Series of them, index kept; a sequence: a
    list of arrays). Options as :func:`covering`.

    ``geometries`` is an Arrow column of WKB (binary) or GeoJSON/WKT
    (strings, e.g. GeoParquet or DuckDB's ``ST_AsWKB``), a geopandas
    GeoSeries, a GeoJSON FeatureCollection (one covering per feature), or
    a sequence of anything :func:`covering` takes. A null geometry (or a
    feature without one) gives a null row; a bad one raises naming its row,
    or is null with ``errors="null"``.

    >>> [c.size for c in coverings(["POINT (0 0)", "POINT (10 10)"], max_level=10)]
    [4, 1]
    """
    errors_arg(errors)
    opts = _options(min_level, max_level, max_cells, level_mod, interior, level,
                    strict_orientation, planar_edges, lenient, budget)
    fc = _feature_collection(geometries)
    if fc is not None:
        geometries = fc
    k = kind_of(geometries)
    index = None
    mod = type(geometries).__module__ or ""
    if mod.startswith("geopandas"):
        if hasattr(geometries, "geometry") and not hasattr(geometries, "crs") or hasattr(
            geometries, "columns"
        ):
            geometries = geometries.geometry
        index = geometries.index
        data = list(geometries.to_wkb())
        k = PANDAS
    elif k in (PYARROW, ARROW):
        data = geometries
    elif k == PANDAS:
        index = geometries.index
        data = [_row(g, i, errors) for i, g in enumerate(geometries.tolist())]
    else:
        seq = list(geometries) if k != NUMPY else list(geometries)
        data = _shapely_wkb(seq)
        if data is None:
            data = [_row(g, i, errors) for i, g in enumerate(seq)]
        k = NUMPY if k == NUMPY else LIST
    res = _core.coverings(data, *opts, errors)
    if k == PYARROW:
        import pyarrow as pa

        out = pa.chunked_array(res) if not hasattr(res, "__arrow_c_array__") else pa.array(res)
        return _format_arrow_lists(out, cell_format)
    if k == ARROW:
        if cell_format != "ids":
            raise ValueError("coverings: cell_format applies to pyarrow, numpy, pandas and list results")
        return res
    values, mask = res
    if cell_format != "ids":
        values = np.array([None if v is None else _format_ids(v, cell_format) for v in values],
                          dtype=object)
    if k == PANDAS:
        import pandas as pd

        return pd.Series(values, index=index, dtype=object)
    if k == NUMPY:
        return values
    return list(values)


def _row(g, i, errors):
    try:
        return _geometry(g, "coverings")
    except (TypeError, ValueError) as e:
        if errors == "null":
            return g  # the native side makes it a null row

        msg = str(e).replace("coverings: ", f"coverings: row {i}: ", 1)
        raise type(e)(msg) from None


def _shapely_wkb(seq):
    """WKB of a sequence of shapely geometries (None kept), vectorized, or
    None when it is not one."""
    if not seq:
        return None
    first = next((g for g in seq if g is not None), None)
    if first is None or not type(first).__module__.startswith("shapely"):
        return None
    try:
        import shapely
    except ImportError:  # pragma: no cover
        return None
    if not all(g is None or type(g).__module__.startswith("shapely") for g in seq):
        return None
    arr = np.empty(len(seq), dtype=object)
    arr[:] = seq
    return list(shapely.to_wkb(arr))


def _format_arrow_lists(out, cell_format):
    if cell_format == "ids":
        return out
    import pyarrow as pa

    def one(chunk):
        vals = _format_ids(chunk.flatten(), cell_format)
        return pa.ListArray.from_arrays(chunk.offsets, vals, mask=chunk.is_null())

    if isinstance(out, pa.ChunkedArray):
        return pa.chunked_array([one(c) for c in out.chunks])
    return one(out)
