"""The CLI's fixed-level modes (``mode="intersects"`` and ``"centroid"``)
against Google's coverer and polygon tests, and lenient repairs surfaced
as ``RepairWarning``s naming the feature and the ring."""

import json
import os
import warnings

import numpy as np
import pytest

import s2cells

s2 = pytest.importorskip("s2geometry")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}


def countries():
    with open(os.path.join(REPO, "data", "countries-110m.geojson")) as f:
        return json.load(f)["features"]


def google_polygon(geometry):
    from test_conformance import google_polygon as gp

    return gp(geometry)


def google_fixed(region, level):
    c = s2.S2RegionCoverer()
    c.set_min_level(level)
    c.set_max_level(level)
    c.set_max_cells(1 << 30)
    return [x.id() for x in c.GetCovering(region)]


def google_centroid(poly, level):
    return [i for i in google_fixed(poly, level)
            if poly.Contains(s2.S2Cell(s2.S2CellId(i)).GetCenter())]


def test_fixed_level_modes_equal_google_on_real_boundaries():
    feats = countries()
    names = {"Uruguay", "Switzerland", "Sri Lanka", "Iceland", "Panama", "Nepal"}
    checked = 0
    for f in feats:
        if f["properties"].get("name") not in names:
            continue
        poly = google_polygon(f["geometry"])
        for level in (5, 7):
            inter = s2cells.covering(f, level=level, mode="intersects")
            assert inter.tolist() == google_fixed(poly, level), f["properties"]["name"]
            assert inter.tolist() == s2cells.covering(f, level=level).tolist()
            cen = s2cells.covering(f, level=level, mode="centroid")
            assert cen.tolist() == google_centroid(poly, level), f["properties"]["name"]
            assert set(cen.tolist()) <= set(inter.tolist())
            checked += 1
    assert checked == 2 * len(names)


def test_centroid_cells_partition_a_tiling():
    # Four squares tiling a larger one: each level-9 cell of the large
    # square's centroid cells is the centroid cell of exactly one part.
    parts = [f"POLYGON (({x} {y}, {x + 1} {y}, {x + 1} {y + 1}, {x} {y + 1}, {x} {y}))"
             for x in (10, 11) for y in (40, 41)]
    whole = "POLYGON ((10 40, 12 40, 12 42, 10 42, 10 40))"
    each = s2cells.coverings(parts, level=9, mode="centroid")
    joined = np.sort(np.concatenate(list(each)))
    assert len(np.unique(joined)) == len(joined)  # no cell twice
    # The parts' edges are great circles, the whole's too: the union of
    # the parts is the whole, so the centroid cells are the same.
    assert joined.tolist() == s2cells.covering(whole, level=9, mode="centroid").tolist()


def test_modes_on_rects_caps_and_columns():
    rect = s2cells.Rect(-30.2, -51.3, -30.0, -51.0)
    cap = s2cells.Cap(-30.04, -51.14, 5000)
    g_rect = s2.S2LatLngRect(s2.S2LatLng.FromDegrees(-30.2, -51.3), s2.S2LatLng.FromDegrees(-30.0, -51.0))
    assert s2cells.covering(rect, level=12, mode="intersects").tolist() == google_fixed(g_rect, 12)
    cen = s2cells.covering(rect, level=12, mode="centroid")
    want = [i for i in google_fixed(g_rect, 12) if g_rect.Contains(s2.S2LatLng(s2.S2Cell(s2.S2CellId(i)).GetCenter()))]
    assert cen.tolist() == want
    lat, lng = s2cells.centers(s2cells.covering(cap, level=13, mode="centroid"))
    g_cap = s2.S2Cap(s2.S2LatLng.FromDegrees(-30.04, -51.14).ToPoint(), s2.S1Angle.Radians(5000 / 6371010.0))
    assert all(g_cap.Contains(s2.S2LatLng.FromDegrees(a, b).ToPoint()) for a, b in zip(lat, lng))
    inner = s2cells.covering(cap, 0, 13, 50, mode="interior")
    assert inner.tolist() == s2cells.covering(cap, 0, 13, 50, interior=True).tolist()
    pa = pytest.importorskip("pyarrow")
    col = s2cells.coverings(pa.array(["POINT (0 0)", None, "POLYGON ((0 0, 1 0, 1 1, 0 0))"]), level=8,
                            mode="centroid")
    assert col.to_pylist()[1] is None and col.to_pylist()[0] == []  # a point has no area
    tri = google_polygon({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]})
    assert col.to_pylist()[2] == google_centroid(tri, 8)


def test_mode_errors():
    sq = "POLYGON ((0 0, 1 0, 1 1, 0 0))"
    with pytest.raises(ValueError, match='mode="centroid" gives the cells at one level: give level='):
        s2cells.covering(sq, mode="centroid")
    with pytest.raises(ValueError, match='mode="intersects" gives the cells at one level'):
        s2cells.coverings([sq], mode="intersects")
    with pytest.raises(ValueError, match='mode="nearest": expected "covering", "interior", "intersects" or "centroid"'):
        s2cells.covering(sq, mode="nearest")
    with pytest.raises(ValueError, match='interior=True is mode="interior"'):
        s2cells.covering(sq, level=5, interior=True, mode="centroid")
    with pytest.raises(ValueError, match="budget"):
        s2cells.covering("POLYGON ((-170 -80, 170 -80, 170 80, -170 80, -170 -80))", level=12,
                         mode="centroid", budget=1000)


def test_lenient_repairs_warn_naming_feature_and_ring():
    with pytest.warns(s2cells.RepairWarning, match=r"^covering: feature 0 at coordinates\[0\]: .*cross") as rec:
        cells = s2cells.covering(BOWTIE, lenient=True)
    assert len(cells) > 0 and len(rec) == 1
    assert rec[0].filename == __file__  # the warning points at the caller's line
    # Not lenient: an error, no warning.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="crosses"):
            s2cells.covering(BOWTIE)
        s2cells.covering("POLYGON ((0 0, 1 0, 1 1, 0 0))", lenient=True)  # valid: no warning
    # A column: each warning names its row as the feature, in row order.
    good = "POLYGON ((0 0, 1 0, 1 1, 0 0))"
    col = [good, json.dumps(BOWTIE), None, good, json.dumps({"type": "MultiPolygon",
                                                             "coordinates": [BOWTIE["coordinates"]]})]
    with pytest.warns(s2cells.RepairWarning) as rec:
        out = s2cells.coverings(col, lenient=True)
    msgs = [str(w.message) for w in rec]
    assert len(msgs) == 2, msgs
    assert msgs[0].startswith("coverings: feature 1 at coordinates[0]: ")
    assert msgs[1].startswith("coverings: feature 4 at coordinates[0][0]: ")
    assert out[2] is None and all(len(out[k]) > 0 for k in (0, 1, 3, 4))
    # As errors, when asked.
    with warnings.catch_warnings():
        warnings.simplefilter("error", s2cells.RepairWarning)
        with pytest.raises(s2cells.RepairWarning):
            s2cells.covering(BOWTIE, lenient=True)


def test_repairs_warn_from_terms_and_vocabularies():
    with pytest.warns(s2cells.RepairWarning, match=r"^index_terms: feature 0 at coordinates\[0\]") as rec:
        s2cells.TermIndexer(max_level=10).index_terms(BOWTIE, lenient=True)
    assert rec[0].filename == __file__
    with pytest.warns(s2cells.RepairWarning, match=r"^Vocabulary.from_region: feature 0 at coordinates\[0\]"):
        s2cells.Vocabulary.from_region(BOWTIE, 6, lenient=True)
    with pytest.warns(s2cells.RepairWarning, match=r"^covering: feature 0"):
        s2cells.KeyQuery(BOWTIE, max_level=10, lenient=True)
