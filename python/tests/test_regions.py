"""Coverings of every geometry form, the CLI's rules and errors."""

import json
import os

import numpy as np
import pytest

import s2cells

pa = pytest.importorskip("pyarrow")
shapely = pytest.importorskip("shapely")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SQUARE = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}


def test_all_forms_give_one_covering():
    shape = shapely.geometry.shape(SQUARE)
    want = s2cells.covering(SQUARE, max_cells=20)
    assert want.dtype == np.uint64 and 1 <= len(want) <= 20
    feature = {"type": "Feature", "properties": {"a": 1}, "geometry": SQUARE}
    for form in (json.dumps(SQUARE), feature, json.dumps(feature), shape.wkt, shape.wkb,
                 bytearray(shape.wkb), shape, "SRID=4326;" + shape.wkt,
                 shapely.to_wkb(shape, byte_order=0), shapely.to_wkb(shape, include_srid=True, flavor="extended")):
        assert s2cells.covering(form, max_cells=20).tolist() == want.tolist(), type(form)


def test_porto_alegre_as_the_cli():
    # README: `s2cells cover data/porto-alegre.geojson --min-level 8 --max-level 15 --max-cells 500`
    with open(os.path.join(REPO, "data", "porto-alegre.geojson")) as f:
        g = json.load(f)
    cells = s2cells.covering(g, 8, 15, 500)
    assert len(cells) == 344
    assert s2cells.to_tokens(cells[:3]).tolist() == ["95197571", "951975724", "951975734"]
    levels = np.bincount(s2cells.levels(cells), minlength=16)
    assert levels[10:16].tolist() == [3, 13, 14, 51, 51, 212]


def test_cell_formats():
    ids = s2cells.covering(SQUARE, max_cells=5)
    assert s2cells.covering(SQUARE, max_cells=5, cell_format="i64").tolist() == s2cells.to_signed(ids).tolist()
    assert s2cells.covering(SQUARE, max_cells=5, cell_format="tokens").tolist() == s2cells.to_tokens(ids).tolist()
    col = s2cells.coverings(pa.array([json.dumps(SQUARE)]), max_cells=5, cell_format="tokens")
    assert col.to_pylist() == [s2cells.to_tokens(ids).tolist()]


def test_interior_and_fixed_level():
    inner = s2cells.covering(SQUARE, max_cells=20, interior=True)
    outer = s2cells.covering(SQUARE, max_cells=20)
    assert all(any(s2cells.contains(int(o), int(i)) for o in outer) for i in inner)
    fixed = s2cells.covering(SQUARE, level=8)
    assert set(s2cells.levels(fixed).tolist()) == {8}


def test_orientation_rules():
    cw = SQUARE
    ccw = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    assert s2cells.covering(cw).tolist() == s2cells.covering(ccw).tolist()
    with pytest.raises(ValueError, match="orientation|clockwise"):
        s2cells.covering(cw, strict_orientation=True)
    s2cells.covering(ccw, strict_orientation=True)


def test_hex_wkb_and_missing_values():
    # PostGIS's text form of a geometry (psql, pandas.read_sql) and
    # DuckDB's ST_AsHEXWKB: hex WKB, either case, EWKB with its SRID.
    shape = shapely.geometry.shape(SQUARE)
    want = s2cells.covering(SQUARE, max_cells=20).tolist()
    for h in (shapely.to_wkb(shape, hex=True), shapely.to_wkb(shape, hex=True).lower(),
              shapely.to_wkb(shapely.set_srid(shape, 4326), hex=True, include_srid=True),
              " " + shapely.to_wkb(shape, hex=True) + "\n"):
        assert s2cells.covering(h, max_cells=20).tolist() == want, h
    col = pa.array([shapely.to_wkb(shape, hex=True), None])
    assert s2cells.coverings(col, max_cells=20).to_pylist() == [want, None]
    with pytest.raises(ValueError, match=r"^covering: invalid hex WKB: 'G' at character 2 is not a hex digit"):
        s2cells.covering("01G3")
    with pytest.raises(ValueError, match=r"^covering: invalid hex WKB: 5 hex digits, an odd number"):
        s2cells.covering("01030")
    with pytest.raises(ValueError, match=r"^covering: hex WKB: invalid WKB at byte 9: a count of 5 positions needs at least 80 bytes"):
        s2cells.covering(shapely.to_wkb(shape, hex=True)[:30])
    with pytest.raises(ValueError, match=r"^covering: hex WKB: invalid WKB at byte 5: latitude 95"):
        s2cells.covering(shapely.Point(10, 95).wkb_hex)
    with pytest.raises(ValueError, match=r"nor hex WKB \(starts with 00 or 01\)"):
        s2cells.covering("42")
    # Missing values in pandas columns are null rows: None, NaN (object
    # dtype, read_csv), pd.NA (string dtypes).
    pd = pytest.importorskip("pandas")
    for s in (pd.Series(["POINT (1 2)", np.nan]), pd.Series(["POINT (1 2)", pd.NA], dtype="string"),
              pd.Series(["POINT (1 2)", None], dtype="string[pyarrow]"),
              pd.Series(["POINT (1 2)", pd.NA], dtype=object)):
        got = s2cells.coverings(s, max_level=10)
        assert got[1] is None and got[0].tolist() == s2cells.covering("POINT (1 2)", max_level=10).tolist()


def test_errors_name_the_problem():
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
    with pytest.raises(ValueError, match=r"covering: invalid GeoJSON geometry at coordinates\[0\]: .*crosses"):
        s2cells.covering(bowtie)
    # The way out is named as Python spells it, not as the CLI's flag.
    with pytest.raises(ValueError, match=r"\(lenient=True covers such rings as given\)$"):
        s2cells.covering(bowtie)
    with pytest.warns(s2cells.RepairWarning, match=r"the ring crosses itself \(the edges from positions 0 and 2 cross\); covered as given"):
        assert len(s2cells.covering(bowtie, lenient=True)) > 0
    with pytest.raises(ValueError, match=r"invalid WKT at line 1, column 8: latitude 95"):
        s2cells.covering("POINT (10 95)")
    with pytest.raises(ValueError, match=r"invalid WKB at byte 5: latitude 95"):
        s2cells.covering(shapely.Point(10, 95).wkb)
    with pytest.raises(ValueError, match="FeatureCollection of 2 features"):
        s2cells.covering({"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": SQUARE}, {"type": "Feature", "geometry": SQUARE}]})
    with pytest.raises(TypeError, match="expected a geometry"):
        s2cells.covering(12)
    with pytest.raises(ValueError, match="min_level=9 is above max_level=3"):
        s2cells.covering(SQUARE, 9, 3)
    with pytest.raises(ValueError, match="max_cells=0"):
        s2cells.covering(SQUARE, max_cells=0)


def test_coverings_of_columns():
    wkts = ["POINT (1 1)", None, "POLYGON ((0 0, 1 0, 1 1, 0 0))"]
    out = s2cells.coverings(wkts, max_level=10)
    assert out[1] is None and len(out[0]) == 1 and out[0].dtype == np.uint64
    arrow = s2cells.coverings(pa.array(wkts), max_level=10)
    assert arrow.type == pa.list_(pa.uint64())
    assert arrow.to_pylist() == [None if o is None else o.tolist() for o in out]
    wkb = pa.array([None if w is None else shapely.from_wkt(w).wkb for w in wkts], pa.binary())
    assert s2cells.coverings(wkb, max_level=10).to_pylist() == arrow.to_pylist()
    chunked = s2cells.coverings(pa.chunked_array([wkts[:1], wkts[1:]]), max_level=10)
    assert isinstance(chunked, pa.ChunkedArray) and chunked.to_pylist() == arrow.to_pylist()
    shapes = np.array([shapely.from_wkt(w) if w else None for w in wkts], dtype=object)
    assert [None if o is None else o.tolist() for o in s2cells.coverings(shapes, max_level=10)] == arrow.to_pylist()


def test_coverings_bad_row():
    with pytest.raises(ValueError, match=r"coverings: row 2: invalid WKT"):
        s2cells.coverings(["POINT (0 0)", "POINT (1 1)", "POINT (1 100)"])
    got = s2cells.coverings(["POINT (0 0)", "POINT (1 100)"], errors="null")
    assert got[1] is None
    with pytest.raises(TypeError, match=r"coverings: row 1: expected a geometry"):
        s2cells.coverings(["POINT (0 0)", 5])
    assert s2cells.coverings(["POINT (1 1)", 5], errors="null")[1] is None


def test_pandas():
    pd = pytest.importorskip("pandas")
    s = pd.Series(["POINT (0 0)", "POINT (1 1)"], index=["a", "b"])
    out = s2cells.coverings(s, max_level=5)
    assert list(out.index) == ["a", "b"] and out["b"].dtype == np.uint64


def test_geopandas():
    gpd = pytest.importorskip("geopandas")
    gs = gpd.GeoSeries.from_wkt(["POINT (0 0)", "POLYGON ((0 0, 1 0, 1 1, 0 0))"])
    assert [c.tolist() for c in s2cells.coverings(gs, max_level=5)] == [c.tolist() for c in s2cells.coverings(
        list(gs.to_wkt()), max_level=5)]
    # A GeoDataFrame read from a file, its index kept, a missing geometry
    # a null row; one geometry at a time too.
    df = gpd.read_file(os.path.join(REPO, "data", "us-states.geojson"))
    df.index = df.index * 10
    df.loc[20, "geometry"] = None
    out = s2cells.coverings(df, 3, 9, 20)
    assert list(out.index) == list(df.index) and out[20] is None
    assert out[0].tolist() == s2cells.covering(df.geometry[0], 3, 9, 20).tolist()
    with open(os.path.join(REPO, "data", "us-states.geojson")) as f:
        first = json.load(f)["features"][0]
    assert out[0].tolist() == s2cells.covering(first, 3, 9, 20).tolist()
    # Projected coordinates are refused, not covered as degrees.
    with pytest.raises(ValueError, match=r"projected; S2 cells need longitude/latitude degrees: use .to_crs\(4326\)"):
        s2cells.coverings(gs.set_crs(4326).to_crs(3857))
    assert len(s2cells.coverings(gs.set_crs(4326), max_level=5)) == 2


def test_planar_edges_grow_the_covering():
    line = {"type": "LineString", "coordinates": [[-40, 60], [40, 60]]}
    great = s2cells.covering(line, max_cells=50)
    flat = s2cells.covering(line, max_cells=50, planar_edges=True)
    lat, lng = 60.0, 0.0  # on the parallel, far from the great circle
    leaf = s2cells.cell_ids(lat, lng)
    assert any(s2cells.contains(int(c), leaf) for c in flat)
    assert not any(s2cells.contains(int(c), leaf) for c in great)


@pytest.mark.filterwarnings("ignore::s2cells.RepairWarning")
def test_planar_edges_keep_the_level_options():
    # Growing by the planar margin merges siblings into parents; the cells
    # must still respect min_level and level_mod (89 of the 241 countries
    # of world-atlas's 50m file broke min_level=6 before). Straight
    # lon/lat edges make some Natural Earth rings cross: lenient repairs
    # them, with the RepairWarnings other tests check.
    with open(os.path.join(REPO, "data", "countries-110m.geojson")) as f:
        geoms = [ft["geometry"] for ft in json.load(f)["features"]]
    for min_level, level_mod in [(6, 1), (5, 2), (3, 3)]:
        for g in geoms[:40]:
            got = s2cells.covering(g, min_level, 12, 64, level_mod, planar_edges=True, lenient=True)
            lv = s2cells.levels(got)
            assert lv.min() >= min_level and set((lv - min_level) % level_mod) == {0}
            assert np.all(got[:-1] < got[1:])
    with pytest.raises(ValueError, match="budget"):
        s2cells.covering(geoms[0], 14, 14, planar_edges=True, lenient=True, budget=1000)
