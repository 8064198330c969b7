//! How every vectorized function runs: rows split into pieces and spread
//! over a thread pool with the GIL released, a bad row either stopping
//! the call (the first bad row, whichever thread found it) or becoming
//! null, and no panic crossing into Python.

use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, OnceLock, RwLock};

use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use rayon::prelude::*;

/// Rows per unit of parallel work. Large enough that scheduling costs
/// nothing next to the work (16 k points take about 0.4 ms), small enough
/// that two threads share a 100 k-row call evenly.
pub const PIECE: usize = 16 * 1024;

/// What a bad row does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Errors {
    /// The call fails with a `ValueError` naming the first bad row.
    Raise,
    /// The row's result is null.
    Null,
}

impl Errors {
    pub fn parse(s: &str) -> PyResult<Self> {
        match s {
            "raise" => Ok(Self::Raise),
            "null" => Ok(Self::Null),
            other => Err(PyValueError::new_err(format!(
                "errors={other:?}: expected \"raise\" or \"null\""
            ))),
        }
    }
}

/// A bad row: its number in the whole input (from 0) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub row: usize,
    pub reason: String,
}

impl RowError {
    pub fn into_py(self, what: &str) -> PyErr {
        PyValueError::new_err(format!("{what}: row {}: {}", self.row, self.reason))
    }
}

/// The earlier of two errors (pieces finish in any order).
pub fn first_error(a: Option<RowError>, b: Option<RowError>) -> Option<RowError> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if a.row <= b.row { a } else { b }),
        (a, b) => a.or(b),
    }
}

static POOL: OnceLock<RwLock<Arc<rayon::ThreadPool>>> = OnceLock::new();

fn build_pool(threads: usize) -> PyResult<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("s2cells-{i}"))
        .build()
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start worker threads: {e}")))
}

/// The pool every call runs on: as many threads as the process may use
/// (its CPU affinity and cgroup quota), or `S2CELLS_NUM_THREADS`, or what
/// `set_num_threads` last set.
pub fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    if let Some(lock) = POOL.get() {
        return Ok(lock
            .read()
            .map_or_else(|e| e.into_inner().clone(), |p| p.clone()));
    }
    let threads = std::env::var("S2CELLS_NUM_THREADS")
        .ok()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
        .unwrap_or(0); // 0: rayon's default, the available parallelism
    let pool = Arc::new(build_pool(threads)?);
    let lock = POOL.get_or_init(|| RwLock::new(pool));
    Ok(lock
        .read()
        .map_or_else(|e| e.into_inner().clone(), |p| p.clone()))
}

/// Replaces the pool with one of `threads` threads (0: all available).
pub fn set_threads(threads: usize) -> PyResult<()> {
    let new = Arc::new(build_pool(threads)?);
    let lock = POOL.get_or_init(|| RwLock::new(new.clone()));
    match lock.write() {
        Ok(mut p) => *p = new,
        Err(e) => *e.into_inner() = new,
    }
    Ok(())
}

/// The pool's thread count.
pub fn threads() -> PyResult<usize> {
    Ok(pool()?.current_num_threads())
}

/// Runs `f` with the GIL released on the worker pool, turning a panic
/// (a bug: no input should cause one) into a `RuntimeError` rather than
/// pyo3's `PanicException`, which derives from `BaseException` and would
/// escape `except Exception`.
pub fn detach<T: Send>(py: Python<'_>, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    let pool = pool()?;
    let out = py.detach(|| catch_unwind(AssertUnwindSafe(|| pool.install(f))));
    out.map_err(panic_error)
}

/// Runs `f(chunk, base)` on each chunk in order with the GIL released
/// (in [`detach`]), `base` being the number of rows before the chunk (for
/// error messages); the first chunk that meets a bad row stops the call
/// with a `ValueError` naming `what`, the row and why.
pub fn each_chunk<C, R, F>(py: Python<'_>, what: &str, chunks: &[C], f: F) -> PyResult<Vec<R>>
where
    C: Sync,
    R: Send,
    F: Fn(&C, usize) -> (R, usize, Option<RowError>) + Send + Sync,
{
    detach(py, || {
        let mut base = 0;
        let mut outs = Vec::with_capacity(chunks.len());
        for c in chunks {
            let (out, rows, err) = f(c, base);
            if let Some(e) = err {
                return Err(e);
            }
            outs.push(out);
            base += rows;
        }
        Ok(outs)
    })?
    .map_err(|e| e.into_py(what))
}

/// Runs `f` (holding the GIL) with a panic turned into a `RuntimeError`.
pub fn guard<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|p| Err(panic_error(p)))
}

fn panic_error(p: Box<dyn std::any::Any + Send>) -> PyErr {
    let msg = p
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| String::from("unknown panic"));
    PyRuntimeError::new_err(format!(
        "internal error in s2cells (a bug, please report it with the input): {msg}"
    ))
}

/// The pieces `0..n` is cut into.
pub fn pieces(n: usize) -> Vec<Range<usize>> {
    (0..n.div_ceil(PIECE))
        .map(|k| k * PIECE..((k + 1) * PIECE).min(n))
        .collect()
}

/// The null rows of one piece, kept only once there is one: most
/// columns have none, and a validity vector per row would cost as much as
/// the cheap kernels themselves.
pub struct Nulls<'a> {
    len: usize,
    rows: Option<Vec<bool>>,
    _piece: std::marker::PhantomData<&'a ()>,
}

impl Nulls<'_> {
    /// Makes row `k` of the piece null.
    #[inline]
    pub fn set(&mut self, k: usize) {
        let len = self.len;
        self.rows.get_or_insert_with(|| vec![true; len])[k] = false;
    }
}

/// Fixed-width results: `f(range, values, nulls)` fills one piece of the
/// output (`nulls.set(k)` makes row `range.start + k` null) and returns
/// its first bad row, if any. Pieces run in parallel (on the current pool:
/// call inside [`detach`]); the result is the values, the validity (None
/// when every row is valid) and the first bad row of all.
pub fn fill<O, F>(n: usize, f: F) -> (Vec<O>, Option<Vec<bool>>, Option<RowError>)
where
    O: Copy + Default + Send,
    F: Fn(Range<usize>, &mut [O], &mut Nulls<'_>) -> Option<RowError> + Sync + Send,
{
    let mut values = vec![O::default(); n];
    let run = |k: usize, v: &mut [O]| {
        let mut nulls = Nulls {
            len: v.len(),
            rows: None,
            _piece: std::marker::PhantomData,
        };
        let err = f(k * PIECE..k * PIECE + v.len(), v, &mut nulls);
        (nulls.rows, err)
    };
    let parts: Vec<(Option<Vec<bool>>, Option<RowError>)> = if n <= PIECE {
        vec![run(0, &mut values)]
    } else {
        values
            .par_chunks_mut(PIECE)
            .enumerate()
            .map(|(k, v)| run(k, v))
            .collect()
    };
    let mut err = None;
    let mut valid: Option<Vec<bool>> = None;
    for (k, (rows, e)) in parts.into_iter().enumerate() {
        err = first_error(err, e);
        if let Some(rows) = rows {
            let all = valid.get_or_insert_with(|| vec![true; n]);
            all[k * PIECE..k * PIECE + rows.len()].copy_from_slice(&rows);
        }
    }
    (values, valid, err)
}

/// Variable-size results: `f(range)` makes one piece's output; pieces run
/// in parallel and come back in order.
pub fn map_pieces<R, F>(n: usize, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(Range<usize>) -> R + Sync + Send,
{
    let p = pieces(n);
    if p.len() <= 1 {
        return p.into_iter().map(f).collect();
    }
    p.into_par_iter().map(f).collect()
}

/// What one row gives.
pub enum Row<T> {
    Value(T),
    Null,
    Bad(String),
}

/// The common case of [`fill`]: one result per row from `f(row)`, nulls
/// and bad rows handled as `errors` says. `base` is the number of the
/// first row in the whole input (for error messages).
pub fn map_rows<O, F>(
    n: usize,
    base: usize,
    errors: Errors,
    f: F,
) -> (Vec<O>, Option<Vec<bool>>, Option<RowError>)
where
    O: Copy + Default + Send,
    F: Fn(usize) -> Row<O> + Sync + Send,
{
    fill(n, |range, out, nulls| {
        let start = range.start;
        for i in range {
            match f(i) {
                Row::Value(v) => out[i - start] = v,
                Row::Null => nulls.set(i - start),
                Row::Bad(reason) => match errors {
                    Errors::Null => nulls.set(i - start),
                    Errors::Raise => {
                        return Some(RowError {
                            row: base + i,
                            reason,
                        });
                    }
                },
            }
        }
        None
    })
}
