//! Points and cells, vectorized: lat/lng -> ids, the id encodings
//! (signed, tokens), levels, parents, children, containment, neighbors,
//! centers, outlines and areas.

use std::ops::Range;

use arrow_array::{Array, UInt64Array};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::column::{self, Col, Kind, Out, StrChunk, Values, align, col, f64s, finish, ids};
use crate::engine::{
    Errors, Row, RowError, each_chunk, fill, first_error, guard, map_pieces, map_rows,
};
use crate::seam;
use s2cells::cell::InvalidInputs;
use s2cells::{Cell, CellId, GeomError, MAX_LEVEL, earth};

/// A cell id checked for validity, or why not.
#[inline]
pub fn valid_id(x: u64) -> Result<CellId, String> {
    CellId::try_from(x).map_err(|e| e.to_string())
}

/// One id column in, one fixed-width value per row out.
fn unary<O, F>(
    py: Python<'_>,
    col: &Col,
    errors: Errors,
    what: &str,
    wrap: fn(Vec<O>) -> Values,
    f: F,
) -> PyResult<Py<PyAny>>
where
    O: Copy + Default + Send,
    F: Fn(CellId) -> Result<O, String> + Sync + Send,
{
    let arrays = col
        .chunks
        .iter()
        .map(|c| ids(c, what))
        .collect::<PyResult<Vec<UInt64Array>>>()?;
    let results = each_chunk(py, what, &arrays, |a, base| {
        let (v, valid, err) = map_rows(a.len(), base, errors, |i| {
            if a.is_null(i) {
                return Row::Null;
            }
            match valid_id(a.value(i)).and_then(&f) {
                Ok(o) => Row::Value(o),
                Err(r) => Row::Bad(r),
            }
        });
        ((v, valid), a.len(), err)
    })?;
    let outs = results
        .into_iter()
        .map(|(v, valid)| Out {
            values: wrap(v),
            valid,
        })
        .collect();
    finish(py, outs, col.kind)
}

/// Variable-size rows: `f(i, buf)` appends row `i`'s content to `buf`.
/// Returns the content, `n + 1` offsets, validity and the first bad row.
pub fn var_rows<T, F>(
    n: usize,
    base: usize,
    errors: Errors,
    f: F,
) -> (Vec<T>, Vec<usize>, Option<Vec<bool>>, Option<RowError>)
where
    T: Send,
    F: Fn(usize, &mut Vec<T>) -> Row<()> + Sync + Send,
{
    let parts = map_pieces(n, |range| {
        let mut buf = Vec::new();
        let mut offsets = Vec::with_capacity(range.len() + 1);
        offsets.push(0);
        let mut valid = Vec::with_capacity(range.len());
        let mut err = None;
        for i in range {
            let mark = buf.len();
            match f(i, &mut buf) {
                Row::Value(()) => valid.push(true),
                Row::Null => {
                    buf.truncate(mark);
                    valid.push(false);
                }
                Row::Bad(reason) => {
                    buf.truncate(mark);
                    valid.push(false);
                    if errors == Errors::Raise {
                        err = Some(RowError {
                            row: base + i,
                            reason,
                        });
                        break;
                    }
                }
            }
            offsets.push(buf.len());
        }
        Piece {
            data: buf,
            offsets,
            valid: Some(valid),
            err,
        }
    });
    join_pieces(parts, n)
}

/// One piece of variable-size rows: content, offsets into it (a leading
/// 0, then one end per row), validity (`None`: all valid) and its first
/// bad row.
struct Piece<T> {
    data: Vec<T>,
    offsets: Vec<usize>,
    valid: Option<Vec<bool>>,
    err: Option<RowError>,
}

/// The pieces of `n` rows, in order, as one column: content, `n + 1`
/// offsets, validity (`None`: all valid) and the first bad row.
fn join_pieces<T>(
    parts: Vec<Piece<T>>,
    n: usize,
) -> (Vec<T>, Vec<usize>, Option<Vec<bool>>, Option<RowError>) {
    let total = parts.iter().map(|p| p.data.len()).sum();
    let mut data = Vec::with_capacity(total);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0);
    let mut valid = Vec::with_capacity(n);
    let mut err = None;
    for p in parts {
        let start = data.len();
        offsets.extend(p.offsets[1..].iter().map(|&x| start + x));
        data.extend(p.data);
        let rows = p.offsets.len() - 1;
        match p.valid {
            Some(v) => valid.extend(v),
            None => valid.resize(valid.len() + rows, true),
        }
        err = first_error(err, p.err);
    }
    let valid = if valid.iter().all(|&b| b) {
        None
    } else {
        Some(valid)
    };
    (data, offsets, valid, err)
}

/// The slow path after a batch kernel has filled one piece (`range` of a
/// chunk) and flagged the rows in `bad`: the rows from the first flagged
/// one (from the piece's start when the chunk has nulls) are looked at
/// one by one. `row(i)` says whether row `i` is null, bad (and why) or
/// fine, and must call bad every row the kernel flags. A null row, and a
/// bad one under `errors="null"`, goes to `discard(k)` (`k` counted from the
/// piece's start); under `"raise"` the first bad row is returned.
fn sweep(
    range: Range<usize>,
    bad: InvalidInputs,
    any_null: bool,
    base: usize,
    errors: Errors,
    row: impl Fn(usize) -> Row<()>,
    mut discard: impl FnMut(usize),
) -> Option<RowError> {
    if bad.is_empty() && !any_null {
        return None;
    }
    let from = if any_null {
        0
    } else {
        bad.first.unwrap_or(range.len())
    };
    for k in from..range.len() {
        let i = range.start + k;
        match (row(i), errors) {
            (Row::Value(()), _) => {}
            (Row::Bad(reason), Errors::Raise) => {
                return Some(RowError {
                    row: base + i,
                    reason,
                });
            }
            (Row::Null | Row::Bad(_), _) => discard(k),
        }
    }
    None
}

/// Fixed-width results of `n` rows through a batch kernel:
/// `kernel(range, out)` fills one piece and flags its invalid rows, which
/// [`sweep`] then looks at with `row`; a null or dropped row holds the
/// default value, as on the per-row path. As [`fill`] returns.
fn fill_by_kernel<O, K, R>(
    n: usize,
    any_null: bool,
    base: usize,
    errors: Errors,
    kernel: K,
    row: R,
) -> (Vec<O>, Option<Vec<bool>>, Option<RowError>)
where
    O: Copy + Default + Send,
    K: Fn(Range<usize>, &mut [O]) -> InvalidInputs + Sync + Send,
    R: Fn(usize) -> Row<()> + Sync + Send,
{
    fill(n, |range, out, nulls| {
        let bad = kernel(range.clone(), out);
        sweep(range, bad, any_null, base, errors, &row, |k| {
            out[k] = O::default();
            nulls.set(k);
        })
    })
}

/// What row `i` of an id chunk is for a kernel: null, bad (`why` says
/// why) or fine.
fn id_row(a: &UInt64Array, i: usize, why: impl Fn(u64) -> Option<String>) -> Row<()> {
    if a.is_null(i) {
        Row::Null
    } else {
        why(a.value(i)).map_or(Row::Value(()), Row::Bad)
    }
}

/// Why an id is not a valid cell, if it is not.
fn invalid_id(x: u64) -> Option<String> {
    valid_id(x).err()
}

/// One id column in, one fixed-width value per row out, through a batch
/// kernel run over whole pieces: `kernel(ids, out)` fills a piece and
/// flags its invalid rows, which `why` then explains one by one (it must
/// find a reason for every row the kernel flags). A null or dropped row
/// holds the default value, as on the per-row path. Gives each chunk's
/// values and validity.
#[allow(clippy::type_complexity)]
fn batch<O, K, W>(
    py: Python<'_>,
    col: &Col,
    errors: Errors,
    what: &str,
    kernel: K,
    why: W,
) -> PyResult<Vec<(Vec<O>, Option<Vec<bool>>)>>
where
    O: Copy + Default + Send,
    K: Fn(&[u64], &mut [O]) -> InvalidInputs + Sync + Send,
    W: Fn(u64) -> Option<String> + Sync + Send,
{
    let arrays = col
        .chunks
        .iter()
        .map(|c| ids(c, what))
        .collect::<PyResult<Vec<UInt64Array>>>()?;
    each_chunk(py, what, &arrays, |a, base| {
        let vals: &[u64] = a.values();
        let any_null = a.null_count() > 0;
        let (v, valid, err) = fill_by_kernel(
            a.len(),
            any_null,
            base,
            errors,
            |range, out| kernel(&vals[range], out),
            |i| id_row(a, i, &why),
        );
        ((v, valid), a.len(), err)
    })
}

/// One id column in, variable-size rows out.
fn unary_var<T, F>(
    py: Python<'_>,
    col: &Col,
    errors: Errors,
    what: &str,
    wrap: fn(Vec<T>, Vec<usize>) -> Values,
    f: F,
) -> PyResult<Py<PyAny>>
where
    T: Send,
    F: Fn(CellId, &mut Vec<T>) -> Result<(), String> + Sync + Send,
{
    let arrays = col
        .chunks
        .iter()
        .map(|c| ids(c, what))
        .collect::<PyResult<Vec<UInt64Array>>>()?;
    let results = each_chunk(py, what, &arrays, |a, base| {
        let (d, o, valid, err) = var_rows(a.len(), base, errors, |i, buf| {
            if a.is_null(i) {
                return Row::Null;
            }
            match valid_id(a.value(i)).and_then(|c| f(c, buf)) {
                Ok(()) => Row::Value(()),
                Err(r) => Row::Bad(r),
            }
        });
        ((d, o, valid), a.len(), err)
    })?;
    let outs = results
        .into_iter()
        .map(|(d, o, valid)| Out {
            values: wrap(d, o),
            valid,
        })
        .collect();
    finish(py, outs, col.kind)
}

fn level_arg(level: i64, what: &str) -> PyResult<u8> {
    u8::try_from(level)
        .ok()
        .filter(|&l| l <= MAX_LEVEL)
        .ok_or_else(|| PyValueError::new_err(format!("{what}: level {level}: expected 0..=30")))
}

/// Cells of lat/lng pairs (degrees) at `level`.
#[pyfunction]
#[pyo3(signature = (lat, lng, level, errors, nan_is_null, lat_mask=None, lng_mask=None))]
#[allow(clippy::too_many_arguments)]
pub fn cell_ids(
    py: Python<'_>,
    lat: &Bound<'_, PyAny>,
    lng: &Bound<'_, PyAny>,
    level: i64,
    errors: &str,
    nan_is_null: bool,
    lat_mask: Option<&Bound<'_, PyAny>>,
    lng_mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "cell_ids";
        let level = level_arg(level, what)?;
        let errors = Errors::parse(errors)?;
        let lat = col(lat, lat_mask, "cell_ids lat")?;
        let lng = col(lng, lng_mask, "cell_ids lng")?;
        let kind = column::kind2(&lat, &lng);
        let pairs = align(&lat, &lng, what)?
            .into_iter()
            .map(|(a, b)| Ok((f64s(&a, "cell_ids lat")?, f64s(&b, "cell_ids lng")?)))
            .collect::<PyResult<Vec<_>>>()?;
        let results = each_chunk(py, what, &pairs, |(la, ln), base| {
            let (lv, gv) = (la.values(), ln.values());
            let any_null = la.null_count() > 0 || ln.null_count() > 0;
            let (v, valid, err) = fill(la.len(), |range, out, nulls| {
                let start = range.start;
                seam::cell_ids(&lv[range.clone()], &gv[range.clone()], level, out);
                for (k, &id) in out.iter().enumerate() {
                    let i = start + k;
                    if any_null && (la.is_null(i) || ln.is_null(i)) {
                        nulls.set(k);
                    } else if id == 0 {
                        let (y, x) = (lv[i], gv[i]);
                        if (nan_is_null && (y.is_nan() || x.is_nan())) || errors == Errors::Null {
                            nulls.set(k);
                        } else {
                            let e = GeomError::InvalidLatLng {
                                lat_degrees: y,
                                lng_degrees: x,
                            };
                            return Some(RowError {
                                row: base + i,
                                reason: e.to_string(),
                            });
                        }
                    }
                }
                None
            });
            (
                Out {
                    values: Values::U64(v),
                    valid,
                },
                la.len(),
                err,
            )
        })?;
        finish(py, results, kind)
    })
}

/// The signed (BigQuery INT64) form of ids: a bit-cast.
#[pyfunction]
pub fn to_signed(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = col(ids, mask, "to_signed")?;
        unary(
            py,
            &c,
            Errors::parse(errors)?,
            "to_signed",
            Values::I64,
            |c| Ok(c.to_signed()),
        )
    })
}

/// Ids from the signed form (int64 in; uint64 out), checked.
#[pyfunction]
pub fn from_signed(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = col(ids, mask, "from_signed")?;
        unary(
            py,
            &c,
            Errors::parse(errors)?,
            "from_signed",
            Values::U64,
            |c| Ok(c.id()),
        )
    })
}

/// Ids checked for validity (uint64 out): what every id input goes
/// through.
#[pyfunction]
pub fn check_ids(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = col(ids, mask, "ids")?;
        unary(py, &c, Errors::parse(errors)?, "ids", Values::U64, |c| {
            Ok(c.id())
        })
    })
}

#[pyfunction]
pub fn levels(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = col(ids, mask, "levels")?;
        unary(py, &c, Errors::parse(errors)?, "levels", Values::I8, |c| {
            Ok(c.level() as i8)
        })
    })
}

/// Parents at `level`; a negative level counts up from each cell's own.
/// A level from 0 runs the batch kernel over whole pieces; a negative
/// one goes row by row (each cell has its own target).
#[pyfunction]
pub fn parents(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    level: i64,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "parents";
        if !(-30..=30).contains(&level) {
            return Err(PyValueError::new_err(format!(
                "parents: level {level}: expected 0..=30, or -30..=-1 to go up from each cell"
            )));
        }
        let c = col(ids, mask, what)?;
        let errors = Errors::parse(errors)?;
        let coarser = |c: CellId, target: i64| {
            format!(
                "cell {} is at level {}, above the parent level {target} asked for",
                c.to_token(),
                c.level()
            )
        };
        if let Ok(target) = u8::try_from(level) {
            let outs = batch(
                py,
                &c,
                errors,
                what,
                |ids, out| seam::parents(ids, target, out),
                |x| match valid_id(x) {
                    Err(r) => Some(r),
                    Ok(c) if c.level() < target => Some(coarser(c, level)),
                    Ok(_) => None,
                },
            )?;
            let outs = outs
                .into_iter()
                .map(|(v, valid)| Out {
                    values: Values::U64(v),
                    valid,
                })
                .collect();
            return finish(py, outs, c.kind);
        }
        unary(py, &c, errors, what, Values::U64, move |c| {
            let own = i64::from(c.level());
            let target = own + level;
            if target < 0 {
                return Err(format!(
                    "cell {} is at level {own}: it has no ancestor {} levels up",
                    c.to_token(),
                    -level
                ));
            }
            Ok(seam::parent(c, target as u8).id())
        })
    })
}

/// Most cells one `children` call may return (8 GiB of ids would be
/// 2^30): past it, the call fails before allocating.
const MAX_CHILDREN: u64 = 1 << 28;

/// Children at `level` (None: one level down), in curve order.
#[pyfunction]
#[pyo3(signature = (ids, level, errors, mask=None))]
pub fn children(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    level: Option<i64>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "children";
        let target = level.map(|l| level_arg(l, what)).transpose()?;
        let c = col(ids, mask, what)?;
        // The output size first, so a huge request fails before it allocates.
        let mut total: u64 = 0;
        for ch in &c.chunks {
            let a = column::ids(ch, what)?;
            for i in 0..a.len() {
                if let Ok(id) = CellId::try_from(a.value(i)) {
                    let l = id.level();
                    let t = target.unwrap_or(l.saturating_add(1));
                    if a.is_valid(i) && t > l && t <= MAX_LEVEL {
                        total = total.saturating_add(1u64 << (2 * u32::from(t - l)).min(62));
                    }
                }
            }
        }
        if total > MAX_CHILDREN {
            return Err(PyValueError::new_err(format!(
                "children: the result would hold {total} cells, more than the limit of {MAX_CHILDREN}; ask for a shallower level"
            )));
        }
        unary_var(
            py,
            &c,
            Errors::parse(errors)?,
            what,
            Values::List,
            move |id, buf| {
                let l = id.level();
                let t = target.unwrap_or(l.saturating_add(1));
                if t <= l || t > MAX_LEVEL {
                    return Err(if l == MAX_LEVEL {
                        format!(
                            "cell {} is a leaf (level 30): it has no children",
                            id.to_token()
                        )
                    } else {
                        format!(
                            "cell {} is at level {l}: its children are at levels {}..=30, not {t}",
                            id.to_token(),
                            l + 1
                        )
                    });
                }
                let (mut k, end) = (id.child_begin_at(t), id.child_end_at(t));
                while k != end {
                    buf.push(k.id());
                    k = k.next();
                }
                Ok(())
            },
        )
    })
}

/// The four neighbors across each edge (Google's order: down, right, up,
/// left). Numpy: a flat array of 4 per row (Python reshapes it to n x 4);
/// Arrow: list<uint64>.
#[pyfunction]
pub fn edge_neighbors(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let c = col(ids, mask, "edge_neighbors")?;
        let errors = Errors::parse(errors)?;
        if c.kind == Kind::Numpy {
            unary_var(
                py,
                &c,
                errors,
                "edge_neighbors",
                Values::U64Flat,
                |id, buf| {
                    buf.extend(id.edge_neighbors().map(|n| n.id()));
                    Ok(())
                },
            )
        } else {
            unary_var(py, &c, errors, "edge_neighbors", Values::List, |id, buf| {
                buf.extend(id.edge_neighbors().map(|n| n.id()));
                Ok(())
            })
        }
    })
}

/// Whether each cell of `a` contains the cell of `b` (row by row), by
/// the batch kernel over whole pieces.
#[pyfunction]
#[pyo3(signature = (a, b, errors, a_mask=None, b_mask=None))]
pub fn contains(
    py: Python<'_>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    errors: &str,
    a_mask: Option<&Bound<'_, PyAny>>,
    b_mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "contains";
        let errors = Errors::parse(errors)?;
        let ca = col(a, a_mask, what)?;
        let cb = col(b, b_mask, what)?;
        let kind = column::kind2(&ca, &cb);
        let pairs = align(&ca, &cb, what)?
            .into_iter()
            .map(|(x, y)| Ok((ids(&x, what)?, ids(&y, what)?)))
            .collect::<PyResult<Vec<_>>>()?;
        let outs = each_chunk(py, what, &pairs, |(x, y), base| {
            let (xv, yv): (&[u64], &[u64]) = (x.values(), y.values());
            let any_null = x.null_count() > 0 || y.null_count() > 0;
            let (v, valid, err) = fill_by_kernel(
                x.len(),
                any_null,
                base,
                errors,
                |range, out| seam::contain(&xv[range.clone()], &yv[range], out),
                |i| {
                    if x.is_null(i) || y.is_null(i) {
                        return Row::Null;
                    }
                    invalid_id(xv[i])
                        .or_else(|| invalid_id(yv[i]))
                        .map_or(Row::Value(()), Row::Bad)
                },
            );
            (
                Out {
                    values: Values::Bool(v),
                    valid,
                },
                x.len(),
                err,
            )
        })?;
        finish(py, outs, kind)
    })
}

/// Cell centers: a tuple (lat, lng) in degrees, by the batch kernel over
/// whole pieces.
#[pyfunction]
pub fn centers<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyAny>,
    errors: &str,
    mask: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(|| {
        let what = "centers";
        let c = col(ids, mask, what)?;
        let errors = Errors::parse(errors)?;
        let outs = batch(
            py,
            &c,
            errors,
            what,
            |ids, out: &mut [(f64, f64)]| {
                let (mut la, mut ln) = (vec![0.0; ids.len()], vec![0.0; ids.len()]);
                let bad = seam::centers(ids, &mut la, &mut ln);
                for ((o, a), b) in out.iter_mut().zip(la).zip(ln) {
                    *o = (a, b);
                }
                bad
            },
            invalid_id,
        )?;
        let mut lats = Vec::new();
        let mut lngs = Vec::new();
        for (v, valid) in outs {
            let (la, ln): (Vec<f64>, Vec<f64>) = v.into_iter().unzip();
            lats.push(Out {
                values: Values::F64(la),
                valid: valid.clone(),
            });
            lngs.push(Out {
                values: Values::F64(ln),
                valid,
            });
        }
        PyTuple::new(py, [finish(py, lats, c.kind)?, finish(py, lngs, c.kind)?])
    })
}

/// The first and last leaf of each cell (Google's `range_min` and
/// `range_max`): a tuple of two id columns. A leaf id lies in a cell
/// exactly when it is between the two, so these are the cell's B-tree key
/// range.
#[pyfunction]
pub fn leaf_ranges<'py>(
    py: Python<'py>,
    ids: &Bound<'py, PyAny>,
    errors: &str,
    mask: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(|| {
        let what = "leaf_ranges";
        let c = col(ids, mask, what)?;
        let errors = Errors::parse(errors)?;
        let lo = unary(py, &c, errors, what, Values::U64, |c| {
            Ok(c.range_min().id())
        })?;
        let hi = unary(py, &c, errors, what, Values::U64, |c| {
            Ok(c.range_max().id())
        })?;
        PyTuple::new(py, [lo, hi])
    })
}

/// Cell areas in `unit`: "m2", "km2" or "sr" (steradians); `exact`
/// chooses Google's `ExactArea` over `ApproxArea`.
#[pyfunction]
pub fn areas(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    unit: &str,
    exact: bool,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let scale: fn(f64) -> f64 = match unit {
            "m2" => earth::steradians_to_square_meters,
            "km2" => earth::steradians_to_square_km,
            "sr" => |x| x,
            u => {
                return Err(PyValueError::new_err(format!(
                    "areas: unit={u:?}: expected \"m2\", \"km2\" or \"sr\""
                )));
            }
        };
        let c = col(ids, mask, "areas")?;
        unary(
            py,
            &c,
            Errors::parse(errors)?,
            "areas",
            Values::F64,
            move |id| {
                let cell = Cell::from(id);
                Ok(scale(if exact {
                    cell.exact_area()
                } else {
                    cell.approx_area()
                }))
            },
        )
    })
}

/// Tokens of ids, by the batch kernel over whole pieces: it writes
/// Arrow's string layout (bytes and offsets) directly.
#[pyfunction]
pub fn to_tokens(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "to_tokens";
        let c = col(ids, mask, what)?;
        let errors = Errors::parse(errors)?;
        let arrays = c
            .chunks
            .iter()
            .map(|ch| column::ids(ch, what))
            .collect::<PyResult<Vec<_>>>()?;
        let outs = each_chunk(py, what, &arrays, |a, base| {
            let vals: &[u64] = a.values();
            let any_null = a.null_count() > 0;
            let parts = map_pieces(a.len(), |range| {
                let n = range.len();
                let mut data = vec![0u8; 16 * n];
                let mut offsets = vec![0usize; n + 1];
                let bad = seam::tokens(&vals[range.clone()], &mut data, &mut offsets);
                let mut keep: Option<Vec<bool>> = None;
                let err = sweep(
                    range,
                    bad,
                    any_null,
                    base,
                    errors,
                    |i| id_row(a, i, invalid_id),
                    |k| keep.get_or_insert_with(|| vec![true; n])[k] = false,
                );
                if let Some(keep) = &keep {
                    // Null and dropped rows hold no text: close them up.
                    let mut end = 0;
                    for k in 0..n {
                        let (s, e) = (offsets[k], offsets[k + 1]);
                        if keep[k] {
                            data.copy_within(s..e, end);
                            end += e - s;
                        }
                        offsets[k] = end;
                    }
                    offsets.rotate_right(1);
                    offsets[0] = 0;
                }
                data.truncate(offsets[n]);
                Piece {
                    data,
                    offsets,
                    valid: keep,
                    err,
                }
            });
            let (d, o, valid, err) = join_pieces(parts, a.len());
            (
                Out {
                    values: Values::Str(d, o),
                    valid,
                },
                a.len(),
                err,
            )
        })?;
        finish(py, outs, c.kind)
    })
}

/// Ids of tokens: any Arrow string array or stream, or a Python sequence
/// of `str` (None for null).
#[pyfunction]
pub fn from_tokens(py: Python<'_>, tokens: &Bound<'_, PyAny>, errors: &str) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "from_tokens";
        let errors = Errors::parse(errors)?;
        let arrow = tokens.hasattr("__arrow_c_array__")? || tokens.hasattr("__arrow_c_stream__")?;
        let (chunks, kind, bad) = if arrow {
            let c = col(tokens, None, what)?;
            (c.chunks, c.kind, Vec::new())
        } else {
            let (a, bad) = column::strings_from_py(tokens)?;
            (
                vec![std::sync::Arc::new(a) as arrow_array::ArrayRef],
                Kind::Numpy,
                bad,
            )
        };
        if let (Errors::Raise, Some((row, reason))) = (errors, bad.first()) {
            return Err(RowError {
                row: *row,
                reason: reason.clone(),
            }
            .into_py(what));
        }
        let views = chunks
            .iter()
            .map(|ch| StrChunk::of(ch, what))
            .collect::<PyResult<Vec<_>>>()?;
        let items: Vec<_> = views.iter().zip(&chunks).collect();
        let outs = each_chunk(py, what, &items, |(a, ch), base| {
            let (v, valid, err) = map_rows(ch.len(), base, errors, |i| match a.get(i) {
                None => Row::Null,
                Some(s) => match CellId::from_token(s) {
                    Ok(c) if c == CellId::NONE => Row::Bad(format!(
                        "token {s:?} names no cell (it is Google's token of the invalid id 0)"
                    )),
                    Ok(c) => Row::Value(c.id()),
                    Err(e) => Row::Bad(e.to_string()),
                },
            });
            let out = Out {
                values: Values::U64(v),
                valid,
            };
            (out, ch.len(), err)
        })?;
        finish(py, outs, kind)
    })
}

/// Cell outlines: WKB (`format="wkb"`), GeoJSON geometry text
/// (`"geojson"`) or WKT (`"wkt"`); x = longitude, y = latitude, cells
/// crossing ±180° split into a MultiPolygon.
#[pyfunction]
pub fn cell_boundaries(
    py: Python<'_>,
    ids: &Bound<'_, PyAny>,
    format: &str,
    errors: &str,
    mask: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "cell_boundaries";
        let c = col(ids, mask, what)?;
        let errors = Errors::parse(errors)?;
        match format {
            "wkb" => unary_var(py, &c, errors, what, Values::Bin, |id, buf| {
                buf.extend_from_slice(&s2cells::io::cell_wkb(id));
                Ok(())
            }),
            "geojson" => unary_var(py, &c, errors, what, Values::Str, |id, buf| {
                buf.extend_from_slice(s2cells::io::cell_geojson(id).to_string().as_bytes());
                Ok(())
            }),
            "wkt" => unary_var(py, &c, errors, what, Values::Str, |id, buf| {
                buf.extend_from_slice(s2cells::io::cell_wkt(id).as_bytes());
                Ok(())
            }),
            f => Err(PyValueError::new_err(format!(
                "cell_boundaries: format={f:?}: expected \"wkb\", \"geojson\" or \"wkt\""
            ))),
        }
    })
}
