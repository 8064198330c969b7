//! ML features: vocabularies of cells (in the CLI's saved format, both
//! ways) and one-hot / multi-level encodings as CSR arrays.

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use s2cells::feature::ml::{MultiLevel, OneHot, Vocabulary};
use s2cells::{CellId, RegionCoverer};

use crate::engine::{detach, guard};
use crate::keys::region_of;

fn err(e: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(e.to_string())
}

fn cells_of(ids: &[u64], what: &str) -> PyResult<Vec<CellId>> {
    ids.iter()
        .enumerate()
        .map(|(k, &x)| {
            CellId::try_from(x).map_err(|e| PyValueError::new_err(format!("{what}: cell {k}: {e}")))
        })
        .collect()
}

/// Disjoint cells numbered in curve order, with an optional
/// out-of-vocabulary bucket: the library's `Vocabulary`.
#[pyclass(name = "_Vocabulary", module = "s2cells._s2cells", frozen)]
#[derive(Clone)]
pub struct PyVocabulary {
    pub v: Vocabulary,
}

#[pymethods]
impl PyVocabulary {
    #[staticmethod]
    fn from_cells(ids: PyReadonlyArray1<'_, u64>, oov_bucket: bool) -> PyResult<Self> {
        let cells = cells_of(ids.as_slice()?, "Vocabulary.from_cells")?;
        Ok(Self {
            v: Vocabulary::from_cells(cells, oov_bucket).map_err(err)?,
        })
    }

    /// Cells at `level` holding at least `min_count` of the points (leaf
    /// ids, or any ids at `level` or deeper; invalid and null ones are
    /// skipped).
    #[staticmethod]
    fn learn(
        py: Python<'_>,
        ids: PyReadonlyArray1<'_, u64>,
        level: u8,
        min_count: usize,
        oov_bucket: bool,
    ) -> PyResult<Self> {
        let s = ids.as_slice()?;
        let v = detach(py, || {
            Vocabulary::learn(
                s.iter().filter_map(|&x| CellId::try_from(x).ok()),
                level,
                min_count,
                oov_bucket,
            )
        })?
        .map_err(err)?;
        Ok(Self { v })
    }

    /// Every cell at `level` meeting a region (text or WKB geometry).
    #[staticmethod]
    fn from_region(
        py: Python<'_>,
        geometry: &Bound<'_, PyAny>,
        level: u8,
        oov_bucket: bool,
        lenient: bool,
    ) -> PyResult<Self> {
        guard(|| {
            let g = if let Ok(s) = geometry.cast::<pyo3::types::PyString>() {
                crate::geometry::GeomIn::Text(s.to_str()?)
            } else if let Ok(b) = geometry.cast::<pyo3::types::PyBytes>() {
                crate::geometry::GeomIn::Wkb(b.as_bytes())
            } else {
                return Err(PyValueError::new_err(
                    "expected a geometry as text or WKB bytes",
                ));
            };
            let region = region_of(g, lenient, "Vocabulary.from_region")?;
            let v = detach(py, || {
                RegionCoverer::fixed_level_cells(&region, level)
                    .map_err(s2cells::Error::from)
                    .and_then(|cells| Ok(Vocabulary::from_cells(cells, oov_bucket)?))
            })?
            .map_err(err)?;
            Ok(Self { v })
        })
    }

    /// From the CLI's saved JSON (one vocabulary object).
    #[staticmethod]
    fn from_json(text: &str) -> PyResult<Self> {
        let v: Vocabulary = serde_json::from_str(text)
            .map_err(|e| PyValueError::new_err(format!("not an s2cells vocabulary: {e}")))?;
        Ok(Self { v })
    }

    /// The CLI's saved JSON: {"format": "s2cells-vocabulary-1",
    /// "oov_bucket": ..., "cells": [tokens in curve order]}.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.v).map_err(err)
    }

    fn cells<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<u64>> {
        PyArray1::from_vec(py, self.v.cells().iter().map(|c| c.id()).collect())
    }

    fn __len__(&self) -> usize {
        self.v.len()
    }

    #[getter]
    fn n_features(&self) -> usize {
        self.v.n_features()
    }

    #[getter]
    fn oov_bucket(&self) -> bool {
        self.v.has_oov_bucket()
    }

    #[getter]
    fn level(&self) -> Option<u8> {
        self.v.level()
    }

    /// The column of each id (-1: none).
    fn index_of<'py>(
        &self,
        py: Python<'py>,
        ids: PyReadonlyArray1<'py, u64>,
    ) -> PyResult<Bound<'py, PyArray1<i64>>> {
        let s = ids.as_slice()?;
        let v = &self.v;
        let out = detach(py, || {
            s.iter()
                .map(|&x| {
                    CellId::try_from(x)
                        .ok()
                        .and_then(|c| v.index_of(c))
                        .map_or(-1, i64::from)
                })
                .collect::<Vec<i64>>()
        })?;
        Ok(PyArray1::from_vec(py, out))
    }

    fn __eq__(&self, other: &Self) -> bool {
        self.v == other.v
    }
}

/// One-hot (one vocabulary) or multi-level (several, one per level)
/// features of leaf ids: `(indptr int64, indices int32, n_features)`. An
/// invalid id (0: null) gets no feature.
#[pyfunction]
pub fn encode<'py>(
    py: Python<'py>,
    vocabs: Vec<PyRef<'py, PyVocabulary>>,
    ids: PyReadonlyArray1<'py, u64>,
) -> PyResult<Bound<'py, PyTuple>> {
    guard(|| {
        let s = ids.as_slice()?;
        let points: Vec<CellId> = s
            .iter()
            .map(|&x| CellId::try_from(x).unwrap_or(CellId::NONE))
            .collect();
        let csr = match vocabs.as_slice() {
            [] => return Err(PyValueError::new_err("encode: no vocabulary")),
            [one] => {
                let enc = OneHot::new(one.v.clone());
                detach(py, || enc.encode(&points))?
            }
            many => {
                let enc =
                    MultiLevel::new(many.iter().map(|v| v.v.clone()).collect()).map_err(err)?;
                detach(py, || enc.encode(&points))?
            }
        };
        // Rows of invalid ids (null) get no feature, not the bucket.
        let mut indptr: Vec<i64> = Vec::with_capacity(points.len() + 1);
        let mut indices: Vec<i32> = Vec::with_capacity(csr.indices().len());
        indptr.push(0);
        for (r, p) in points.iter().enumerate() {
            if p.is_valid() {
                indices.extend(csr.row(r).iter().map(|&x| x as i32));
            }
            indptr.push(indices.len() as i64);
        }
        let n = csr.n_features();
        PyTuple::new(
            py,
            [
                PyArray1::from_vec(py, indptr).into_any(),
                PyArray1::from_vec(py, indices).into_any(),
                n.into_pyobject(py)?.into_any(),
            ],
        )
    })
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyVocabulary>()?;
    m.add_function(wrap_pyfunction!(encode, m)?)?;
    Ok(())
}
