"""The hashed and neighbor encoders: scikit-learn transformers, the CLI's
hashed columns to the column, neighbors as Google's, nulls and errors."""

import os
import shutil
import subprocess

import numpy as np
import pytest

import s2cells

sp = pytest.importorskip("scipy.sparse")
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
M64 = (1 << 64) - 1


def rng_points(n, seed=5):
    r = np.random.default_rng(seed)
    return np.column_stack([r.uniform(-30.3, -29.9, n), r.uniform(-51.3, -51.0, n)])


def stable_hash(x, seed):
    """The library's stable_hash (SplitMix64's finalizer), in Python."""
    z = (x + (seed + 1) * 0x9E3779B97F4A7C15) & M64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def cli():
    p = shutil.which("s2cells") or next((p for p in (
        os.path.join(REPO, "target", "release", "s2cells"), os.path.join(REPO, "target", "debug", "s2cells"))
        if os.path.exists(p)), None)
    if p is None:
        pytest.skip("the s2cells CLI is not built (cargo build -p s2cells-cli)")
    return p


def test_hashed_columns_are_the_stable_hash_of_the_cell():
    X = rng_points(3000)
    enc = s2cells.HashedCellEncoder(level=13, n_buckets=1000, n_hashes=3)
    M = enc.fit_transform(X)
    assert sp.isspmatrix_csr(M) and M.shape == (3000, 1000) and M.dtype == np.float64
    cells = s2cells.cell_ids(X[:, 0], X[:, 1], 13)
    for r in range(0, 3000, 97):
        want = sorted({stable_hash(int(cells[r]), s) % 1000 for s in range(3)})
        assert M[r].indices.tolist() == want
    assert enc.get_feature_names_out().tolist() == [f"hash_{k}" for k in range(1000)]
    # Ids (leaf or at the level) give the same rows as the points.
    assert (enc.transform(s2cells.cell_ids(X[:, 0], X[:, 1])) != M).nnz == 0
    assert (enc.transform(cells) != M).nnz == 0


def test_hashed_equals_the_cli(tmp_path):
    X = rng_points(400)
    csv = tmp_path / "points.csv"
    csv.write_text("lat,lng\n" + "".join(f"{float(a)!r},{float(b)!r}\n" for a, b in X))
    out = subprocess.run([cli(), "features", str(csv), "-e", "hashed", "-l", "12", "--buckets", "64",
                          "--hashes", "2", "-f", "csr"], capture_output=True, text=True, check=True)
    import json

    m = json.loads(out.stdout)
    mine = s2cells.HashedCellEncoder(12, 64, 2).fit(X).transform(X)
    assert m["indptr"] == mine.indptr.tolist() and m["indices"] == mine.indices.tolist()
    assert m["n_features"] == 64


def test_hashed_in_a_pipeline_nulls_and_errors():
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    X = rng_points(2000)
    y = (X[:, 0] > -30.1).astype(int)
    model = make_pipeline(s2cells.HashedCellEncoder(level=12, n_buckets=4096), LogisticRegression()).fit(X, y)
    assert model.score(X, y) > 0.9
    enc = s2cells.HashedCellEncoder(level=12, n_buckets=64)
    assert clone(enc).get_params() == enc.get_params()
    ids = s2cells.cell_ids(X[:3, 0], X[:3, 1])
    ids[1] = 0  # null
    assert enc.fit(ids).transform(ids).getnnz(axis=1).tolist() == [1, 0, 1]
    with pytest.raises(ValueError, match="row 0: cell 95 is at level 2, above the hashed level 12"):
        enc.transform(np.array([s2cells.from_tokens("95")], dtype=np.uint64))
    with pytest.raises(ValueError, match="n_hashes=17: expected 1 to 16"):
        s2cells.HashedCellEncoder(n_hashes=17).fit(X)
    with pytest.raises(ValueError, match="n_buckets=0"):
        s2cells.HashedCellEncoder(n_buckets=0).fit(X)
    with pytest.raises(ValueError, match="level=31"):
        s2cells.HashedCellEncoder(level=31).fit(X)


@pytest.mark.parametrize("kind", ["edge", "vertex"])
def test_neighbor_columns_are_googles_neighbors(kind):
    s2 = pytest.importorskip("s2geometry")
    X = rng_points(3000)
    level = 11
    enc = s2cells.NeighborCellEncoder(level=level, neighbors=kind).fit(X)
    names = enc.get_feature_names_out().tolist()
    assert names[-1] == f"oov_{level}"
    col = {t: k for k, t in enumerate(names[:-1])}
    oov = len(names) - 1
    M = enc.transform(X)
    assert M.shape == (3000, len(names))
    for r in range(0, 3000, 37):
        c = s2.S2CellId(s2.S2LatLng.FromDegrees(*X[r])).parent(level)
        ns = c.GetEdgeNeighbors() if kind == "edge" else c.GetAllNeighbors(level)
        want = sorted({col.get(t, oov) for t in [c.ToToken()] + [n.ToToken() for n in ns]})
        assert M[r].indices.tolist() == want, r
    # Every row has its own cell, and more than one column.
    assert (M.getnnz(axis=1) >= 2).all()


def test_neighbor_encoder_vocabulary_nulls_and_errors(tmp_path):
    from sklearn.base import clone

    X = rng_points(500)
    enc = s2cells.NeighborCellEncoder(level=12, oov_bucket=False).fit(X)
    assert enc.get_feature_names_out()[-1] != "oov_12"
    path = tmp_path / "v.json"
    enc.save_vocabulary(path)
    again = s2cells.NeighborCellEncoder(vocabulary=str(path)).fit(None)
    assert (again.transform(X) != enc.transform(X)).nnz == 0
    assert clone(enc).get_params()["neighbors"] == "edge"
    ids = s2cells.cell_ids(X[:3, 0], X[:3, 1])
    ids[2] = 0
    assert enc.transform(ids).getnnz(axis=1)[2] == 0
    far = enc.transform(np.array([[48.85, 2.35]]))
    assert far.nnz == 0  # no bucket: nothing
    with pytest.raises(ValueError, match="neighbors='diagonal': expected \"edge\" or \"vertex\""):
        s2cells.NeighborCellEncoder(neighbors="diagonal").fit(X)
    with pytest.raises(ValueError, match="one vocabulary of one level"):
        two = [s2cells.Vocabulary.learn(ids[:2], 10), s2cells.Vocabulary.learn(ids[:2], 11)]
        s2cells.NeighborCellEncoder(vocabulary=two).fit(X)
    with pytest.raises(ValueError, match="row 0: cell 95 is at level 2, above the vocabulary's level 12"):
        enc.transform(np.array([s2cells.from_tokens("95")], dtype=np.uint64))
    with pytest.raises(ValueError, match="not fitted"):
        s2cells.NeighborCellEncoder().transform(X)
