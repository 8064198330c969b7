"""Machine-learning features from cells.

Raw 64-bit cell ids cannot index a weight vector or an embedding table; a
:class:`Vocabulary` numbers the cells that matter ``0..len`` in curve
order (with an optional out-of-vocabulary bucket), and :class:`CellEncoder`
turns points into one-hot (one level) or multi-hot (several levels)
sparse rows, scikit-learn style. Vocabularies save to and load from the
JSON file ``s2cells features --save-vocab`` writes and ``--vocab`` reads,
so a model trained in Python is served by the CLI and back.
"""

import json

import numpy as np

from . import _s2cells as _core


def _ids_array(ids):
    """Checked uint64 ids with nulls as 0 (an invalid id raises)."""
    from . import _convert

    col = _convert.ids(ids, "ids")
    try:
        res = _core.check_ids(col.data, "raise", col.mask)
    except ValueError as e:
        raise _convert.unwrap_error(e, col) from None
    if col.kind in (_convert.PYARROW, _convert.ARROW):
        import pyarrow as pa

        if hasattr(res, "__arrow_c_stream__") and not hasattr(res, "__arrow_c_array__"):
            arr = pa.chunked_array(res)
        else:
            arr = pa.array(res)
        return np.ascontiguousarray(arr.fill_null(0).to_numpy(), dtype=np.uint64)
    values, _mask = res  # nulls are 0 already
    return np.ascontiguousarray(values, dtype=np.uint64)


class Vocabulary:
    """Disjoint cells numbered in curve order, plus an optional
    out-of-vocabulary bucket numbered ``len(vocab)``.

    >>> import s2cells
    >>> v = Vocabulary.learn(s2cells.cell_ids([-30.0438, -30.0438, 48.85], [-51.14022, -51.14, 2.35]), level=10)
    >>> len(v), v.n_features, v.tokens()
    (2, 3, ['47e671', '951977'])
    """

    def __init__(self, native):
        self._v = native

    @classmethod
    def from_cells(cls, cells, oov_bucket=True):
        """The given cells (ids or tokens; none may contain another)."""
        cells = list(cells) if not isinstance(cells, np.ndarray) else cells
        if len(cells) and isinstance(cells[0], str):
            from . import from_tokens

            cells = from_tokens(cells)
        return cls(_core._Vocabulary.from_cells(_ids_array(cells), bool(oov_bucket)))

    @classmethod
    def learn(cls, ids, level, min_count=1, oov_bucket=True):
        """The cells at ``level`` holding at least ``min_count`` of the
        points (leaf ids, or ids at ``level`` or deeper)."""
        return cls(_core._Vocabulary.learn(_ids_array(ids), int(level), int(min_count), bool(oov_bucket)))

    @classmethod
    def from_region(cls, geometry, level, oov_bucket=True, *, lenient=False):
        """Every cell at ``level`` meeting a region (any geometry
        :func:`s2cells.covering` takes), e.g. a city's level-15 grid."""
        from ._regions import _geometry

        return cls(_core._Vocabulary.from_region(_geometry(geometry), int(level), bool(oov_bucket), bool(lenient)))

    @classmethod
    def from_json(cls, text):
        """From the CLI's saved form (one vocabulary object)."""
        return cls(_core._Vocabulary.from_json(text))

    def to_json(self):
        """The CLI's saved form: ``{"format": "s2cells-vocabulary-1",
        "oov_bucket": ..., "cells": [tokens]}``."""
        return self._v.to_json()

    def cells(self):
        """The cells (uint64 ids), in curve order: cell ``i`` is feature
        ``i``."""
        return self._v.cells()

    def tokens(self):
        """The cells' tokens, in feature order."""
        from . import to_tokens

        return list(to_tokens(self.cells()))

    def index_of(self, ids):
        """The feature index of each id (-1: none, when there is no
        bucket)."""
        return self._v.index_of(_ids_array(ids))

    def __len__(self):
        return len(self._v)

    @property
    def n_features(self):
        """Columns: the cells, plus one for the bucket."""
        return self._v.n_features

    @property
    def oov_bucket(self):
        return self._v.oov_bucket

    @property
    def level(self):
        """The level every cell has, or None when they differ."""
        return self._v.level

    def __eq__(self, other):
        return isinstance(other, Vocabulary) and self._v == other._v

    def __repr__(self):
        return f"Vocabulary({len(self)} cells, level={self.level}, oov_bucket={self.oov_bucket})"


def save_vocabularies(path, vocabularies):
    """Writes vocabularies as ``s2cells features --save-vocab`` does: one
    object for one, a JSON list for several (multi-level)."""
    vs = [v.to_json() for v in vocabularies]
    text = vs[0] if len(vs) == 1 else "[" + ",".join(vs) + "]"
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def load_vocabularies(path):
    """Reads a vocabulary file (one object, or a list for multi-level) as
    ``s2cells features --vocab`` does."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    items = data if isinstance(data, list) else [data]
    return [Vocabulary.from_json(json.dumps(d)) for d in items]


try:  # scikit-learn is optional: without it the encoder is a plain class.
    from sklearn.base import BaseEstimator, TransformerMixin
except ImportError:  # pragma: no cover
    BaseEstimator = object

    class TransformerMixin:  # noqa: D101
        def fit_transform(self, X, y=None):
            return self.fit(X, y).transform(X)


class CellEncoder(TransformerMixin, BaseEstimator):
    """Points to one-hot (one level) or multi-hot (several levels) cell
    features, as ``scipy.sparse`` CSR matrices.

    ``X`` is an (n, 2) array or DataFrame of (lat, lng) in degrees, or a 1-D
    array of cell ids (leaf ids, uint64 or the int64 signed form). ``fit``
    learns a vocabulary per level (cells holding at least ``min_count``
    points), unless ``vocabulary`` gives them: a :class:`Vocabulary`, a list
    of them (one per level), or the path of a saved vocabulary file.
    Unknown cells go to an out-of-vocabulary column per level
    (``oov_bucket=True``), or get no feature.

    >>> import numpy as np
    >>> enc = CellEncoder(levels=[8, 12]).fit(np.array([[-30.0438, -51.14022], [48.8566, 2.3522]]))
    >>> enc.get_feature_names_out().tolist()
    ['47e67', '95197', 'oov_8', '47e66e1', '951977d', 'oov_12']
    >>> enc.transform(np.array([[48.8566, 2.3522]])).toarray().astype(int).tolist()
    [[1, 0, 0, 1, 0, 0]]
    """

    def __init__(self, levels=(15,), min_count=1, oov_bucket=True, vocabulary=None,
                 dtype=np.float64):
        self.levels = levels
        self.min_count = min_count
        self.oov_bucket = oov_bucket
        self.vocabulary = vocabulary
        self.dtype = dtype

    def _ids(self, X):
        from . import cell_ids

        if hasattr(X, "columns"):  # a DataFrame: (lat, lng) columns
            if X.shape[1] != 2:
                raise ValueError(f"CellEncoder: expected 2 columns (lat, lng), got {X.shape[1]}")
            return _ids_array(cell_ids(np.asarray(X.iloc[:, 0], dtype=np.float64),
                                       np.asarray(X.iloc[:, 1], dtype=np.float64)))
        a = np.asarray(X)
        if a.ndim == 2:
            if a.shape[1] != 2:
                raise ValueError(f"CellEncoder: expected (n, 2) lat/lng, got shape {a.shape}")
            if a.dtype.kind not in "fiu":
                raise TypeError(f"CellEncoder: expected numbers, got {a.dtype}")
            return _ids_array(cell_ids(np.ascontiguousarray(a[:, 0], dtype=np.float64),
                                       np.ascontiguousarray(a[:, 1], dtype=np.float64)))
        if a.ndim == 1:
            return _ids_array(X)
        raise ValueError(f"CellEncoder: expected (n, 2) lat/lng or 1-D cell ids, got shape {a.shape}")

    def _levels(self):
        levels = [self.levels] if isinstance(self.levels, (int, np.integer)) else list(self.levels)
        if not levels or any(not 0 <= int(l) <= 30 for l in levels):
            raise ValueError(f"CellEncoder: levels={self.levels!r}: expected levels in 0..30")
        if sorted(set(levels)) != levels:
            raise ValueError(f"CellEncoder: levels={self.levels!r}: expected strictly increasing levels")
        return [int(l) for l in levels]

    def fit(self, X, y=None):
        """Learns (or loads) the vocabularies."""
        v = self.vocabulary
        if v is None:
            ids = self._ids(X)
            self.vocabularies_ = [Vocabulary.learn(ids, l, self.min_count, self.oov_bucket)
                                  for l in self._levels()]
        elif isinstance(v, Vocabulary):
            self.vocabularies_ = [v]
        elif isinstance(v, (str, bytes)) or hasattr(v, "__fspath__"):
            self.vocabularies_ = load_vocabularies(v)
        else:
            self.vocabularies_ = list(v)
        self.n_features_out_ = sum(x.n_features for x in self.vocabularies_)
        if hasattr(X, "columns"):
            self.feature_names_in_ = np.asarray([str(c) for c in X.columns], dtype=object)
            self.n_features_in_ = len(self.feature_names_in_)
        else:
            a = np.asarray(X)
            self.n_features_in_ = a.shape[1] if a.ndim == 2 else 1
        return self

    def _check_fitted(self):
        if not hasattr(self, "vocabularies_"):
            raise ValueError("CellEncoder: call fit before transform (this encoder is not fitted yet)")

    def transform(self, X):
        """The feature matrix: scipy.sparse CSR, one row per point; a null
        or invalid point gets an empty row."""
        import scipy.sparse as sp

        self._check_fitted()
        indptr, indices, n = _core.encode([v._v for v in self.vocabularies_], self._ids(X))
        data = np.ones(len(indices), dtype=self.dtype)
        return sp.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, n))

    def get_feature_names_out(self, input_features=None):
        """The column names: each vocabulary cell's token, and ``oov_<level>``
        for each out-of-vocabulary column."""
        self._check_fitted()
        names = []
        for v in self.vocabularies_:
            names.extend(v.tokens())
            if v.oov_bucket:
                names.append(f"oov_{v.level if v.level is not None else 'mixed'}")
        return np.asarray(names, dtype=object)

    def save_vocabulary(self, path):
        """Writes the vocabularies in the CLI's format (``s2cells features
        --vocab`` reads the file)."""
        self._check_fitted()
        save_vocabularies(path, self.vocabularies_)
