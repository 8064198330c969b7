"""Input kinds in, the same kind out.

Every vectorized function accepts, for each column argument:

- a numpy array (1-D),
- a pandas Series (its index is kept on the result),
- a pyarrow Array or ChunkedArray (chunks are kept),
- any other object with ``__arrow_c_array__`` or ``__arrow_c_stream__``
  (Polars, DuckDB, nanoarrow, arro3, ...): the result is an Arrow object of
  the same interface, for ``pyarrow.array``, ``polars.Series`` and friends,
- a list, tuple or other sequence,
- a scalar (a number, str, bytes or None).

Nulls: Arrow nulls, ``None`` and pandas' missing values are nulls. numpy
has no null, so in numpy (and pandas float) columns NaN coordinates and the
cell id 0 (Google's ``S2CellId::None()``) stand for null, and numpy
results write null as 0 for ids, NaN for floats, -1 for levels, False for
booleans and None in object arrays.
"""

import numbers
import re

import numpy as np

from . import _s2cells as _core

NUMPY, PANDAS, PYARROW, ARROW, LIST, SCALAR = range(6)


def kind_of(x):
    """The kind of a column argument."""
    if isinstance(x, np.ndarray):
        if x.ndim == 0:
            return SCALAR
        return NUMPY
    mod = type(x).__module__ or ""
    if mod.startswith("pandas") and hasattr(x, "index") and hasattr(x, "dtype"):
        return PANDAS
    if hasattr(x, "__arrow_c_array__") or hasattr(x, "__arrow_c_stream__"):
        return PYARROW if mod.startswith("pyarrow") else ARROW
    if x is None or isinstance(x, (numbers.Number, str, bytes, np.generic)):
        return SCALAR
    if mod.startswith("pandas") and hasattr(x, "to_numpy"):  # Index, arrays
        return LIST
    return LIST


def errors_arg(errors):
    if errors not in ("raise", "null"):
        raise ValueError(f'errors={errors!r}: expected "raise" or "null"')
    return errors


class Column:
    """One column argument, ready for the native module: ``data`` (a numpy
    array or an Arrow object), ``mask`` (uint8, 1 = null, or None), and how
    to give the answer back."""

    __slots__ = ("data", "mask", "kind", "index", "n", "nan_is_null")

    def __init__(self, data, mask, kind, index=None, nan_is_null=False):
        self.data = data
        self.mask = mask
        self.kind = kind
        self.index = index
        self.nan_is_null = nan_is_null


def _mask_of(isnull):
    if isnull is None or not isnull.any():
        return None
    return np.ascontiguousarray(isnull, dtype=np.uint8)


def floats(x, what):
    """A column of numbers (degrees)."""
    k = kind_of(x)
    if k in (PYARROW, ARROW):
        return Column(x, None, k)
    if k == PANDAS:
        isnull = x.isna().to_numpy()
        data = np.ascontiguousarray(x.to_numpy(dtype=np.float64, na_value=np.nan))
        return Column(data, _mask_of(isnull), k, x.index, True)
    if k == SCALAR:
        v = np.nan if x is None else x
        return Column(np.array([v], dtype=np.float64), None, k, None, True)
    if k == NUMPY:
        if x.ndim != 1:
            raise ValueError(f"{what}: expected a 1-D array, got shape {x.shape}")
        if x.dtype.kind not in "fiub":
            raise TypeError(f"{what}: expected numbers, got a numpy array of {x.dtype}")
        return Column(np.ascontiguousarray(x, dtype=np.float64), None, k, None, True)
    seq = list(x)
    isnull = np.fromiter((v is None for v in seq), dtype=bool, count=len(seq))
    try:
        data = np.array([np.nan if v is None else v for v in seq], dtype=np.float64)
    except (TypeError, ValueError):
        for i, v in enumerate(seq):
            try:
                float(v) if v is not None else None
            except (TypeError, ValueError):
                raise ValueError(f"{what}: row {i}: expected a number, got {type(v).__name__}") from None
        raise
    if data.ndim != 1:
        raise ValueError(f"{what}: expected a flat sequence of numbers")
    return Column(data, _mask_of(isnull), k, None, True)


def _ids_numpy(a, what):
    if a.ndim != 1:
        raise ValueError(f"{what}: expected a 1-D array, got shape {a.shape}")
    if a.dtype == np.uint64 or a.dtype == np.int64:
        return np.ascontiguousarray(a)
    if a.dtype.kind in "iu":
        # Narrower integers cannot hold a cell id except by accident.
        raise TypeError(f"{what}: cell ids are 64-bit: expected uint64 or int64, got {a.dtype}")
    if a.dtype.kind == "f":
        raise TypeError(
            f"{what}: cell ids as {a.dtype} lose precision; read them as uint64 or int64 (or tokens)"
        )
    if a.dtype.kind == "O":
        return _ids_list(list(a), what)[0]
    raise TypeError(f"{what}: expected cell ids (uint64 or int64), got {a.dtype}")


def _ids_list(seq, what):
    isnull = np.fromiter((v is None for v in seq), dtype=bool, count=len(seq))
    vals = [0 if v is None else v for v in seq]
    for i, v in enumerate(vals):
        if not isinstance(v, (numbers.Integral, np.integer)) or isinstance(v, bool):
            raise TypeError(f"{what}: row {i}: expected a cell id (int), got {type(v).__name__}")
    try:
        data = np.array(vals, dtype=np.uint64)
    except OverflowError:
        try:
            data = np.array(vals, dtype=np.int64)  # the signed form
        except OverflowError:
            for i, v in enumerate(vals):
                if not (-(2**63) <= v < 2**64):
                    raise ValueError(f"{what}: row {i}: {v} does not fit in 64 bits") from None
            raise ValueError(
                f"{what}: ids mix the signed form (negative) with values above 2^63"
            ) from None
    return data, isnull


def ids(x, what):
    """A column of cell ids (uint64, or int64 read as the signed form)."""
    k = kind_of(x)
    if k in (PYARROW, ARROW):
        return Column(x, None, k)
    if k == PANDAS:
        isnull = x.isna().to_numpy()
        dt = x.dtype
        name = getattr(dt, "name", str(dt)).lower()
        if "int64" in name and not name.startswith("u"):
            data = x.to_numpy(dtype=np.int64, na_value=0)
        elif "uint64" in name:
            data = x.to_numpy(dtype=np.uint64, na_value=0)
        elif dt == object:
            data, isnull = _ids_list(list(x), what)
        else:
            data = _ids_numpy(x.to_numpy(), what)
        if isinstance(dt, np.dtype):  # numpy-backed: numpy's rule, 0 is null
            isnull = isnull | (data == 0)
        return Column(np.ascontiguousarray(data), _mask_of(isnull), k, x.index)
    if k == SCALAR:
        if x is None:
            return Column(np.zeros(1, dtype=np.uint64), np.ones(1, dtype=np.uint8), k)
        data, _ = _ids_list([int(x) if isinstance(x, np.integer) else x], what)
        return Column(data, None, k)
    if k == NUMPY:
        data = _ids_numpy(x, what)
        return Column(data, _mask_of(data == 0), k)
    data, isnull = _ids_list(list(x), what)
    return Column(data, _mask_of(isnull | (data == 0)), k)


def strings(x, what):
    """A column of str: Arrow as is, anything else as a sequence."""
    k = kind_of(x)
    if k in (PYARROW, ARROW):
        return Column(x, None, k)
    if k == PANDAS:
        seq = [None if v is None or (isinstance(v, float) and v != v) else v for v in x.tolist()]
        try:
            import pandas as pd

            seq = [None if v is pd.NA else v for v in seq]
        except ImportError:  # pragma: no cover
            pass
        return Column(seq, None, k, x.index)
    if k == SCALAR:
        return Column([x], None, k)
    if k == NUMPY:
        return Column(list(x), None, k)
    return Column(list(x), None, k)


def answer(res, col, fill=None):
    """The native result ``res`` in the kind ``col`` came in. Numpy-side
    results are ``(values, mask)`` pairs."""
    k = col.kind
    if k == PYARROW:
        import pyarrow as pa

        if hasattr(res, "__arrow_c_stream__") and not hasattr(res, "__arrow_c_array__"):
            return pa.chunked_array(res)
        return pa.array(res)
    if k == ARROW:
        return res
    values, mask = res
    if k == NUMPY:
        return _numpy_nulls(values, mask, fill)
    if k == PANDAS:
        return _pandas(values, mask, col.index)
    if k == SCALAR:
        if mask is not None and mask[0]:
            return None
        v = values[0]
        return v.item() if isinstance(v, np.generic) else v
    out = values.tolist()
    if mask is not None:
        for i in np.flatnonzero(mask):
            out[i] = None
    return out


def _numpy_nulls(values, mask, fill):
    if mask is None:
        return values
    if values.dtype.kind == "f":
        values[mask] = np.nan
    elif fill is not None:
        values[mask] = fill
    return values


def _pandas(values, mask, index):
    import pandas as pd

    m = np.zeros(len(values), dtype=bool) if mask is None else mask
    kind = values.dtype.kind
    if kind in "iu":
        arr = pd.arrays.IntegerArray(values, m)
    elif kind == "b":
        arr = pd.arrays.BooleanArray(values, m)
    elif kind == "f":
        if mask is not None:
            values[mask] = np.nan
        arr = values
    else:
        arr = values
    return pd.Series(arr, index=index)


_ROW = re.compile(r": row (\d+): ")


def unwrap_error(e, col):
    """For a scalar argument, the message without its 'row 0: '; for a
    pandas Series, with the row's index label (:func:`with_index_label`)."""
    if col.kind == SCALAR:
        msg = str(e).replace(": row 0: ", ": ", 1)
        return type(e)(msg)
    if col.kind == PANDAS:
        return with_index_label(e, col.index)
    return e


def with_index_label(e, index):
    """The error ``e`` naming a pandas row by its index label beside its
    position ('row 2 (index label 1043): '), the label being what ``.loc``
    finds it by; unchanged when the index is 0..n-1."""
    msg = str(e)
    m = _ROW.search(msg)
    if index is None or m is None or int(m.group(1)) >= len(index):
        return e
    row = int(m.group(1))
    label = index[row]
    if isinstance(label, np.generic):
        label = label.item()
    if isinstance(label, numbers.Integral) and label == row:
        return e
    at = m.end() - 2
    return type(e)(f"{msg[:at]} (index label {label!r}){msg[at:]}")


def call(fn, col, *args, fill=None, **kw):
    """``fn(col.data, *args, mask=col.mask)`` answered in col's kind."""
    try:
        res = fn(col.data, *args, mask=col.mask, **kw)
    except ValueError as e:
        raise unwrap_error(e, col) from None
    return answer(res, col, fill)


def call_pair(fn, col, *args):
    """:func:`call` for a function that answers two columns: the tuple of
    both in col's kind."""
    try:
        first, second = fn(col.data, *args, mask=col.mask)
    except ValueError as e:
        raise unwrap_error(e, col) from None
    return answer(first, col), answer(second, col)


def pair_kind(a, b, what):
    """The column that decides the answer kind of a two-column call: a
    non-scalar one (pandas first, for its index). Two Series must have the
    same index: pandas would pair their rows by label, these functions pair
    them by position, so different indexes would silently pair the wrong
    rows."""
    if a.kind == PANDAS and b.kind == PANDAS and not a.index.equals(b.index):
        raise ValueError(
            f"{what}: the two Series have different indexes; rows are paired by position, not by "
            f"label: align them first (a, b = a.align(b)) or pass a.to_numpy(), b.to_numpy()")
    for k in (PANDAS, PYARROW, ARROW, NUMPY, LIST):
        for c in (a, b):
            if c.kind == k:
                return c
    return a


def broadcast(a, b):
    """Repeats a scalar column to the other's length (numpy side)."""
    if a.kind == SCALAR and b.kind != SCALAR:
        n = _length(b)
        a = Column(np.repeat(a.data, n), None if a.mask is None else np.repeat(a.mask, n), b.kind, b.index, a.nan_is_null)
    return a


def _length(c):
    if isinstance(c.data, np.ndarray):
        return len(c.data)
    if hasattr(c.data, "__len__"):
        return len(c.data)
    raise TypeError("cannot pair a scalar with an Arrow stream of unknown length; pass an array")


__all__ = ["kind_of", "Column", "floats", "ids", "strings", "answer", "call", "errors_arg", "with_index_label",
           "_core"]
