//! Columns in and out: numpy arrays (read through the buffer protocol,
//! without a copy) and any Arrow array or stream (through the Arrow
//! PyCapsule interface: pyarrow, Polars, DuckDB, nanoarrow, arro3, ...)
//! become chunks of Arrow arrays; results go back as numpy arrays for
//! numpy input and as Arrow arrays (one, or chunked like the input) for
//! Arrow input.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Float64Type, Int64Type, UInt8Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float64Array, GenericBinaryArray, GenericListArray,
    GenericStringArray, Int8Array, Int64Array, OffsetSizeTrait, UInt64Array, make_array,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field};
use numpy::{PyArray1, PyUntypedArray};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString, PyTuple};
use pyo3_arrow::input::AnyArray;
use pyo3_arrow::{PyArray, PyChunkedArray};

/// How results go back: as the input came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A numpy array (one chunk): `(values, null mask or None)`.
    Numpy,
    /// One Arrow array.
    Array,
    /// A chunked array, chunked as the input.
    Chunked,
}

/// An input column: Arrow chunks and the kind to answer in.
pub struct Col {
    pub chunks: Vec<ArrayRef>,
    pub kind: Kind,
}

impl Col {
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }
}

/// Reads a column argument. `mask` (numpy only: a uint8 array, 1 = null)
/// marks nulls the values cannot carry, as pandas' nullable arrays do.
pub fn col(obj: &Bound<'_, PyAny>, mask: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Col> {
    let numpy = obj.is_instance_of::<PyUntypedArray>();
    let any: AnyArray = obj.extract().map_err(|e| {
        PyTypeError::new_err(format!(
            "{what}: expected a numpy array or an Arrow array or stream, got {}: {e}",
            type_name(obj)
        ))
    })?;
    let (kind, chunks) = match any {
        AnyArray::Array(a) => {
            let (array, _) = a.into_inner();
            (if numpy { Kind::Numpy } else { Kind::Array }, vec![array])
        }
        AnyArray::Stream(s) => {
            let (chunks, _) = s.into_chunked_array()?.into_inner();
            (Kind::Chunked, chunks)
        }
    };
    let mut chunks = chunks;
    if let Some(mask) = mask {
        let m: AnyArray = mask.extract()?;
        let AnyArray::Array(m) = m else {
            return Err(PyValueError::new_err(format!(
                "{what}: the mask is not an array"
            )));
        };
        let (m, _) = m.into_inner();
        if chunks.len() != 1 || m.len() != chunks[0].len() || m.data_type() != &DataType::UInt8 {
            return Err(PyValueError::new_err(format!(
                "{what}: the null mask must be uint8 and as long as the values"
            )));
        }
        let m = m.as_primitive::<UInt8Type>();
        let valid = NullBuffer::from(m.values().iter().map(|&b| b == 0).collect::<Vec<bool>>());
        let c = &chunks[0];
        let nulls = NullBuffer::union(c.nulls(), Some(&valid));
        let data = c
            .to_data()
            .into_builder()
            .nulls(nulls)
            .build()
            .map_err(arrow_err)?;
        chunks = vec![make_array(data)];
    }
    Ok(Col { chunks, kind })
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map_or_else(|_| String::from("?"), |n| n.to_string())
}

pub fn arrow_err(e: arrow_schema::ArrowError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// Cuts two columns into pairs of equally long chunks (at the union of
/// their chunk boundaries; slicing is free).
pub fn align(a: &Col, b: &Col, what: &str) -> PyResult<Vec<(ArrayRef, ArrayRef)>> {
    if a.len() != b.len() {
        return Err(PyValueError::new_err(format!(
            "{what}: the columns differ in length ({} and {})",
            a.len(),
            b.len()
        )));
    }
    if a.chunks.len() == 1 && b.chunks.len() == 1 {
        return Ok(vec![(a.chunks[0].clone(), b.chunks[0].clone())]);
    }
    let (mut ia, mut ib, mut oa, mut ob) = (0, 0, 0, 0);
    let mut out = Vec::new();
    let (ca, cb) = (&a.chunks, &b.chunks);
    while ia < ca.len() && ib < cb.len() {
        let ra = ca[ia].len() - oa;
        let rb = cb[ib].len() - ob;
        let take = ra.min(rb);
        if take > 0 {
            out.push((ca[ia].slice(oa, take), cb[ib].slice(ob, take)));
        }
        oa += take;
        ob += take;
        if oa == ca[ia].len() {
            ia += 1;
            oa = 0;
        }
        if ob == cb[ib].len() {
            ib += 1;
            ob = 0;
        }
    }
    Ok(out)
}

/// The answer kind for two inputs: numpy only if both were.
pub fn kind2(a: &Col, b: &Col) -> Kind {
    match (a.kind, b.kind) {
        (Kind::Numpy, Kind::Numpy) => Kind::Numpy,
        (Kind::Chunked, _) | (_, Kind::Chunked) => Kind::Chunked,
        _ => Kind::Array,
    }
}

/// A chunk as float64 (other numeric types are converted).
pub fn f64s(a: &ArrayRef, what: &str) -> PyResult<Float64Array> {
    match a.data_type() {
        DataType::Float64 => Ok(a.as_primitive::<Float64Type>().clone()),
        dt if dt.is_numeric() || dt == &DataType::Null => {
            let c = arrow_cast::cast(a, &DataType::Float64).map_err(arrow_err)?;
            Ok(c.as_primitive::<Float64Type>().clone())
        }
        dt => Err(PyTypeError::new_err(format!(
            "{what}: expected numbers (degrees), got Arrow type {dt}"
        ))),
    }
}

/// A chunk of cell ids: uint64, or int64 read as the signed (BigQuery)
/// form, bit for bit.
pub fn ids(a: &ArrayRef, what: &str) -> PyResult<UInt64Array> {
    match a.data_type() {
        DataType::UInt64 => Ok(a.as_primitive::<UInt64Type>().clone()),
        DataType::Int64 => {
            let s = a.as_primitive::<Int64Type>();
            let bits = ScalarBuffer::<u64>::new(s.values().inner().clone(), 0, s.len());
            Ok(UInt64Array::new(bits, s.nulls().cloned()))
        }
        DataType::Null => Ok(UInt64Array::new_null(a.len())),
        dt => Err(PyTypeError::new_err(format!(
            "{what}: expected cell ids as uint64 (or int64, the signed form), got Arrow type {dt}"
        ))),
    }
}

/// A results column of one chunk, before it becomes numpy or Arrow.
pub enum Values {
    U64(Vec<u64>),
    I64(Vec<i64>),
    I8(Vec<i8>),
    F64(Vec<f64>),
    Bool(Vec<bool>),
    /// UTF-8 strings: bytes and `n + 1` offsets.
    Str(Vec<u8>, Vec<usize>),
    /// Byte strings (WKB).
    Bin(Vec<u8>, Vec<usize>),
    /// Lists of cell ids: values and `n + 1` offsets.
    List(Vec<u64>, Vec<usize>),
    /// Fixed-size lists of ids, flat (numpy reshapes them; Arrow: lists).
    U64Flat(Vec<u64>, Vec<usize>),
}

pub struct Out {
    pub values: Values,
    /// `None` when every row is valid.
    pub valid: Option<Vec<bool>>,
}

impl Values {
    fn data_type(&self, large: bool) -> DataType {
        match self {
            Self::U64(_) => DataType::UInt64,
            Self::I64(_) => DataType::Int64,
            Self::I8(_) => DataType::Int8,
            Self::F64(_) => DataType::Float64,
            Self::Bool(_) => DataType::Boolean,
            Self::Str(..) if large => DataType::LargeUtf8,
            Self::Str(..) => DataType::Utf8,
            Self::Bin(..) if large => DataType::LargeBinary,
            Self::Bin(..) => DataType::Binary,
            Self::List(..) | Self::U64Flat(..) => {
                let item = Arc::new(Field::new("item", DataType::UInt64, true));
                if large {
                    DataType::LargeList(item)
                } else {
                    DataType::List(item)
                }
            }
        }
    }

    /// The size an offset must reach.
    fn extent(&self) -> usize {
        match self {
            Self::Str(d, _) | Self::Bin(d, _) => d.len(),
            Self::List(v, _) | Self::U64Flat(v, _) => v.len(),
            _ => 0,
        }
    }
}

fn offsets<O: OffsetSizeTrait>(o: &[usize]) -> PyResult<OffsetBuffer<O>> {
    let v: Vec<O> = o
        .iter()
        .map(|&x| O::from_usize(x).ok_or_else(|| PyValueError::new_err("offset overflow")))
        .collect::<PyResult<_>>()?;
    Ok(OffsetBuffer::new(ScalarBuffer::from(v)))
}

impl Out {
    fn into_arrow(self, large: bool) -> PyResult<ArrayRef> {
        let nulls = self.valid.map(NullBuffer::from);
        let a: ArrayRef = match self.values {
            Values::U64(v) => Arc::new(UInt64Array::new(ScalarBuffer::from(v), nulls)),
            Values::I64(v) => Arc::new(Int64Array::new(ScalarBuffer::from(v), nulls)),
            Values::I8(v) => Arc::new(Int8Array::new(ScalarBuffer::from(v), nulls)),
            Values::F64(v) => Arc::new(Float64Array::new(ScalarBuffer::from(v), nulls)),
            Values::Bool(v) => Arc::new(BooleanArray::new(v.into(), nulls)),
            Values::Str(d, o) if large => Arc::new(
                GenericStringArray::<i64>::try_new(offsets(&o)?, Buffer::from(d), nulls)
                    .map_err(arrow_err)?,
            ),
            Values::Str(d, o) => Arc::new(
                GenericStringArray::<i32>::try_new(offsets(&o)?, Buffer::from(d), nulls)
                    .map_err(arrow_err)?,
            ),
            Values::Bin(d, o) if large => Arc::new(
                GenericBinaryArray::<i64>::try_new(offsets(&o)?, Buffer::from(d), nulls)
                    .map_err(arrow_err)?,
            ),
            Values::Bin(d, o) => Arc::new(
                GenericBinaryArray::<i32>::try_new(offsets(&o)?, Buffer::from(d), nulls)
                    .map_err(arrow_err)?,
            ),
            Values::List(v, o) | Values::U64Flat(v, o) => {
                let item = Arc::new(Field::new("item", DataType::UInt64, true));
                let values = Arc::new(UInt64Array::from(v));
                if large {
                    Arc::new(
                        GenericListArray::<i64>::try_new(item, offsets(&o)?, values, nulls)
                            .map_err(arrow_err)?,
                    )
                } else {
                    Arc::new(
                        GenericListArray::<i32>::try_new(item, offsets(&o)?, values, nulls)
                            .map_err(arrow_err)?,
                    )
                }
            }
        };
        Ok(a)
    }

    /// `(values, mask)`: a numpy array (object arrays of `str`, `bytes`
    /// or uint64 arrays for the variable-size kinds) and a bool array
    /// (True = null) or None.
    fn into_numpy<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let values: Bound<'py, PyAny> = match self.values {
            Values::U64(v) | Values::U64Flat(v, _) => PyArray1::from_vec(py, v).into_any(),
            Values::I64(v) => PyArray1::from_vec(py, v).into_any(),
            Values::I8(v) => PyArray1::from_vec(py, v).into_any(),
            Values::F64(v) => PyArray1::from_vec(py, v).into_any(),
            Values::Bool(v) => PyArray1::from_vec(py, v).into_any(),
            Values::Str(d, o) => object_array(py, &o, self.valid.as_deref(), |r| {
                let s =
                    std::str::from_utf8(&d[r]).map_err(|e| PyValueError::new_err(e.to_string()))?;
                Ok(PyString::new(py, s).into_any().unbind())
            })?,
            Values::Bin(d, o) => object_array(py, &o, self.valid.as_deref(), |r| {
                Ok(PyBytes::new(py, &d[r]).into_any().unbind())
            })?,
            Values::List(v, o) => object_array(py, &o, self.valid.as_deref(), |r| {
                Ok(PyArray1::from_slice(py, &v[r]).into_any().unbind())
            })?,
        };
        let mask: Bound<'py, PyAny> = match self.valid {
            None => py.None().into_bound(py),
            Some(v) => {
                let m: Vec<bool> = v.iter().map(|b| !b).collect();
                PyArray1::from_vec(py, m).into_any()
            }
        };
        PyTuple::new(py, [values, mask])
    }
}

/// The answer: per-chunk results turned into the kind the input was.
pub fn finish(py: Python<'_>, outs: Vec<Out>, kind: Kind) -> PyResult<Py<PyAny>> {
    match kind {
        Kind::Numpy => {
            let mut outs = outs;
            if outs.len() != 1 {
                return Err(PyValueError::new_err("internal: numpy result in chunks"));
            }
            Ok(outs.remove(0).into_numpy(py)?.into_any().unbind())
        }
        Kind::Array | Kind::Chunked => {
            let large = outs.iter().map(|o| o.values.extent()).sum::<usize>() > i32::MAX as usize;
            let dt = outs
                .first()
                .map_or(DataType::Null, |o| o.values.data_type(large));
            let field = Arc::new(Field::new("", dt, true));
            let arrays = outs
                .into_iter()
                .map(|o| o.into_arrow(large))
                .collect::<PyResult<Vec<_>>>()?;
            if kind == Kind::Array && arrays.len() == 1 {
                let a = arrays
                    .into_iter()
                    .next()
                    .map_or_else(|| Err(PyValueError::new_err("internal: no result")), Ok)?;
                Ok(PyArray::new(a, field)
                    .into_pyobject(py)?
                    .into_any()
                    .unbind())
            } else {
                Ok(PyChunkedArray::try_new(arrays, field)?
                    .into_pyobject(py)?
                    .into_any()
                    .unbind())
            }
        }
    }
}

/// Rows that were not strings: (row, why).
pub type BadRows = Vec<(usize, String)>;

/// Reads a Python sequence of `str` (or None) into a string chunk, for
/// numpy object arrays and lists: a non-string row is a bad row.
pub fn strings_from_py(obj: &Bound<'_, PyAny>) -> PyResult<(GenericStringArray<i64>, BadRows)> {
    let mut data = Vec::new();
    let mut offs = vec![0i64];
    let mut valid = Vec::new();
    let mut bad = Vec::new();
    for (k, item) in obj.try_iter()?.enumerate() {
        let item = item?;
        if item.is_none() {
            valid.push(false);
        } else if let Ok(s) = item.cast::<PyString>() {
            data.extend_from_slice(s.to_str()?.as_bytes());
            valid.push(true);
        } else {
            valid.push(false);
            bad.push((k, format!("expected a str, got {}", type_name(&item))));
        }
        offs.push(data.len() as i64);
    }
    let nulls = if valid.iter().all(|&v| v) {
        None
    } else {
        Some(NullBuffer::from(valid))
    };
    let a = GenericStringArray::<i64>::try_new(
        OffsetBuffer::new(ScalarBuffer::from(offs)),
        Buffer::from(data),
        nulls,
    )
    .map_err(arrow_err)?;
    Ok((a, bad))
}

/// A chunk of strings of any Arrow string type, row by row.
pub enum StrChunk<'a> {
    Small(&'a GenericStringArray<i32>),
    Large(&'a GenericStringArray<i64>),
    View(&'a arrow_array::StringViewArray),
}

impl<'a> StrChunk<'a> {
    pub fn of(a: &'a ArrayRef, what: &str) -> PyResult<Self> {
        match a.data_type() {
            DataType::Utf8 => Ok(Self::Small(a.as_string::<i32>())),
            DataType::LargeUtf8 => Ok(Self::Large(a.as_string::<i64>())),
            DataType::Utf8View => Ok(Self::View(a.as_string_view())),
            dt => Err(PyTypeError::new_err(format!(
                "{what}: expected strings, got Arrow type {dt}"
            ))),
        }
    }

    /// The row's string, or None when null.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Self::Small(a) => a.is_valid(i).then(|| a.value(i)),
            Self::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Self::View(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A numpy object array of the variable-size values between consecutive
/// `offsets`, each made by `item` from its byte or value range, `None`
/// where `valid` says null.
fn object_array<'py>(
    py: Python<'py>,
    offsets: &[usize],
    valid: Option<&[bool]>,
    mut item: impl FnMut(std::ops::Range<usize>) -> PyResult<Py<PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut objs: Vec<Py<PyAny>> = Vec::with_capacity(offsets.len().saturating_sub(1));
    for (k, w) in offsets.windows(2).enumerate() {
        objs.push(if valid.is_some_and(|v| !v[k]) {
            py.None()
        } else {
            item(w[0]..w[1])?
        });
    }
    Ok(PyArray1::from_vec(py, objs).into_any())
}
