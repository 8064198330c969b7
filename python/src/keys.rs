//! Keys and terms: merged key ranges of a covering in every encoding, the
//! SQL `WHERE` clause, and Google's `S2RegionTermIndexer` terms.

use numpy::{PyArray1, PyArray2, PyArrayMethods, PyReadonlyArray1};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};
use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
use s2cells::{CellId, CellUnion, LatLng};

use crate::engine::{detach, guard};
use crate::geometry::{self, GeomIn};
use s2cells::io::RegionOptions;

/// Cell ids (a covering) checked, as a union (sorted; normalized unless
/// `verbatim`).
pub fn union_of(ids: &[u64], what: &str) -> PyResult<CellUnion> {
    let mut cells = Vec::with_capacity(ids.len());
    for (k, &x) in ids.iter().enumerate() {
        let c = CellId::try_from(x)
            .map_err(|e| PyValueError::new_err(format!("{what}: cell {k}: {e}")))?;
        cells.push(c);
    }
    Ok(CellUnion::from_cell_ids(cells))
}

/// The keys that answer a query: merged leaf ranges and (for stored
/// regions) ancestor keys.
#[pyclass(name = "_KeyQuery", module = "s2cells._s2cells", frozen)]
pub struct PyKeyQuery {
    q: KeyQuery,
}

fn pairs_u64<'py>(py: Python<'py>, v: Vec<(u64, u64)>) -> PyResult<Bound<'py, PyArray2<u64>>> {
    let flat: Vec<u64> = v.iter().flat_map(|&(a, b)| [a, b]).collect();
    PyArray1::from_vec(py, flat).reshape([v.len(), 2])
}

fn pairs_i64<'py>(py: Python<'py>, v: Vec<(i64, i64)>) -> PyResult<Bound<'py, PyArray2<i64>>> {
    let flat: Vec<i64> = v.iter().flat_map(|&(a, b)| [a, b]).collect();
    PyArray1::from_vec(py, flat).reshape([v.len(), 2])
}

#[pymethods]
impl PyKeyQuery {
    #[new]
    #[pyo3(signature = (cells, regions_min_level=None))]
    fn new(cells: PyReadonlyArray1<'_, u64>, regions_min_level: Option<u8>) -> PyResult<Self> {
        guard(|| {
            let u = union_of(cells.as_slice()?, "KeyQuery")?;
            let stored = match regions_min_level {
                None => Stored::Points,
                Some(l) if l <= 30 => Stored::Regions { min_level: l },
                Some(l) => {
                    return Err(PyValueError::new_err(format!(
                        "regions_min_level={l}: expected 0..=30"
                    )));
                }
            };
            Ok(Self {
                q: KeyQuery::new(&u, stored),
            })
        })
    }

    /// Ranges as an (n, 2) array of inclusive [min, max]: "u64", "i64"
    /// (the bit-cast, split at the sign flip) or "ordered"; "tokens": a
    /// list of (str, str).
    fn ranges<'py>(&self, py: Python<'py>, encoding: &str) -> PyResult<Bound<'py, PyAny>> {
        match encoding {
            "u64" => Ok(pairs_u64(py, self.q.u64_ranges())?.into_any()),
            "i64" => Ok(pairs_i64(py, self.q.signed_ranges())?.into_any()),
            "ordered" => Ok(pairs_i64(py, self.q.ordered_ranges())?.into_any()),
            "tokens" => Ok(PyList::new(py, self.q.token_ranges())?.into_any()),
            e => Err(PyValueError::new_err(format!(
                "encoding={e:?}: expected \"u64\", \"i64\", \"ordered\" or \"tokens\""
            ))),
        }
    }

    /// Ancestor keys to look up by equality (empty for stored points).
    fn ancestors<'py>(&self, py: Python<'py>, encoding: &str) -> PyResult<Bound<'py, PyAny>> {
        let a = self.q.ancestors();
        match encoding {
            "u64" => Ok(PyArray1::from_vec(py, a.iter().map(|c| c.id()).collect()).into_any()),
            "i64" => Ok(PyArray1::from_vec(py, self.q.signed_ancestors()).into_any()),
            "ordered" => Ok(PyArray1::from_vec(py, self.q.ordered_ancestors()).into_any()),
            "tokens" => Ok(PyList::new(py, a.iter().map(|c| c.to_token()))?.into_any()),
            e => Err(PyValueError::new_err(format!(
                "encoding={e:?}: expected \"u64\", \"i64\", \"ordered\" or \"tokens\""
            ))),
        }
    }

    /// Whether each stored key (a uint64 id of any level) is matched.
    fn matches<'py>(
        &self,
        py: Python<'py>,
        keys: PyReadonlyArray1<'py, u64>,
    ) -> PyResult<Bound<'py, PyArray1<bool>>> {
        let k = keys.as_slice()?;
        let q = &self.q;
        let out = detach(py, || {
            k.iter()
                .map(|&x| CellId::try_from(x).is_ok_and(|c| q.matches(c)))
                .collect::<Vec<bool>>()
        })?;
        Ok(PyArray1::from_vec(py, out))
    }

    /// The SQL boolean expression true for the rows the query matches.
    fn where_clause(&self, column: &str, dialect: &str, key: &str) -> PyResult<String> {
        Ok(table(dialect, key, "t", column)?.where_clause(&self.q))
    }
}

fn table(dialect: &str, key: &str, name: &str, column: &str) -> PyResult<SqlTable> {
    let d = match dialect {
        "postgres" | "postgresql" => SqlDialect::Postgres,
        "sqlite" => SqlDialect::Sqlite,
        d => {
            return Err(PyValueError::new_err(format!(
                "dialect={d:?}: expected \"postgres\" or \"sqlite\""
            )));
        }
    };
    let k = match key {
        "signed" | "i64" => SqlKey::Signed,
        "ordered" => SqlKey::Ordered,
        k => {
            return Err(PyValueError::new_err(format!(
                "key={k:?}: expected \"signed\" (the bit-cast INT64) or \"ordered\""
            )));
        }
    };
    SqlTable::new(d, k, name, column).map_err(|e| PyValueError::new_err(e.to_string()))
}

/// The CREATE TABLE / CREATE INDEX recipe for points (or region
/// coverings) keyed by cell.
#[pyfunction]
fn sql_recipe(
    table_name: &str,
    column: &str,
    dialect: &str,
    key: &str,
    regions: bool,
) -> PyResult<String> {
    let t = table(dialect, key, table_name, column)?;
    Ok(if regions {
        t.create_covering_sql()
    } else {
        t.create_sql()
    })
}

/// Google's `S2RegionTermIndexer`.
#[pyclass(name = "_TermIndexer", module = "s2cells._s2cells", frozen)]
pub struct PyTermIndexer {
    t: TermIndexer,
}

fn geom_arg<'a>(obj: &'a Bound<'_, PyAny>) -> PyResult<GeomIn<'a>> {
    if let Ok(s) = obj.cast::<pyo3::types::PyString>() {
        return Ok(GeomIn::Text(s.to_str()?));
    }
    if let Ok(b) = obj.cast::<pyo3::types::PyBytes>() {
        return Ok(GeomIn::Wkb(b.as_bytes()));
    }
    Err(PyValueError::new_err(
        "expected a geometry as text or WKB bytes",
    ))
}

pub fn region_of(g: GeomIn<'_>, lenient: bool, what: &str) -> PyResult<s2cells::io::GeoRegion> {
    let (geom, fmt) =
        geometry::parse(g).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))?;
    let geom =
        geom.ok_or_else(|| PyValueError::new_err(format!("{what}: the feature has no geometry")))?;
    let opts = RegionOptions {
        lenient,
        ..RegionOptions::default()
    };
    geometry::region(&geom, fmt, opts).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

#[pymethods]
impl PyTermIndexer {
    #[new]
    #[allow(clippy::too_many_arguments)]
    fn new(
        min_level: u8,
        max_level: u8,
        level_mod: u8,
        max_cells: usize,
        points_only: bool,
        optimize_for_space: bool,
        marker: char,
    ) -> PyResult<Self> {
        let o = TermIndexerOptions {
            min_level,
            max_level,
            level_mod,
            max_cells,
            index_contains_points_only: points_only,
            optimize_for_space,
            marker,
        };
        let t = TermIndexer::new(o).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Self { t })
    }

    /// Terms for points (lat, lng in degrees), one list per point.
    fn point_terms<'py>(
        &self,
        py: Python<'py>,
        lat: PyReadonlyArray1<'py, f64>,
        lng: PyReadonlyArray1<'py, f64>,
        prefix: &str,
        query: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let (la, ln) = (lat.as_slice()?, lng.as_slice()?);
        if la.len() != ln.len() {
            return Err(PyValueError::new_err("lat and lng differ in length"));
        }
        for (k, (&y, &x)) in la.iter().zip(ln).enumerate() {
            if LatLng::try_from_degrees(y, x).is_err() {
                return Err(PyValueError::new_err(format!(
                    "terms: row {k}: {}",
                    s2cells::GeomError::InvalidLatLng {
                        lat_degrees: y,
                        lng_degrees: x
                    }
                )));
            }
        }
        let t = &self.t;
        let terms = detach(py, || {
            la.iter()
                .zip(ln)
                .map(|(&y, &x)| {
                    let p = LatLng::from_degrees(y, x).to_point();
                    if query {
                        t.query_terms_for_point(&p, prefix)
                    } else {
                        t.index_terms_for_point(&p, prefix)
                    }
                })
                .collect::<Vec<_>>()
        })?;
        PyList::new(py, terms)
    }

    /// Terms for a region given as a geometry or as its covering's cells.
    #[pyo3(signature = (geometry, cells, prefix, query, lenient))]
    fn region_terms(
        &self,
        py: Python<'_>,
        geometry: Option<&Bound<'_, PyAny>>,
        cells: Option<PyReadonlyArray1<'_, u64>>,
        prefix: &str,
        query: bool,
        lenient: bool,
    ) -> PyResult<Vec<String>> {
        guard(|| {
            let what = if query { "query_terms" } else { "index_terms" };
            let t = &self.t;
            let err = |e: s2cells::FeatureError| PyValueError::new_err(format!("{what}: {e}"));
            if let Some(c) = cells {
                let u = union_of(c.as_slice()?, what)?;
                return if query {
                    Ok(t.query_terms_for_covering(&u, prefix))
                } else {
                    t.index_terms_for_covering(&u, prefix).map_err(err)
                };
            }
            let g = geometry.ok_or_else(|| PyValueError::new_err(format!("{what}: no region")))?;
            let region = region_of(geom_arg(g)?, lenient, what)?;
            detach(py, || {
                if query {
                    Ok(t.query_terms(&region, prefix))
                } else {
                    t.index_terms(&region, prefix)
                }
            })?
            .map_err(err)
        })
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyKeyQuery>()?;
    m.add_class::<PyTermIndexer>()?;
    m.add_function(wrap_pyfunction!(sql_recipe, m)?)?;
    Ok(())
}
