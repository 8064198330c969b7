"""s2cells.polars against a real Polars: expressions on lazy and eager
frames, the in-memory and the streaming engine, chunked columns, group_by,
compared with the package's own functions (which test_conformance checks
against Google's bindings)."""

import json

import numpy as np
import pytest

import s2cells
from engine_cases import cells, countries, points, run_readme_example

pl = pytest.importorskip("polars")
shapely = pytest.importorskip("shapely")

import s2cells.polars as s2pl  # noqa: E402


@pytest.fixture(scope="module")
def frame():
    lat, lng = points()
    n = len(lat)
    null = np.arange(n) % 97 == 5
    ids = cells(lat, lng)
    cnull = np.arange(n) % 89 == 7
    df = pl.DataFrame({
        "i": np.arange(n),
        "lat": pl.Series(lat).scatter(np.flatnonzero(null), None),
        "lng": lng,
        "cell": pl.Series(ids, dtype=pl.UInt64).scatter(np.flatnonzero(cnull), None),
    })
    # Several chunks, as a scan or a concat gives.
    df = pl.concat([df[k:k + 7000] for k in range(0, n, 7000)], rechunk=False)
    assert df.n_chunks() > 1
    return df, lat, lng, null, ids, cnull


def test_readme_example():
    df = pl.LazyFrame({"lat": [-30.0438, 48.8566], "lng": [-51.14022, 2.3522]})
    out = df.with_columns(cell=s2pl.cell_id("lat", "lng", level=15)).with_columns(
        token=pl.col("cell").s2.to_token(), parent=pl.col("cell").s2.parent(10)).collect()
    assert out["token"].to_list() == ["951977d34", "47e66e1dc"]
    assert out["cell"].dtype == pl.UInt64


@pytest.mark.parametrize("engine", ["in-memory", "streaming"])
@pytest.mark.parametrize("level", [30, 12])
def test_cell_id_lazy(frame, engine, level):
    df, lat, lng, null, _, _ = frame
    out = (df.lazy().select("i", s2pl.cell_id(pl.col("lat"), "lng", level=level).alias("c"))
           .collect(engine=engine).sort("i"))
    c = out["c"]
    assert c.dtype == pl.UInt64
    assert c.is_null().to_list() == null.tolist()
    assert c.drop_nulls().to_list() == s2cells.cell_ids(lat[~null], lng[~null], level).tolist()


def test_float32_and_expressions_as_arguments(frame):
    df, lat, lng, null, _, _ = frame
    out = df.select(s2pl.cell_id(pl.col("lat").cast(pl.Float32), pl.col("lng") * 1.0, level=9))
    want = s2cells.cell_ids(lat[~null].astype(np.float32), lng[~null], 9)
    assert out.to_series().drop_nulls().to_list() == want.tolist()


def test_cell_namespace(frame):
    df, _, _, _, ids, cnull = frame
    m = ~cnull
    ids = ids[m]
    c = pl.col("cell")
    out = df.lazy().select(
        token=c.s2.to_token(),
        level=c.s2.level(),
        signed=c.s2.to_signed(),
        back=c.s2.to_signed().s2.from_signed(),
        lo=c.s2.range_min(),
        hi=c.s2.range_max(),
        center=c.s2.center(),
        area=c.s2.area(),
        km2=c.s2.area("km2", exact=False),
        wkb=c.s2.boundary(),
        geojson=c.s2.boundary("geojson"),
        nb=c.s2.edge_neighbors(),
        self_contains=c.s2.contains(c),
    ).collect(engine="streaming").filter(pl.Series(m))
    lo, hi = s2cells.leaf_ranges(ids)
    lat, lng = s2cells.centers(ids)
    assert out["token"].to_list() == s2cells.to_tokens(ids).tolist()
    assert out["level"].dtype == pl.Int8 and out["level"].to_list() == s2cells.levels(ids).tolist()
    assert out["signed"].to_list() == s2cells.to_signed(ids).tolist()
    assert out["back"].to_list() == ids.tolist()
    assert out["lo"].to_list() == lo.tolist() and out["hi"].to_list() == hi.tolist()
    assert out["center"].struct.field("lat").to_list() == lat.tolist()
    assert out["center"].struct.field("lng").to_list() == lng.tolist()
    assert out["area"].to_list() == s2cells.areas(ids).tolist()
    assert out["km2"].to_list() == s2cells.areas(ids, "km2", exact=False).tolist()
    assert out["wkb"].to_list() == s2cells.cell_boundaries(ids).tolist()
    assert out["geojson"].to_list() == s2cells.cell_boundaries(ids, "geojson").tolist()
    assert out["nb"].to_list() == s2cells.edge_neighbors(ids).tolist()
    assert set(out["self_contains"].to_list()) == {True}
    # Nulls in, nulls out, in every column.
    nulls = df.select(c.s2.to_token(), c.s2.center().alias("ce")).filter(pl.Series(cnull))
    assert nulls.null_count().row(0) == (cnull.sum(), cnull.sum())


def test_parents_children_and_signed_input(frame):
    df, lat, lng, null, _, _ = frame
    leaf = s2cells.cell_ids(lat[~null], lng[~null])
    base = df.lazy().filter(pl.col("lat").is_not_null()).select(
        leaf=s2pl.cell_id("lat", "lng"), signed=s2pl.cell_id("lat", "lng").s2.to_signed())
    out = base.select(
        p10=pl.col("leaf").s2.parent(10),
        up3=pl.col("leaf").s2.parent(-3),
        up1=pl.col("leaf").s2.parent(),
        from_signed=pl.col("signed").s2.parent(10),  # Int64 is read as the signed form
        kid2=pl.col("leaf").s2.parent(10).s2.child(2),
        kids=pl.col("leaf").s2.parent(28).s2.children(30),
        inside=pl.col("leaf").s2.parent(4).s2.contains("leaf"),
    ).collect()
    p10 = s2cells.parents(leaf, 10)
    assert out["p10"].to_list() == p10.tolist()
    assert out["from_signed"].to_list() == p10.tolist()
    assert out["up3"].to_list() == s2cells.parents(leaf, 27).tolist()
    assert out["up1"].to_list() == s2cells.parents(leaf, 29).tolist()
    assert out["kid2"].to_list() == [int(k[2]) for k in s2cells.children(p10)]
    assert out["kids"].to_list() == [k.tolist() for k in s2cells.children(s2cells.parents(leaf, 28), 30)]
    assert set(out["inside"].to_list()) == {True}


def test_series_namespace_and_tokens():
    ids = pl.Series("c", s2cells.from_tokens(["951977d34", "47e66e1dc", "95"]), dtype=pl.UInt64)
    assert ids.s2.to_token().to_list() == ["951977d34", "47e66e1dc", "95"]
    assert ids.s2.level().to_list() == [15, 15, 2]
    assert ids.s2.to_token().name == "c"
    tok = pl.DataFrame({"t": ["951977d34", None, "95"]})
    assert tok.select(s2pl.from_token("t")).to_series().to_list() == [10743750135264575488, None,
                                                                     s2cells.from_tokens("95")]


def test_group_by_cells(frame):
    df, lat, lng, null, _, _ = frame
    counts = (df.lazy().filter(pl.col("lat").is_not_null())
              .group_by(s2pl.cell_id("lat", "lng", level=3).alias("c")).len()
              .collect(engine="streaming"))
    cells3, n = np.unique(s2cells.cell_ids(lat[~null], lng[~null], 3), return_counts=True)
    assert dict(zip(counts["c"].to_list(), counts["len"].to_list())) == dict(zip(cells3.tolist(), n.tolist()))


def test_coverings_of_countries():
    named = countries()
    shapes = [shapely.geometry.shape(g) for _, g in named]
    df = pl.DataFrame({
        "geojson": [json.dumps(g) for _, g in named],
        "wkt": [s.wkt for s in shapes],
        "wkb": [s.wkb for s in shapes],
    })
    for kw in [dict(), dict(min_level=3, max_level=9, max_cells=30, planar_edges=True)]:
        want = [s2cells.covering(g, lenient=True, **kw).tolist() for _, g in named]
        out = df.lazy().select(s2pl.covering(c, lenient=True, **kw).alias(c)
                               for c in ("geojson", "wkt", "wkb")).collect()
        for c in ("geojson", "wkt", "wkb"):
            assert out[c].dtype == pl.List(pl.UInt64)
            assert out[c].to_list() == want, (c, kw)


def test_errors():
    bad = pl.DataFrame({"lat": [10.0, 91.0], "lng": [0.0, 0.0]})
    with pytest.raises(Exception, match=r"s2cells \(Polars cell_id\).*invalid lat/lng \(91, 0\)"):
        bad.select(s2pl.cell_id("lat", "lng"))
    out = bad.select(s2pl.cell_id("lat", "lng", errors="null")).to_series()
    assert out.to_list() == [s2cells.cell_ids(10.0, 0.0), None]
    with pytest.raises(Exception, match="invalid cell token"):
        pl.DataFrame({"t": ["zz"]}).select(s2pl.from_token("t"))
    with pytest.raises(Exception, match="above the parent level"):
        pl.DataFrame({"c": [s2cells.from_tokens("95")]}).select(pl.col("c").s2.parent(9))
    with pytest.raises(Exception, match="expected numbers"):
        pl.DataFrame({"lat": ["x"], "lng": [1.0]}).select(s2pl.cell_id("lat", "lng"))
    with pytest.raises(ValueError, match="index 4"):
        pl.col("c").s2.child(4)


def test_readme_section_and_docstrings():
    import doctest

    run_readme_example("Polars")
    result = doctest.testmod(s2pl)
    assert result.attempted > 0 and result.failed == 0
