"""Every input kind gives the same cells in the matching kind; nulls in give
nulls out; bad input raises ValueError naming the first bad row, or gives
null with errors="null"."""

import numpy as np
import pytest

import s2cells

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

LAT = [-30.0438, 48.8566, 90.0, -90.0, 0.0, 35.6762]
LNG = [-51.14022, 2.3522, 0.0, 180.0, -180.0, 139.6503]
WANT = [int(x) for x in s2cells.cell_ids(np.array(LAT), np.array(LNG), 15)]


def test_numpy_in_numpy_out():
    got = s2cells.cell_ids(np.array(LAT), np.array(LNG), level=15)
    assert isinstance(got, np.ndarray) and got.dtype == np.uint64
    assert s2cells.to_tokens(got)[0] == "951977d34"


def test_float32_and_int_coordinates():
    got = s2cells.cell_ids(np.array([10, 20], dtype=np.int32), np.array([30, 40], dtype=np.int64))
    want = s2cells.cell_ids(np.array([10.0, 20.0]), np.array([30.0, 40.0]))
    assert got.tolist() == want.tolist()
    f32 = s2cells.cell_ids(np.array(LAT, dtype=np.float32), np.array(LNG, dtype=np.float32), 10)
    assert f32.tolist() == s2cells.cell_ids(np.array(LAT, dtype=np.float32).astype(float),
                                            np.array(LNG, dtype=np.float32).astype(float), 10).tolist()


def test_non_contiguous_numpy():
    a = np.array([[x, y] for x, y in zip(LAT, LNG)])
    assert s2cells.cell_ids(a[:, 0], a[:, 1], 15).tolist() == WANT


def test_pyarrow_array_and_chunked():
    got = s2cells.cell_ids(pa.array(LAT), pa.array(LNG), 15)
    assert isinstance(got, pa.Array) and got.type == pa.uint64()
    assert got.to_pylist() == WANT
    lat = pa.chunked_array([LAT[:2], LAT[2:]])
    lng = pa.chunked_array([LNG[:4], LNG[4:]])  # other boundaries
    got = s2cells.cell_ids(lat, lng, 15)
    assert isinstance(got, pa.ChunkedArray)
    assert got.to_pylist() == WANT
    assert got.num_chunks == 3  # cut at the union of the boundaries


def test_pyarrow_nulls_in_nulls_out():
    got = s2cells.cell_ids(pa.array([1.0, None, 3.0]), pa.array([1.0, 2.0, None]))
    assert got.null_count == 2 and got[0].is_valid
    assert s2cells.to_tokens(pa.array([WANT[0], None], pa.uint64())).to_pylist() == ["951977d34", None]


def test_pyarrow_nan_is_bad_not_null():
    with pytest.raises(ValueError, match=r"cell_ids: row 1: invalid lat/lng \(NaN, 2\)"):
        s2cells.cell_ids(pa.array([1.0, float("nan")]), pa.array([1.0, 2.0]))
    got = s2cells.cell_ids(pa.array([1.0, float("nan")]), pa.array([1.0, 2.0]), errors="null")
    assert got.null_count == 1


def test_pandas_series_keeps_index_and_nulls():
    idx = pd.Index([10, 20, 30, 40, 50, 60])
    got = s2cells.cell_ids(pd.Series(LAT, index=idx), pd.Series(LNG, index=idx), 15)
    assert isinstance(got, pd.Series) and list(got.index) == list(idx)
    assert str(got.dtype) == "UInt64" and got.tolist() == WANT
    lat = pd.Series([1.0, np.nan, 3.0])
    got = s2cells.cell_ids(lat, pd.Series([1.0, 2.0, 3.0]))
    assert got.isna().tolist() == [False, True, False]
    nullable = pd.Series([1.0, None, 3.0], dtype="Float64")
    assert s2cells.cell_ids(nullable, pd.Series([1, 2, 3])).isna().tolist() == [False, True, False]
    toks = s2cells.to_tokens(got)
    assert toks.isna().tolist() == [False, True, False]


def test_pandas_rows_are_named_by_label_and_paired_by_index():
    # A filtered frame: the bad row is named by position and by the label
    # .loc finds it by.
    df = pd.DataFrame({"lat": [1.0, 95.0, 3.0], "lng": [1.0, 2.0, 3.0]}, index=[1040, 1043, 1050])
    with pytest.raises(ValueError, match=r"^cell_ids: row 1 \(index label 1043\): invalid lat/lng \(95, 2\)"):
        s2cells.cell_ids(df.lat, df.lng)
    with pytest.raises(ValueError, match=r"^cell_ids: row 1 \(index label 1043\): "):
        s2cells.cell_ids(df.lat, 2.0)
    with pytest.raises(ValueError, match=r"^from_tokens: row 1 \(index label 'b'\): invalid cell token \"zz\""):
        s2cells.from_tokens(pd.Series(["89", "zz"], index=["a", "b"]))
    with pytest.raises(ValueError, match=r"^coverings: row 1 \(index label 'b'\): invalid WKT"):
        s2cells.coverings(pd.Series(["POINT (0 0)", "POINT (0 95)"], index=["a", "b"]))
    with pytest.raises(TypeError, match=r"^coverings: row 1 \(index label 'b'\): expected a geometry"):
        s2cells.coverings(pd.Series(["POINT (0 0)", 5], index=["a", "b"]))
    # The default index adds nothing.
    with pytest.raises(ValueError, match=r"^cell_ids: row 1: invalid"):
        s2cells.cell_ids(df.lat.reset_index(drop=True), df.lng.reset_index(drop=True))
    # Two Series with different indexes would pair the wrong rows (pandas
    # pairs by label, these functions by position): refused.
    with pytest.raises(ValueError, match=r"^cell_ids: the two Series have different indexes"):
        s2cells.cell_ids(df.lat, df.lng.sort_index(ascending=False))
    with pytest.raises(ValueError, match=r"^contains: the two Series have different indexes"):
        s2cells.contains(pd.Series([WANT[0]], index=[3]), pd.Series([WANT[0]], index=[4]))
    a, b = df.lat.drop(1043).align(df.lng.sort_index(ascending=False), join="inner")
    assert s2cells.cell_ids(a, b).tolist() == s2cells.cell_ids([1.0, 3.0], [1.0, 3.0])


def test_columns_named_in_sql_order_are_refused():
    # cell_ids(df.lon, df.lat), the SQL engines' order, would give other
    # cells silently; columns named so are refused, in every way in.
    df = pd.DataFrame({"latitude": [1.0], "Lon": [2.0]})
    with pytest.raises(ValueError, match=r"^cell_ids: the columns are named 'Lon', 'latitude': this "
                                         r"function takes \(lat, lng\), latitude first; pass \(latitude, Lon\)"):
        s2cells.cell_ids(df.Lon, df.latitude)
    assert s2cells.cell_ids(df.latitude, df.Lon).tolist() == s2cells.cell_ids([1.0], [2.0])
    with pytest.raises(ValueError, match=r"^CellEncoder: the columns are named 'Lon', 'latitude'"):
        s2cells.CellEncoder(levels=5).fit(df[["Lon", "latitude"]])
    pl = pytest.importorskip("polars")
    import s2cells.polars as s2pl

    with pytest.raises(ValueError, match=r"the columns are named 'lng', 'lat'"):
        pl.DataFrame({"lat": [1.0], "lng": [2.0]}).select(s2pl.cell_id("lng", "lat"))
    # Other names are not guessed at.
    assert s2cells.cell_ids(pd.Series([1.0], name="x"), pd.Series([2.0], name="y")).tolist() == \
        s2cells.cell_ids([1.0], [2.0])


def test_pandas_arrow_dtype():
    s = pd.Series(LAT, dtype="double[pyarrow]")
    assert s2cells.cell_ids(s, pd.Series(LNG), 15).tolist() == WANT


def test_lists_tuples_scalars():
    assert s2cells.cell_ids(LAT, LNG, 15) == WANT
    assert s2cells.cell_ids(tuple(LAT), tuple(LNG), 15) == WANT
    assert s2cells.cell_ids(LAT[0], LNG[0], 15) == WANT[0]
    assert s2cells.cell_ids([1.0, None], [2.0, 3.0])[1] is None
    assert s2cells.cell_ids(None, 3.0) is None
    assert s2cells.to_tokens(WANT[0]) == "951977d34"
    assert s2cells.levels(WANT) == [15] * len(WANT)


def test_scalar_broadcasts_against_a_column():
    got = s2cells.cell_ids(np.array(LAT), 0.0, 10)
    assert got.tolist() == s2cells.cell_ids(np.array(LAT), np.zeros(len(LAT)), 10).tolist()
    assert s2cells.contains(WANT[0], WANT) == [True, False, False, False, False, False]


def test_polars_series_through_the_capsule_interface():
    pl = pytest.importorskip("polars")
    got = s2cells.cell_ids(pl.Series(LAT), pl.Series(LNG), 15)
    assert hasattr(got, "__arrow_c_stream__")
    assert pl.Series(got).to_list() == WANT
    toks = s2cells.to_tokens(pl.Series(WANT, dtype=pl.UInt64))
    assert pl.Series(toks).to_list()[0] == "951977d34"
    # Polars strings are string views.
    ids = s2cells.from_tokens(pl.Series(["951977d34", None]))
    assert pl.Series(ids).to_list() == [WANT[0], None]


def test_duckdb_arrow_result():
    duckdb = pytest.importorskip("duckdb")
    rel = duckdb.sql("SELECT * FROM (VALUES (-30.0438, -51.14022), (48.8566, 2.3522)) t(lat, lng)")
    table = rel.arrow()
    if hasattr(table, "read_all"):
        table = table.read_all()
    got = s2cells.cell_ids(table.column("lat"), table.column("lng"), 15)
    assert got.to_pylist() == WANT[:2]


def test_int64_ids_are_the_signed_form():
    signed = s2cells.to_signed(np.array(WANT, dtype=np.uint64))
    assert signed.dtype == np.int64 and (signed < 0).any()
    assert s2cells.to_tokens(signed).tolist() == s2cells.to_tokens(np.array(WANT, dtype=np.uint64)).tolist()
    assert s2cells.from_signed(signed).tolist() == WANT
    assert s2cells.to_tokens(pa.array(signed)).to_pylist()[0] == "951977d34"
    assert s2cells.to_tokens([int(signed[0])]) == ["951977d34"]


def test_float_ids_are_refused():
    with pytest.raises(TypeError, match="lose precision"):
        s2cells.to_tokens(np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="64-bit"):
        s2cells.to_tokens(np.array([1, 2], dtype=np.int32))


def test_first_bad_row_is_named():
    lat = np.zeros(100_000)
    lat[70_001] = 91.0
    lat[90_000] = np.inf
    with pytest.raises(ValueError, match=r"^cell_ids: row 70001: invalid lat/lng \(91, 0\)"):
        s2cells.cell_ids(lat, np.zeros(100_000))
    got = s2cells.cell_ids(lat, np.zeros(100_000), errors="null")
    assert (got == 0).sum() == 2 and got[70_001] == 0


def test_bad_ids_and_tokens():
    with pytest.raises(ValueError, match=r"to_tokens: row 1: invalid cell id 2 "):
        s2cells.to_tokens(np.array([WANT[0], 2], dtype=np.uint64))
    with pytest.raises(ValueError, match=r"from_tokens: row 2: invalid cell token \"0x1f\""):
        s2cells.from_tokens(["95", "951977d34", "0x1f"])
    with pytest.raises(ValueError, match=r"from_tokens: row 1: expected a str, got int"):
        s2cells.from_tokens(["95", 3])
    assert s2cells.from_tokens(["95", "zz", None], errors="null") == [s2cells.from_tokens("95"), None, None]
    with pytest.raises(ValueError, match="from_tokens: invalid cell token"):
        s2cells.from_tokens("nope")


def test_numpy_zero_id_is_null():
    ids = np.array([WANT[0], 0], dtype=np.uint64)
    assert s2cells.to_tokens(ids).tolist() == ["951977d34", None]
    assert s2cells.levels(ids).tolist() == [15, -1]
    lat, lng = s2cells.centers(ids)
    assert np.isnan(lat[1]) and not np.isnan(lat[0])


def test_parents_children_levels():
    c = s2cells.from_tokens("951977d34")
    assert s2cells.to_tokens(s2cells.parents(c, 8)) == "95197"
    assert s2cells.to_tokens(s2cells.parents(c, -1)) == "951977d3"
    with pytest.raises(ValueError, match="above the parent level 20"):
        s2cells.parents(c, 20)
    with pytest.raises(ValueError, match="level 31"):
        s2cells.parents(c, 31)
    kids = s2cells.children(c, 17)
    assert len(kids) == 16 and all(s2cells.contains(c, int(k)) for k in kids)
    with pytest.raises(ValueError, match="limit"):
        s2cells.children(s2cells.from_tokens("1"), 30)
    leaf = s2cells.cell_ids(1.0, 2.0)
    with pytest.raises(ValueError, match="is a leaf"):
        s2cells.children(leaf)
    arrow_kids = s2cells.children(pa.array([c, None], pa.uint64()))
    assert arrow_kids.type == pa.list_(pa.uint64()) and arrow_kids.null_count == 1


def test_edge_neighbors_shapes():
    ids = np.array(WANT[:3], dtype=np.uint64)
    n = s2cells.edge_neighbors(ids)
    assert n.shape == (3, 4)
    a = s2cells.edge_neighbors(pa.array(ids))
    assert a.to_pylist() == n.tolist()
    assert s2cells.edge_neighbors(WANT[:2]) == n[:2].tolist()


def test_boundaries_formats():
    shapely = pytest.importorskip("shapely")
    c = s2cells.from_tokens(["951977d34", "1"])  # level 15, and the face-0 child 0 (level 1)
    wkb = s2cells.cell_boundaries(c)
    gj = s2cells.cell_boundaries(c, "geojson")
    wkt = s2cells.cell_boundaries(c, "wkt")
    for k in range(2):
        a = shapely.from_wkb(wkb[k])
        b = shapely.geometry.shape(__import__("json").loads(gj[k]))
        w = shapely.from_wkt(wkt[k])
        assert a.equals(b) and a.equals(w) and a.is_valid
    lat, lng = s2cells.centers(c[0])
    assert shapely.from_wkb(wkb[0]).contains(shapely.Point(lng, lat))


def test_antimeridian_cell_is_split():
    shapely = pytest.importorskip("shapely")
    c = s2cells.from_tokens("7")  # face 3, centred on 180 degrees
    g = shapely.from_wkb(s2cells.cell_boundaries(c))
    assert g.geom_type == "MultiPolygon"
    xs = [x for p in g.geoms for x, _ in p.exterior.coords]
    assert min(xs) >= -180 and max(xs) <= 180


def test_threads():
    n = s2cells.get_num_threads()
    s2cells.set_num_threads(1)
    try:
        assert s2cells.get_num_threads() == 1
        lat = np.random.default_rng(1).uniform(-90, 90, 300_000)
        one = s2cells.cell_ids(lat, lat)
    finally:
        s2cells.set_num_threads(n)
    assert s2cells.cell_ids(lat, lat).tolist() == one.tolist()


def test_the_gil_is_released_during_a_long_call():
    # While one thread is inside a long native call, another runs Python
    # code to the end. With the GIL held through the call, the other
    # thread could only run in the switch intervals before and after it,
    # so its loop (many intervals long: ~4 ms of 0.1 ms intervals) would
    # end after the call (~200 ms on one core). Checked: a C loop that
    # holds the GIL (sum(range(10**7))) in place of the call fails this.
    import sys
    import threading
    import time

    n = 8_000_000
    lat = np.random.default_rng(3).uniform(-90, 90, n)
    threads = s2cells.get_num_threads()
    interval = sys.getswitchinterval()
    s2cells.set_num_threads(1)  # leave a core for the Python thread
    sys.setswitchinterval(1e-4)
    order, started = [], threading.Event()

    def native():
        started.set()
        s2cells.cell_ids(lat, lat)
        order.append("native call")

    try:
        worker = threading.Thread(target=native)
        worker.start()
        started.wait()
        time.sleep(0.02)  # time for the worker to enter the native call
        x = 0
        for i in range(100_000):
            x += i
        order.append("python loop")
        worker.join()
    finally:
        sys.setswitchinterval(interval)
        s2cells.set_num_threads(threads)
    assert order == ["python loop", "native call"]


def test_bad_arguments():
    with pytest.raises(ValueError, match="errors="):
        s2cells.cell_ids([1.0], [2.0], errors="ignore")
    with pytest.raises(ValueError, match="level 31"):
        s2cells.cell_ids([1.0], [2.0], 31)
    with pytest.raises(ValueError, match="differ in length"):
        s2cells.cell_ids(np.zeros(3), np.zeros(4))
    with pytest.raises(ValueError, match="row 1: expected a number"):
        s2cells.cell_ids([1.0, "x"], [2.0, 3.0])
    with pytest.raises(TypeError, match="expected numbers"):
        s2cells.cell_ids(pa.array(["a"]), pa.array(["b"]))


def _cli():
    import os
    import shutil

    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    for p in (shutil.which("s2cells"), os.path.join(repo, "target", "release", "s2cells"),
              os.path.join(repo, "target", "debug", "s2cells")):
        if p and os.path.exists(p):
            return p
    pytest.skip("the s2cells CLI is not built (cargo build -p s2cells-cli)")


@pytest.mark.parametrize("region", ["--cap=0,180,3000000", "--cap=90,0,1000", "--cap=-90,0,1000",
                                    "--cap=-30.0438,-51.14022,2000"])
def test_cell_boundaries_are_the_clis_polygons(region):
    import json
    import subprocess

    level = {"--cap=-30.0438,-51.14022,2000": "14"}.get(region, "0" if "1000" in region else "2")
    out = subprocess.run([_cli(), "cover", region, "--level", level, "--format", "geojson"],
                         capture_output=True, text=True, check=True).stdout
    feats = json.loads(out)["features"]
    assert feats
    ids = np.array([int(f["properties"]["id"]) for f in feats], dtype=np.uint64)
    mine = s2cells.cell_boundaries(ids, "geojson")
    for f, g in zip(feats, mine):
        assert json.loads(g) == f["geometry"], f["properties"]["token"]


def test_kernel_columns_keep_nulls_and_bad_rows_across_pieces():
    """to_tokens, parents, contains and centers run the batch kernels over
    pieces of 16 k rows: nulls, invalid ids and cells coarser than the
    parent level, in every piece and across chunks, come out null (with
    errors="null") exactly where they are, the other rows equal to
    Google's, and errors="raise" names the first bad row, not the first
    null."""
    s2 = pytest.importorskip("s2geometry")
    rng = np.random.default_rng(7)
    n = 40_000
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, n)))
    lng = rng.uniform(-180, 180, n)
    ids = s2cells.cell_ids(lat, lng, 20).astype(object)
    null = set(range(3, n, 997))
    bad = {5: 2, 16_384: 2**64 - 1, 20_001: 1 << 61 | 2, n - 1: 6}
    coarse = {700: 1, 33_000: 2}  # level-5 cells: no level-10 parent
    for i in null:
        ids[i] = None
    for i, v in {**bad}.items():
        ids[i] = v
    for i in coarse:
        ids[i] = int(s2cells.parents(int(ids[i]), 5))
    col = pa.chunked_array([pa.array(ids[:25_000].tolist(), pa.uint64()),
                            pa.array(ids[25_000:].tolist(), pa.uint64())])
    outer = s2cells.parents(col, 4, errors="null")
    gone = null | set(bad)

    def google(i):
        return s2.S2CellId(int(ids[i]))

    tokens = s2cells.to_tokens(col, errors="null").to_pylist()
    parents = s2cells.parents(col, 10, errors="null").to_pylist()
    inside = s2cells.contains(outer, col, errors="null").to_pylist()
    clat, clng = (c.to_pylist() for c in s2cells.centers(col, errors="null"))
    for i in range(n):
        if i in gone:
            assert tokens[i] is None and parents[i] is None and inside[i] is None, i
            assert clat[i] is None and clng[i] is None, i
            continue
        g = google(i)
        ll = g.ToLatLng()
        assert tokens[i] == g.ToToken(), i
        assert inside[i] is True, i
        assert (clat[i], clng[i]) == (ll.lat().degrees(), ll.lng().degrees()), i
        if i in coarse:
            assert parents[i] is None, i
        else:
            assert parents[i] == g.parent(10).id(), i
    # Arrow strings round-trip and the numpy path agrees.
    flat = np.array([0 if x is None else x for x in ids], dtype=np.uint64)
    assert s2cells.to_tokens(flat, errors="null").tolist() == tokens
    for f in (s2cells.to_tokens, s2cells.centers, lambda c, errors: s2cells.parents(c, 10, errors=errors)):
        with pytest.raises(ValueError, match=r": row 5: invalid cell id 2\b"):
            f(col, errors="raise")
    with pytest.raises(ValueError, match=r"contains: row 5: invalid cell id 2\b"):
        s2cells.contains(col, col)
    tail = col.slice(6)
    with pytest.raises(ValueError, match=r"parents: row 694: cell \w+ is at level 5, above the parent level 10"):
        s2cells.parents(tail, 10)
