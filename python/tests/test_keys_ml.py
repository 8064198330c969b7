"""Keys, SQL, terms (against Google's S2RegionTermIndexer) and the ML
encoder (scikit-learn, the CLI's vocabulary file)."""

import json
import os
import shutil
import subprocess

import numpy as np
import pytest

import s2cells
from s2cells.ml import load_vocabularies

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CITY = os.path.join(REPO, "data", "porto-alegre-city.geojson")


def rng_points(n, seed=3):
    r = np.random.default_rng(seed)
    return r.uniform(-30.3, -29.9, n), r.uniform(-51.3, -51.0, n)


def test_key_ranges_find_exactly_the_points_inside_the_covering():
    with open(CITY) as f:
        city = json.load(f)
    q = s2cells.KeyQuery(city, max_level=14, max_cells=40)
    lat, lng = rng_points(20_000)
    leaves = s2cells.cell_ids(lat, lng)
    r = q.ranges("u64")
    in_ranges = np.zeros(len(leaves), dtype=bool)
    for lo, hi in r:
        in_ranges |= (leaves >= lo) & (leaves <= hi)
    covered = np.zeros(len(leaves), dtype=bool)
    for c in q.cells:
        covered |= s2cells.contains(np.full(len(leaves), c, dtype=np.uint64), leaves)
    assert in_ranges.tolist() == covered.tolist() == q.matches(leaves).tolist()
    assert 0 < covered.sum() < len(leaves)
    # The signed ranges select the same rows from int64 keys.
    signed = s2cells.to_signed(leaves)
    sel = np.zeros(len(leaves), dtype=bool)
    for lo, hi in q.ranges("i64"):
        sel |= (signed >= lo) & (signed <= hi)
    assert sel.tolist() == covered.tolist()


def test_sql_where_runs_in_sqlite():
    import sqlite3

    lat, lng = rng_points(5000)
    leaves = s2cells.cell_ids(lat, lng)
    con = sqlite3.connect(":memory:")
    for stmt in s2cells.sql_recipe("places", "cell", "sqlite").split(";\n"):
        con.execute(stmt)
    con.executemany("INSERT INTO places VALUES (?, ?, ?, ?)",
                    [(i, int(s), float(a), float(b)) for i, (s, a, b) in
                     enumerate(zip(s2cells.to_signed(leaves), lat, lng))])
    square = "POLYGON ((-51.2 -30.2, -51.1 -30.2, -51.1 -30.1, -51.2 -30.1, -51.2 -30.2))"
    where = s2cells.sql_where(square, "cell", "sqlite", max_level=16, max_cells=30)
    rows = {r[0] for r in con.execute(f"SELECT id FROM places WHERE {where}")}
    q = s2cells.KeyQuery(square, max_level=16, max_cells=30)
    assert rows == set(np.flatnonzero(q.matches(leaves)).tolist())
    assert len(rows) > 0
    with pytest.raises(ValueError, match="SQL identifier"):
        s2cells.sql_where(square, "cell; DROP TABLE places")


def test_term_indexer_equals_google():
    s2 = pytest.importorskip("s2geometry")
    lat, lng = rng_points(300)
    for opts in ({}, {"min_level": 2, "max_level": 20, "level_mod": 3},
                 {"optimize_for_space": True}, {"points_only": True}):
        mine = s2cells.TermIndexer(**opts)
        g = s2.S2RegionTermIndexer()
        g.set_min_level(opts.get("min_level", 4))
        g.set_max_level(opts.get("max_level", 16))
        g.set_level_mod(opts.get("level_mod", 1))
        g.set_optimize_for_space(opts.get("optimize_for_space", False))
        g.set_index_contains_points_only(opts.get("points_only", False))
        idx = mine.index_terms_for_points(lat, lng, "p:")
        qry = mine.query_terms_for_points(lat, lng, "p:")
        for k in range(len(lat)):
            p = s2.S2LatLng.FromDegrees(float(lat[k]), float(lng[k])).ToPoint()
            assert idx[k] == list(g.GetIndexTerms(p, "p:"))
            assert qry[k] == list(g.GetQueryTerms(p, "p:"))


def test_region_terms_from_cells_and_geometry():
    t = s2cells.TermIndexer()
    with open(CITY) as f:
        city = json.load(f)
    cells = s2cells.covering(city, 4, 16, 8)
    assert t.index_terms(city) == t.index_terms(cells)
    assert t.query_terms(city) == t.query_terms(cells)
    with pytest.raises(ValueError, match="only points"):
        s2cells.TermIndexer(points_only=True).index_terms(cells)


def test_encoder_is_a_scikit_learn_transformer():
    sklearn = pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    import scipy.sparse as sp

    lat, lng = rng_points(2000)
    X = np.column_stack([lat, lng])
    y = (lat > -30.1).astype(int)
    enc = s2cells.CellEncoder(levels=[10, 13], min_count=2)
    M = enc.fit_transform(X)
    assert sp.isspmatrix_csr(M) and M.shape == (2000, enc.n_features_out_)
    assert (M.sum(axis=1) == 2).all()  # one column per level
    names = enc.get_feature_names_out()
    assert names[-1] == "oov_13" and len(names) == M.shape[1]
    tokens = [n for n in names if not n.startswith("oov")]
    lv = s2cells.levels(np.array(s2cells.from_tokens(tokens), dtype=np.uint64)).tolist()
    assert lv == sorted(lv) and set(lv) == {10, 13}
    model = make_pipeline(s2cells.CellEncoder(levels=[12]), LogisticRegression()).fit(X, y)
    assert model.score(X, y) > 0.9
    assert sklearn.base.clone(enc).get_params()["levels"] == [10, 13]
    far = enc.transform(np.array([[48.85, 2.35]]))
    assert far.toarray()[0].nonzero()[0].tolist() == [names.tolist().index("oov_10"), len(names) - 1]
    # Row for a null point: no feature.
    ids = s2cells.cell_ids(lat[:3], lng[:3])
    ids[1] = 0
    assert enc.transform(ids).getnnz(axis=1).tolist() == [2, 0, 2]


def test_vocabulary_file_is_the_clis(tmp_path):
    lat, lng = rng_points(500)
    ids = s2cells.cell_ids(lat, lng)
    enc = s2cells.CellEncoder(levels=[12]).fit(ids)
    path = tmp_path / "vocab.json"
    enc.save_vocabulary(path)
    saved = json.loads(path.read_text())
    assert saved["format"] == "s2cells-vocabulary-1" and saved["oov_bucket"] is True
    assert saved["cells"] == enc.vocabularies_[0].tokens()
    again = s2cells.CellEncoder(vocabulary=str(path)).fit(ids)
    assert (again.transform(ids) != enc.transform(ids)).nnz == 0
    cli = shutil.which("s2cells") or next((p for p in (
        os.path.join(REPO, "target", "release", "s2cells"), os.path.join(REPO, "target", "debug", "s2cells"))
        if os.path.exists(p)), None)
    if cli is None:
        pytest.skip("the s2cells CLI is not built (cargo build -p s2cells-cli)")
    csv = tmp_path / "points.csv"
    csv.write_text("lat,lng\n" + "".join(f"{float(a)!r},{float(b)!r}\n" for a, b in zip(lat, lng)))
    out = subprocess.run([cli, "features", str(csv), "--vocab", str(path), "-f", "csr"],
                         capture_output=True, text=True, check=True)
    m = json.loads(out.stdout)
    mine = enc.transform(np.column_stack([lat, lng]))
    assert m["indptr"] == mine.indptr.tolist() and m["indices"] == mine.indices.tolist()
    # And the other way: a vocabulary the CLI learned and saved.
    cli_vocab = tmp_path / "cli.json"
    subprocess.run([cli, "features", str(csv), "--learn-vocab", "-l", "11", "--save-vocab", str(cli_vocab)],
                   capture_output=True, check=True)
    [v] = load_vocabularies(cli_vocab)
    assert v == s2cells.Vocabulary.learn(ids, 11)


def test_vocabulary_from_region_and_errors():
    with open(CITY) as f:
        city = json.load(f)
    v = s2cells.Vocabulary.from_region(city, 13)
    assert v.level == 13 and len(v) > 10
    with pytest.raises(ValueError, match="contain one another"):
        s2cells.Vocabulary.from_cells([s2cells.from_tokens("95"), s2cells.from_tokens("951")])
    with pytest.raises(ValueError, match="not an s2cells vocabulary"):
        s2cells.Vocabulary.from_json('{"format": "other"}')
    with pytest.raises(ValueError, match="not fitted"):
        s2cells.CellEncoder().transform(np.zeros((1, 2)))
