//! The `s2cells` Python package's native module, `s2cells._s2cells`.
//!
//! Every vectorized function here takes numpy arrays (read in place
//! through the buffer protocol) or any Arrow array or stream (through the
//! Arrow PyCapsule interface), runs over the chunks in parallel with the
//! GIL released, and answers in the kind it was given: `(values, mask)`
//! numpy pairs, or Arrow arrays that export themselves through the same
//! interface. The Python layer (`python/s2cells/`) adds pandas, lists,
//! scalars and pyarrow results on top; engine adapters need only this
//! module's Arrow side.

mod cells;
mod column;
mod engine;
pub mod geometry;
mod keys;
mod ml;
mod regions;
mod seam;

use pyo3::prelude::*;

/// Sets how many threads vectorized calls use (0: every core this
/// process may use).
#[pyfunction]
fn set_num_threads(n: usize) -> PyResult<()> {
    engine::set_threads(n)
}

/// How many threads vectorized calls use.
#[pyfunction]
fn get_num_threads() -> PyResult<usize> {
    engine::threads()
}

#[pymodule]
fn _s2cells(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(cells::cell_ids, m)?)?;
    m.add_function(wrap_pyfunction!(cells::to_signed, m)?)?;
    m.add_function(wrap_pyfunction!(cells::from_signed, m)?)?;
    m.add_function(wrap_pyfunction!(cells::check_ids, m)?)?;
    m.add_function(wrap_pyfunction!(cells::levels, m)?)?;
    m.add_function(wrap_pyfunction!(cells::parents, m)?)?;
    m.add_function(wrap_pyfunction!(cells::children, m)?)?;
    m.add_function(wrap_pyfunction!(cells::edge_neighbors, m)?)?;
    m.add_function(wrap_pyfunction!(cells::contains, m)?)?;
    m.add_function(wrap_pyfunction!(cells::centers, m)?)?;
    m.add_function(wrap_pyfunction!(cells::areas, m)?)?;
    m.add_function(wrap_pyfunction!(cells::leaf_ranges, m)?)?;
    m.add_function(wrap_pyfunction!(cells::to_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(cells::from_tokens, m)?)?;
    m.add_function(wrap_pyfunction!(cells::cell_boundaries, m)?)?;
    m.add_function(wrap_pyfunction!(regions::covering, m)?)?;
    m.add_function(wrap_pyfunction!(regions::coverings, m)?)?;
    m.add_function(wrap_pyfunction!(regions::covering_rect, m)?)?;
    m.add_function(wrap_pyfunction!(regions::covering_cap, m)?)?;
    keys::register(m)?;
    ml::register(m)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
