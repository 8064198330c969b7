"""s2cells.duckdb against a real DuckDB: every SQL function on ~50,000
points and cells (edge cases included), compared with the package's own
functions, which test_conformance checks against Google's bindings."""

import json

import numpy as np
import pytest

import s2cells
from engine_cases import cells, countries, points, run_readme_example

duckdb = pytest.importorskip("duckdb")
pa = pytest.importorskip("pyarrow")
shapely = pytest.importorskip("shapely")

import s2cells.duckdb as s2db  # noqa: E402


@pytest.fixture(scope="module")
def con():
    lat, lng = points()
    ids = cells(lat, lng)
    n = len(lat)
    # Nulls sprinkled in: every 97th coordinate and every 89th cell.
    lat_null = np.arange(n) % 97 == 5
    cell_null = np.arange(n) % 89 == 7
    table = pa.table({
        "id": np.arange(n),
        "lon": pa.array(lng, mask=lat_null),
        "lat": pa.array(lat, mask=lat_null),
        "cell": pa.array(ids, mask=cell_null),
        "scell": pa.array(s2cells.to_signed(ids), mask=cell_null),
        "lvl": pa.array(s2cells.levels(ids).astype(np.int32)),
    })
    c = s2db.register(duckdb.connect())
    c.register("arrow_t", table)
    c.sql("CREATE TABLE t AS SELECT * FROM arrow_t")
    return Data(c, lat, lng, ids, lat_null, cell_null)


class Data:
    """The connection with table t, and what t holds."""

    def __init__(self, con, lat, lng, ids, lat_null, cell_null):
        self.con, self.lat, self.lng, self.ids = con, lat, lng, ids
        self.lat_null, self.cell_null = lat_null, cell_null

    def sql(self, q):
        return self.con.sql(q)


def column(con, sql):
    """One column of ``SELECT <sql> FROM t ORDER BY id`` as a pyarrow array."""
    return con.sql(f"SELECT {sql} AS x FROM t ORDER BY id").to_arrow_table().column("x").combine_chunks()


def valid(con, which):
    return ~(con.lat_null if which == "point" else con.cell_null)


def test_readme_example():
    con = s2db.register(duckdb.connect())
    row = con.sql("SELECT s2_cell_token(s2_cellfromlonlat(-51.14022, -30.0438, 15)) AS t, "
                  "S2_CELLIDFROMPOINT(-51.14022, -30.0438, level => 15) AS bq").fetchall()[0]
    assert row == ("951977d34", s2cells.to_signed(s2cells.from_tokens("951977d34")))


@pytest.mark.parametrize("level", [30, 15, 0])
def test_cell_from_lon_lat(con, level):
    got = column(con, f"s2_cellfromlonlat(lon, lat, {level})")
    assert got.type == pa.uint64()
    m = valid(con, "point")
    assert np.asarray(got.is_null()).tolist() == (~m).tolist()
    want = s2cells.cell_ids(con.lat[m], con.lng[m], level)
    assert np.asarray(got.drop_null()).tolist() == want.tolist()
    bq = column(con, f"S2_CELLIDFROMPOINT(lon, lat, level => {level})")
    assert bq.type == pa.int64()
    assert np.asarray(bq.drop_null()).tolist() == s2cells.to_signed(want).tolist()


def test_defaults_are_the_leaf(con):
    m = valid(con, "point")
    leaf = s2cells.cell_ids(con.lat[m], con.lng[m])
    assert np.asarray(column(con, "s2_cellfromlonlat(lon, lat)").drop_null()).tolist() == leaf.tolist()
    assert (np.asarray(column(con, "S2_CELLIDFROMPOINT(lon, lat)").drop_null()).tolist()
            == s2cells.to_signed(leaf).tolist())


def test_level_per_row(con):
    # The level is a column here, not a constant: NULL levels give NULL.
    got = column(con, "s2_cellfromlonlat(lon, lat, CASE WHEN id % 50 = 3 THEN NULL ELSE id % 31 END)")
    n = len(con.lat)
    lv = np.arange(n) % 31
    null = con.lat_null | (np.arange(n) % 50 == 3)
    assert np.asarray(got.is_null()).tolist() == null.tolist()
    out = np.asarray(got.fill_null(0))
    for level in range(31):
        m = (lv == level) & ~null
        assert out[m].tolist() == s2cells.cell_ids(con.lat[m], con.lng[m], level).tolist()


def test_cell_functions(con):
    m = valid(con, "cell")
    ids = con.ids[m]

    def same(sql, want):
        for col in ("cell", "scell"):  # UBIGINT and the signed BIGINT form alike
            got = column(con, sql.format(c=col))
            assert np.asarray(got.is_null()).tolist() == (~m).tolist(), sql
            assert got.drop_null().to_pylist() == list(want), (sql, col)

    same("s2_cell_token({c})", s2cells.to_tokens(ids))
    same("s2_cell_level({c})", s2cells.levels(ids))
    same("s2_cell_to_signed({c})", s2cells.to_signed(ids))
    same("s2_cell_from_signed({c})", ids)
    same("s2_cell_range_min({c})", s2cells.leaf_ranges(ids)[0])
    same("s2_cell_range_max({c})", s2cells.leaf_ranges(ids)[1])
    same("s2_cell_area({c})", s2cells.areas(ids))
    same("s2_cell_boundary({c})", s2cells.cell_boundaries(ids, "wkt"))
    same("s2_cell_boundary_wkb({c})", s2cells.cell_boundaries(ids, "wkb"))
    lat, lng = s2cells.centers(ids)
    same("s2_cell_center({c})", [{"lon": x, "lat": y} for x, y in zip(lng, lat)])
    same("s2_cell_contains({c}, {c})", [True] * len(ids))
    nb = s2cells.edge_neighbors(ids)
    for k in range(4):
        same(f"s2_cell_edge_neighbor({{c}}, {k})", nb[:, k])


def test_from_token(con):
    m = valid(con, "cell")
    got = column(con, "s2_cell_from_token(s2_cell_token(cell))")
    assert got.drop_null().to_pylist() == con.ids[m].tolist()
    assert con.sql("SELECT s2_cell_from_token('951977d34')").fetchall()[0][0] == 10743750135264575488


def test_parents_and_children(con):
    leaf = column(con, "s2_cellfromlonlat(lon, lat)").drop_null()
    leaf = np.asarray(leaf)
    for sql, want in [
        ("s2_cell_parent(s2_cellfromlonlat(lon, lat), 12)", s2cells.parents(leaf, 12)),
        ("s2_cell_parent(s2_cellfromlonlat(lon, lat), -3)", s2cells.parents(leaf, 27)),
        ("s2_cell_parent(s2_cellfromlonlat(lon, lat))", s2cells.parents(leaf, 29)),
        ("s2_cell_parent(S2_CELLIDFROMPOINT(lon, lat), level => 5)", s2cells.parents(leaf, 5)),
    ]:
        assert np.asarray(column(con, sql).drop_null()).tolist() == want.tolist(), sql
    p12 = s2cells.parents(leaf, 12)
    kids = s2cells.children(p12)
    for k in range(4):
        got = column(con, f"s2_cell_child(s2_cell_parent(s2_cellfromlonlat(lon, lat), 12), {k})")
        assert np.asarray(got.drop_null()).tolist() == [int(c[k]) for c in kids]
    got = column(con, "s2_cell_contains(s2_cell_parent(s2_cellfromlonlat(lon, lat), 12), "
                      "s2_cellfromlonlat(lon, lat))")
    assert set(got.drop_null().to_pylist()) == {True}
    sib = column(con, "s2_cell_intersects(s2_cell_child(s2_cell_parent(s2_cellfromlonlat(lon, lat), 12), 0), "
                      "s2_cell_child(s2_cell_parent(s2_cellfromlonlat(lon, lat), 12), 1))")
    assert set(sib.drop_null().to_pylist()) == {False}
    up = column(con, "s2_cell_intersects(s2_cellfromlonlat(lon, lat), s2_cell_parent(s2_cellfromlonlat(lon, lat), 3))")
    assert set(up.drop_null().to_pylist()) == {True}


def test_leaf_ranges_join_points_to_cells(con):
    # The join the ranges are for, as the README shows it: leaves and ranges
    # are columns first, so DuckDB's range join (not a UDF per pair) runs.
    con.sql("CREATE TEMP TABLE pts AS SELECT id, s2_cellfromlonlat(lon, lat) AS leaf FROM t "
            "WHERE lat IS NOT NULL")
    con.sql("CREATE TEMP TABLE c AS SELECT cell, s2_cell_range_min(cell) AS lo, "
            "s2_cell_range_max(cell) AS hi FROM (SELECT DISTINCT s2_cell_parent(leaf, 10) AS cell "
            "FROM pts)")
    got = con.sql("SELECT pts.id, c.cell FROM pts JOIN c ON pts.leaf BETWEEN c.lo AND c.hi "
                  "ORDER BY pts.id").fetchall()
    m = valid(con, "point")
    want = s2cells.cell_ids(con.lat[m], con.lng[m], 10)
    assert [r[1] for r in got] == want.tolist()
    assert [r[0] for r in got] == np.flatnonzero(m).tolist()


def test_coverings_of_countries():
    # Natural Earth at 1:110m as published: a few rings cross themselves, so
    # lenient; some options per call, the rest by name as BigQuery's.
    con = s2db.register(duckdb.connect())
    named = countries()
    shapes = [shapely.geometry.shape(g) for _, g in named]
    con.register("geo", pa.table({
        "k": np.arange(len(named)),
        "geojson": [json.dumps(g) for _, g in named],
        "wkt": [s.wkt for s in shapes],
        "wkb": [s.wkb for s in shapes],
    }))
    for args, kw in [(", lenient => true", {}),
                     (", 2, 10, 40, lenient => true", dict(min_level=2, max_level=10, max_cells=40)),
                     (", max_cells => 20, max_level => 9, lenient => true, planar_edges => true",
                      dict(max_cells=20, max_level=9, planar_edges=True))]:
        want = [s2cells.covering(g, lenient=True, **kw).tolist() for _, g in named]
        for col in ("geojson", "wkt", "wkb"):
            got = con.sql(f"SELECT s2_covering({col}{args}) FROM geo ORDER BY k").fetchall()
            assert [r[0] for r in got] == want, (col, args)
        bq = con.sql(f"SELECT S2_COVERINGCELLIDS(wkb{args}) FROM geo ORDER BY k").fetchall()
        assert [r[0] for r in bq] == [s2cells.to_signed(np.array(w, np.uint64)).tolist() for w in want]
    inner = con.sql("SELECT s2_covering(wkb, max_level => 8, interior => true, lenient => true) "
                    "FROM geo ORDER BY k").fetchall()
    assert [r[0] for r in inner] == [s2cells.covering(g, max_level=8, interior=True, lenient=True).tolist()
                                     for _, g in named]
    fixed = con.sql("SELECT s2_covering_fixed_level(wkb, 4, lenient => true) FROM geo ORDER BY k").fetchall()
    assert [r[0] for r in fixed] == [s2cells.covering(g, level=4, lenient=True).tolist() for _, g in named]
    with pytest.raises(duckdb.Error, match="crosses"):  # strict by default, as BigQuery
        con.sql("SELECT s2_covering(wkb) FROM geo").fetchall()


def test_covering_modes():
    # The CLI's --mode and Python's mode=, by name, on the countries; a mode
    # per row; NULL gives NULL; an unknown one names itself.
    con = s2db.register(duckdb.connect())
    named = countries()
    con.register("geo", pa.table({
        "k": np.arange(len(named)),
        "wkb": [shapely.geometry.shape(g).wkb for _, g in named],
    }))

    def sql(call):
        return [r[0] for r in con.sql(f"SELECT {call} FROM geo ORDER BY k").fetchall()]

    for mode in ("intersects", "centroid"):
        want = [s2cells.covering(g, level=5, mode=mode, lenient=True).tolist() for _, g in named]
        assert sql(f"s2_covering_fixed_level(wkb, 5, mode => '{mode}', lenient => true)") == want
    centroid = sql("s2_covering_fixed_level(wkb, 5, lenient => true, mode => 'centroid')")
    fixed = sql("s2_covering_fixed_level(wkb, 5, lenient => true)")
    assert all(set(c) <= set(f) for c, f in zip(centroid, fixed))
    assert sum(map(len, centroid)) < sum(map(len, fixed))
    inner = sql("s2_covering(wkb, max_level => 8, mode => 'interior', lenient => true)")
    assert inner == sql("s2_covering(wkb, max_level => 8, interior => true, lenient => true)")
    assert inner == [s2cells.covering(g, max_level=8, mode="interior", lenient=True).tolist()
                     for _, g in named]
    sq = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"
    got = con.sql(f"SELECT s2_covering_fixed_level('{sq}', 7, mode => m) FROM "
                  "(VALUES (1, 'centroid'), (2, NULL), (3, 'intersects'), (4, 'centroid')) v(k, m) "
                  "ORDER BY k").fetchall()
    assert [r[0] for r in got] == [s2cells.covering(sq, level=7, mode="centroid").tolist(), None,
                                   s2cells.covering(sq, level=7).tolist(),
                                   s2cells.covering(sq, level=7, mode="centroid").tolist()]
    with pytest.raises(duckdb.Error, match="mode 'middle': expected one of covering, interior"):
        con.sql(f"SELECT s2_covering('{sq}', mode => 'middle')").fetchall()
    with pytest.raises(duckdb.Error, match="give level="):
        con.sql(f"SELECT s2_covering('{sq}', mode => 'centroid')").fetchall()


def test_covering_options_per_row():
    con = s2db.register(duckdb.connect())
    sq = "POLYGON ((0 0, 2 0, 2 2, 0 2, 0 0))"
    got = con.sql(f"SELECT s2_covering('{sq}', max_cells => n) FROM range(1, 7) r(n) ORDER BY n").fetchall()
    assert [r[0] for r in got] == [s2cells.covering(sq, max_cells=n).tolist() for n in range(1, 7)]


def test_nulls_give_null():
    con = s2db.register(duckdb.connect())
    assert con.sql("SELECT s2_cellfromlonlat(NULL, 1), s2_cell_token(NULL), s2_covering(NULL), "
                   "S2_CELLIDFROMPOINT(1, 2, NULL)").fetchall() == [(None, None, None, None)]


@pytest.mark.parametrize("sql, message", [
    ("s2_cellfromlonlat(0, 91)", r"invalid lat/lng \(91"),
    ("s2_cellfromlonlat(0, 1, 31)", "level 31"),
    ("s2_cell_from_token('zz')", "invalid cell token"),
    ("s2_cell_token(2::UBIGINT)", "2"),
    ("s2_cell_parent(s2_cell_from_token('95'), 10)", "above the parent level"),
    ("s2_cell_child(s2_cell_from_token('95'), 4)", "index 4"),
    ("s2_cell_edge_neighbor(s2_cell_from_token('95'), -1)", "index -1"),
    ("s2_covering('POLYGON ((0 0, 1 1')", "covering"),
    ("s2_covering(42)", "VARCHAR"),
    ("s2_cell_level('95')", "UBIGINT"),
    ("S2_COVERINGCELLIDS('POINT (0 0)', buffer => 10)", "buffer is not supported"),
])
def test_errors_name_the_bad_value(sql, message):
    con = s2db.register(duckdb.connect())
    with pytest.raises(duckdb.Error, match=message):
        con.sql(f"SELECT {sql}").fetchall()


def test_try_gives_null():
    con = s2db.register(duckdb.connect())
    got = con.sql("SELECT TRY(s2_cell_from_token(t)) FROM (VALUES ('95'), ('zz')) v(t)").fetchall()
    assert got == [(s2cells.from_tokens("95"),), (None,)]


def test_register_again_and_per_connection():
    a = s2db.register(duckdb.connect())
    s2db.register(a)  # replaces, no error
    assert a.sql("SELECT s2_cell_level(s2_cell_from_token('95'))").fetchall() == [(2,)]
    b = duckdb.connect()
    with pytest.raises(duckdb.Error):
        b.sql("SELECT s2_cell_from_token('95')").fetchall()


def test_functions_are_listed():
    names = [f[0] for f in s2db.functions()]
    assert {"S2_CELLIDFROMPOINT", "S2_COVERINGCELLIDS", "s2_cell_parent", "s2_cell_token",
            "s2_cellfromlonlat", "s2_cell_range_min", "s2_covering"} <= set(names)
    con = s2db.register(duckdb.connect())
    have = {r[0] for r in con.sql("SELECT function_name FROM duckdb_functions()").fetchall()}
    assert set(names) <= have


def test_readme_section_and_docstrings():
    import doctest

    run_readme_example("DuckDB")
    result = doctest.testmod(s2db)
    assert result.attempted > 0 and result.failed == 0
