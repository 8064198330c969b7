"""Hostile input never crashes the interpreter and never leaks a Rust
panic: every call either answers or raises ValueError / TypeError."""

import json
import math
import struct

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import s2cells

OK = (ValueError, TypeError)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

floats = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [90.0, -90.0, 180.0, -180.0, 90.0000000001, -0.0, 5e-324, 1e308, math.nan])
u64 = st.integers(min_value=0, max_value=2**64 - 1) | st.sampled_from(
    [0, 1, 2**64 - 1, 1 << 60, (1 << 61) - 1, 0xB000000000000000, 0xC000000000000000])


@SETTINGS
@given(st.lists(st.tuples(floats, floats), max_size=50), st.integers(-3, 33), st.sampled_from(["raise", "null"]))
def test_cell_ids_on_any_floats(pairs, level, errors):
    lat = np.array([p[0] for p in pairs], dtype=np.float64)
    lng = np.array([p[1] for p in pairs], dtype=np.float64)
    try:
        out = s2cells.cell_ids(lat, lng, level, errors=errors)
    except OK:
        return
    assert len(out) == len(pairs)


@SETTINGS
@given(st.lists(u64, max_size=50), st.integers(-40, 40))
def test_id_functions_on_any_u64(ids, level):
    a = np.array(ids, dtype=np.uint64)
    for f in (s2cells.to_tokens, s2cells.levels, s2cells.to_signed, s2cells.centers,
              s2cells.edge_neighbors, s2cells.areas, s2cells.cell_boundaries):
        for errors in ("raise", "null"):
            try:
                f(a, errors=errors)
            except OK:
                pass
    for f in (lambda x: s2cells.parents(x, level), lambda x: s2cells.children(x, level if level > 0 else None),
              lambda x: s2cells.contains(x, x[::-1])):
        try:
            f(a)
        except OK:
            pass


@SETTINGS
@given(st.lists(st.text(max_size=20) | st.none(), max_size=30))
def test_from_tokens_on_any_text(tokens):
    try:
        s2cells.from_tokens(tokens)
    except OK:
        pass
    out = s2cells.from_tokens(tokens, errors="null")
    assert len(out) == len(tokens)


def wkb_header(order, code):
    return struct.pack("<BI" if order else ">BI", order, code)


wkb_pieces = st.lists(
    st.sampled_from([b"\x01", b"\x00", struct.pack("<I", 3), struct.pack("<I", 1), struct.pack("<I", 7),
                     struct.pack("<I", 0x20000003), struct.pack("<I", 4326), struct.pack("<I", 2**32 - 1),
                     struct.pack("<d", 0.0), struct.pack("<d", 1.0), struct.pack("<d", math.nan),
                     struct.pack("<d", 200.0), struct.pack("<I", 4), struct.pack("<I", 1006)]),
    max_size=40).map(b"".join)


@SETTINGS
@given(st.binary(max_size=200) | wkb_pieces)
def test_covering_on_any_bytes(b):
    try:
        s2cells.covering(b, max_cells=4)
    except OK:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(max_size=5),
    lambda kids: st.lists(kids, max_size=5) | st.dictionaries(
        st.sampled_from(["type", "coordinates", "geometry", "features", "geometries", "x"]), kids, max_size=4),
    max_leaves=30)
geo_types = st.sampled_from(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                             "MultiPolygon", "GeometryCollection", "Feature", "FeatureCollection"])
coords = st.recursive(st.lists(st.floats(-200, 200), min_size=0, max_size=3), lambda k: st.lists(k, max_size=6),
                      max_leaves=40)


@SETTINGS
@given(json_values | st.fixed_dictionaries({"type": geo_types, "coordinates": coords}))
def test_covering_on_any_geojson(value):
    text = json.dumps(value)
    for g in (value, text):
        try:
            s2cells.covering(g, max_cells=4, budget=100_000)
        except OK:
            pass


@SETTINGS
@given(st.text(max_size=80) | st.from_regex(
    r"(SRID=\d+;)?(POINT|LINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION)( Z| M| ZM)? ?\(*[-0-9., ()EMPTY]*\)*",
    fullmatch=True))
def test_covering_on_any_text(text):
    try:
        s2cells.covering(text, max_cells=4, budget=100_000)
    except OK:
        pass


@SETTINGS
@given(st.lists(st.binary(max_size=60) | st.text(max_size=30) | st.none(), max_size=20))
def test_coverings_column_on_anything(items):
    out = s2cells.coverings(items, max_cells=4, budget=100_000, errors="null")
    assert len(out) == len(items)


def test_huge_coverings_are_refused_not_allocated():
    world = "POLYGON ((-170 -80, 170 -80, 170 80, -170 80, -170 -80))"
    with pytest.raises(ValueError, match="budget"):
        s2cells.covering(world, min_level=20, max_level=20, budget=1000)
    with pytest.raises(ValueError, match="budget"):
        s2cells.covering(world, level=25, budget=10_000)


def _polygon_wkb():
    shapely = pytest.importorskip("shapely")
    return shapely.from_wkt("POLYGON ((0 0, 2 0, 2 2, 0 0))").wkb


def test_every_truncation_and_byte_change_of_wkb():
    good = _polygon_wkb()
    assert len(s2cells.covering(good)) > 0
    for n in range(len(good)):
        with pytest.raises(ValueError, match="invalid WKB"):
            s2cells.covering(good[:n])
    for i in range(len(good)):
        for v in (0, 1, 7, 0x7F, 0x80, 0xFF):
            b = bytearray(good)
            b[i] = v
            try:
                s2cells.covering(bytes(b))
            except OK:
                pass


def test_wkb_counts_and_nesting_are_bounded():
    huge = struct.pack("<BII", 1, 2, 2**32 - 1)  # a line string of 4 billion points
    with pytest.raises(ValueError, match="count of 4294967295"):
        s2cells.covering(huge)
    deep = struct.pack("<BII", 1, 7, 1) * 200 + struct.pack("<BIdd", 1, 1, 1.0, 1.0)
    with pytest.raises(ValueError, match="nest more than 64"):
        s2cells.covering(deep)
