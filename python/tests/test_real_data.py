"""Published boundaries nobody on this project wrote (us-atlas counties and
states, world-atlas countries at 1:50m, as tools/data/fetch-real-data.sh
fetches them), read every way a user has them: a GeoJSON FeatureCollection,
a GeoDataFrame from geopandas.read_file, a WKB Arrow column, PostGIS's hex
WKB text. Every valid one is covered as Google's S2RegionCoverer covers
it; the invalid ones are errors naming the row, the ring and the way out.

Like test_spark.py, these skip without the data, and fail without it when
S2CELLS_NO_SKIP is set (CI, which fetches it)."""

import json
import warnings

import pytest

import s2cells
from test_conformance import google_polygon
from test_spark import real_data

s2 = pytest.importorskip("s2geometry")
pa = pytest.importorskip("pyarrow")


def load(name):
    with open(real_data(name)) as f:
        return json.load(f)


def google_covering(feature, min_level, max_level, max_cells):
    c = s2.S2RegionCoverer()
    c.set_min_level(min_level)
    c.set_max_level(max_level)
    c.set_max_cells(max_cells)
    return [x.id() for x in c.GetCovering(google_polygon(feature["geometry"]))]


def test_states_equal_google_and_invalid_ones_are_named():
    fc = load("us-states-10m.geojson")
    feats = fc["features"]
    got = s2cells.coverings(fc, 2, 16, 64, errors="null")
    bad = [i for i, c in enumerate(got) if c is None]
    # Two published states hold a ring that collapses to two points.
    assert len(bad) == 2 and len(feats) == 56, bad
    for i, f in enumerate(feats):
        if i not in bad:
            assert got[i].tolist() == google_covering(f, 2, 16, 64), f["properties"]["name"]
    with pytest.raises(ValueError, match=rf"^coverings: row {bad[0]}: invalid GeoJSON geometry at "
                                         r"coordinates\[\d+\]\[\d+\]: .*\(lenient=True "):
        s2cells.coverings(fc, 2, 16, 64)


def test_counties_sample_equals_google():
    fc = load("us-counties-10m.geojson")
    feats = fc["features"][::10]
    got = s2cells.coverings(feats, 4, 14, 16, errors="null")
    checked = 0
    for f, c in zip(feats, got):
        if c is not None:
            assert c.tolist() == google_covering(f, 4, 14, 16), f["properties"].get("name")
            checked += 1
    assert checked >= 300, checked


def test_countries_every_way_a_user_has_them():
    gpd = pytest.importorskip("geopandas")
    path = real_data("world-countries-50m.geojson")
    fc = load("world-countries-50m.geojson")

    def lists(coverings):
        return [None if c is None else c.tolist() for c in coverings]

    want = lists(s2cells.coverings(fc, 0, 30, 8, errors="null"))
    assert len(want) == 241
    # Antarctica alone is refused: on the sphere one of its rings (drawn
    # along the flat map's bottom edge) lies around its shell, which is
    # an error rather than a second shell (the CLI's issue-14 rule).
    names = [f["properties"]["name"] for f in fc["features"]]
    assert [names[i] for i, c in enumerate(want) if c is None] == ["Antarctica"]
    with pytest.raises(ValueError, match=r"row 239: .*this hole lies around its shell"):
        s2cells.coverings(fc, 0, 30, 8)
    sample = range(0, 241, 6)
    for i in sample:
        assert want[i] == google_covering(fc["features"][i], 0, 30, 8), i
    df = gpd.read_file(path)
    assert lists(s2cells.coverings(df, 0, 30, 8, errors="null")) == want
    wkb = list(df.geometry.to_wkb())
    for col in (pa.array(wkb, pa.binary()), pa.chunked_array([wkb[:100], wkb[100:]], pa.large_binary()),
                pa.table(df.to_arrow(geometry_encoding="WKB")).column("geometry")):
        assert s2cells.coverings(col, 0, 30, 8, errors="null").to_pylist() == want
    hexes = list(df.geometry.to_wkb(hex=True))
    assert lists(s2cells.coverings(hexes, 0, 30, 8, errors="null")) == want
    assert s2cells.covering(hexes[7], 0, 30, 8).tolist() == want[7]
    # GeoArrow's native encoding is refused with the way to WKB.
    native = pa.table(df.to_arrow(geometry_encoding="geoarrow")).column("geometry")
    with pytest.raises(TypeError, match=r"GeoArrow's native coordinate encodings are not read; pass WKB"):
        s2cells.coverings(native)


def test_repairs_of_published_rings_warn_per_row():
    # The counties at 1:10m quantized by TopoJSON: lenient covers the
    # rings that touch themselves, one RepairWarning per ring, each naming
    # its row; without lenient those rows are errors (null here).
    fc = load("us-counties-10m.geojson")
    strict = s2cells.coverings(fc, 4, 12, 8, errors="null")
    bad = {i for i, c in enumerate(strict) if c is None}
    assert bad
    with warnings.catch_warnings(record=True) as rec:
        warnings.simplefilter("always", s2cells.RepairWarning)
        lenient = s2cells.coverings(fc, 4, 12, 8, lenient=True, errors="null")
    rows = {int(str(w.message).split("feature ")[1].split(" ")[0]) for w in rec
            if issubclass(w.category, s2cells.RepairWarning)}
    assert rows and rows <= bad
    for i, c in enumerate(lenient):
        if i not in bad:
            assert c.tolist() == strict[i].tolist()
