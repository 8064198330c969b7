"""Reads the files `s2cells` writes with the readers their users have
(pyarrow, polars, pandas, DuckDB, SciPy, scikit-learn, sqlite3), and
prints what each reader saw as one JSON object, for cli/tests/outputs.rs to
compare with what the library computes.

Every reader is imported unconditionally: a missing package is an
ImportError, and the Rust test that called this fails (it never skips).

    python3 readers.py table FILE parquet|arrow [pyarrow]
    python3 readers.py npz FILE
    python3 readers.py libsvm FILE
    python3 readers.py train NPZ LABELS_FROM_NPZ
    python3 readers.py sql SQL_FILE RECIPE_FILE POINTS_CSV
"""

import json
import math
import sqlite3
import sys

import duckdb
import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq
import scipy.sparse
import sklearn.datasets
import sklearn.linear_model


def plain(v):
    """A value as JSON: numpy scalars to Python, NaN and None to null."""
    if v is None:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        v = float(v)
        return None if math.isnan(v) else v
    if isinstance(v, bytes):
        return v.hex()
    return v


def pandas_type(series):
    """A pandas column's dtype; strings (with or without nulls) as "str"."""
    if series.dtype == object or str(series.dtype) in ("str", "string"):
        if pd.api.types.infer_dtype(series, skipna=True) in ("string", "empty"):
            return "str"
    return str(series.dtype)


def rows_of(columns):
    return [[plain(v) for v in row] for row in zip(*columns)] if columns else []


def table(path, kind, only=None):
    """Every reader's view of a table (`only`: just pyarrow, for large
    tables whose other readers another test already covers)."""
    out = {}
    if kind == "parquet":
        t = pq.read_table(path)
        meta = {k.decode(): v.decode() for k, v in (pq.read_metadata(path).metadata or {}).items()}
        pdf = pd.read_parquet(path)
        pldf = pl.read_parquet(path)
        rel = duckdb.sql(f"SELECT * FROM read_parquet('{path}')")
    else:
        with open(path, "rb") as f:
            t = pa.ipc.open_stream(f).read_all()
        meta = {k.decode(): v.decode() for k, v in (t.schema.metadata or {}).items()}
        pdf = t.to_pandas()
        with open(path, "rb") as f:
            pldf = pl.read_ipc_stream(f)
        arrow_table = t  # DuckDB scans the Arrow table by its variable name.
        rel = duckdb.sql("SELECT * FROM arrow_table")
    out["metadata"] = {k: v for k, v in meta.items() if k.startswith("s2cells.")}
    out["pyarrow"] = {
        "columns": t.column_names,
        "types": [str(f.type) for f in t.schema],
        "rows": rows_of([c.to_pylist() for c in t.columns]),
    }
    if only == "pyarrow":
        return out
    # Strings are `object` columns in pandas 2 and `str` in pandas 3: both
    # are reported as "str".
    out["pandas"] = {
        "columns": list(pdf.columns),
        "types": [pandas_type(pdf[c]) for c in pdf.columns],
        "rows": rows_of([pdf[c].tolist() for c in pdf.columns]),
    }
    out["polars"] = {
        "columns": pldf.columns,
        "types": [str(d) for d in pldf.dtypes],
        "rows": rows_of([pldf[c].to_list() for c in pldf.columns]),
    }
    out["duckdb"] = {
        "columns": rel.columns,
        "types": [str(d) for d in rel.types],
        "rows": [[plain(v) for v in r] for r in rel.fetchall()],
    }
    return out


def npz(path):
    m = scipy.sparse.load_npz(path)
    loaded = np.load(path)
    out = {
        "class": type(m).__name__,
        "shape": list(m.shape),
        "dtype": str(m.dtype),
        "indptr": m.indptr.tolist(),
        "indices": m.indices.tolist(),
        "data": m.data.tolist(),
        "members": sorted(loaded.files),
    }
    for extra in ("label", "id"):
        if extra in loaded.files:
            a = loaded[extra]
            out[extra] = {"dtype": a.dtype.kind, "values": [plain(v) for v in a.tolist()]}
    return out


def libsvm(path):
    with open(path) as f:
        first = f.readline()
    n = int(first.split("n_features=")[1].split()[0])
    X, y = sklearn.datasets.load_svmlight_file(path, n_features=n)
    X = X.tocsr()
    X.sort_indices()
    return {
        "shape": list(X.shape),
        "indptr": X.indptr.tolist(),
        "indices": X.indices.tolist(),
        "labels": y.tolist(),
    }


def train(path):
    """A logistic regression on the sparse features and the npz labels:
    fit on the even rows, score on the odd ones."""
    X = scipy.sparse.load_npz(path)
    y = np.load(path)["label"]
    model = sklearn.linear_model.LogisticRegression(C=100.0, max_iter=2000)
    model.fit(X[0::2], y[0::2])
    return {
        "train_rows": int(X[0::2].shape[0]),
        "test_rows": int(X[1::2].shape[0]),
        "classes": [plain(c) for c in model.classes_],
        "test_accuracy": float(model.score(X[1::2], y[1::2])),
        "coef_shape": list(model.coef_.shape),
    }


def sql(sql_path, recipe_path, points_csv):
    """Loads the points into the recipe's table in SQLite and runs the
    `keys -f sql` query: which point each feature matched."""
    db = sqlite3.connect(":memory:")
    db.executescript(open(recipe_path).read())
    rows = []
    with open(points_csv) as f:
        next(f)
        for line in f:
            i, cell, lat, lng = line.rstrip("\n").split(",")
            rows.append((int(i), int(cell), float(lat), float(lng)))
    db.executemany('INSERT INTO "cells" VALUES (?, ?, ?, ?)', rows)
    cur = db.execute(open(sql_path).read())
    names = [d[0] for d in cur.description]
    got = [dict(zip(names, r)) for r in cur.fetchall()]
    return {
        "columns": names,
        "matches": sorted([r["feature"], r["feature_id"], r["id"]] for r in got),
    }


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    result = {
        "table": table,
        "npz": npz,
        "libsvm": libsvm,
        "train": train,
        "sql": sql,
    }[cmd](*args)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
