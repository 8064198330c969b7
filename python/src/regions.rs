//! Regions: the covering of one geometry, and coverings of a column of
//! geometries (in parallel, the GIL released), with the CLI's rules.

use std::sync::Mutex;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use numpy::PyArray1;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use s2cells::io::RegionOptions;
use s2cells::{Cap, CellUnion, LatLng, LatLngRect, Region, RegionCoverer, earth};

use crate::cells::var_rows;
use crate::column::{Kind, Out, Values, col, finish, type_name};
use crate::engine::{Errors, Row, RowError, detach, each_chunk, guard};
use crate::geometry::{self, GeomIn};

/// Everything that decides a covering.
#[derive(Clone, Debug)]
pub struct CoverOpts {
    pub coverer: RegionCoverer,
    pub interior: bool,
    /// Every cell at this level meeting the region (`level=`, or
    /// `mode="intersects"`), or with `centroid` whose center is in it.
    pub fixed: Option<u8>,
    /// `mode="centroid"`: the cells at `fixed` whose centers are in the
    /// region (the CLI's `--mode centroid`).
    pub centroid: bool,
    pub region: RegionOptions,
    /// Most cells one geometry may get.
    pub budget: usize,
}

impl CoverOpts {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        min_level: i64,
        max_level: i64,
        max_cells: i64,
        level_mod: i64,
        interior: bool,
        level: Option<i64>,
        strict_orientation: bool,
        planar_edges: bool,
        lenient: bool,
        budget: i64,
        mode: &str,
    ) -> PyResult<Self> {
        // The CLI's --mode: covering (Google's GetCovering, or with level=
        // every level-L cell meeting the region), interior, intersects
        // and centroid (both at level=).
        let (interior, centroid) = match mode {
            "covering" => (interior, false),
            "interior" | "intersects" | "centroid" if interior => {
                return Err(PyValueError::new_err(format!(
                    "interior=True is mode=\"interior\"; it does not combine with mode={mode:?}"
                )));
            }
            "interior" => (true, false),
            "intersects" | "centroid" if level.is_none() => {
                return Err(PyValueError::new_err(format!(
                    "mode={mode:?} gives the cells at one level: give level="
                )));
            }
            "intersects" => (false, false),
            "centroid" => (false, true),
            m => {
                return Err(PyValueError::new_err(format!(
                    "mode={m:?}: expected \"covering\", \"interior\", \"intersects\" or \"centroid\""
                )));
            }
        };
        let lvl = |name: &str, v: i64| -> PyResult<u8> {
            u8::try_from(v)
                .ok()
                .filter(|&l| l <= 30)
                .ok_or_else(|| PyValueError::new_err(format!("{name}={v}: expected 0..=30")))
        };
        let usage = |e: s2cells::CovererError| PyValueError::new_err(e.to_string());
        let budget = usize::try_from(budget)
            .ok()
            .filter(|&b| b > 0)
            .ok_or_else(|| {
                PyValueError::new_err(format!("budget={budget}: expected at least 1"))
            })?;
        let fixed = level.map(|l| lvl("level", l)).transpose()?;
        let coverer = if let Some(l) = fixed {
            if interior {
                return Err(PyValueError::new_err(
                    "level= gives every cell at that level meeting the region; it does not combine with interior=True",
                ));
            }
            RegionCoverer::new()
                .fixed_level(l)
                .and_then(|c| c.max_cells(usize::MAX))
                .map_err(usage)?
        } else {
            let (lo, hi) = (lvl("min_level", min_level)?, lvl("max_level", max_level)?);
            if lo > hi {
                return Err(PyValueError::new_err(format!(
                    "min_level={lo} is above max_level={hi}"
                )));
            }
            let m = u8::try_from(level_mod)
                .ok()
                .filter(|m| (1..=3).contains(m))
                .ok_or_else(|| {
                    PyValueError::new_err(format!("level_mod={level_mod}: expected 1, 2 or 3"))
                })?;
            let n = usize::try_from(max_cells)
                .ok()
                .filter(|&n| n > 0)
                .ok_or_else(|| {
                    PyValueError::new_err(format!("max_cells={max_cells}: expected at least 1"))
                })?;
            RegionCoverer::new()
                .max_level(hi)
                .and_then(|c| c.min_level(lo))
                .and_then(|c| c.level_mod(m))
                .and_then(|c| c.max_cells(n))
                .map_err(usage)?
        };
        Ok(Self {
            coverer,
            interior,
            fixed,
            centroid,
            region: RegionOptions {
                strict_orientation,
                planar_edges,
                lenient,
            },
            budget,
        })
    }
}

/// The cells of one geometry (None for a GeoJSON feature without one);
/// what lenient repairs let through is added to `warnings`, naming the
/// geometry as feature `feature`.
pub fn cover(
    g: GeomIn<'_>,
    o: &CoverOpts,
    feature: usize,
    warnings: &mut Vec<String>,
) -> Result<Option<CellUnion>, String> {
    let (geom, format) = geometry::parse(g)?;
    let Some(geom) = geom else { return Ok(None) };
    let region = geometry::region(&geom, format, o.region, feature)?;
    warnings.extend_from_slice(region.warnings());
    let over = |e: s2cells::CovererError| format!("{e}: raise budget= or coarsen the levels");
    let mut cells = cover_region(&region, o)?;
    let margin = region.planar_margin();
    if margin > 0.0 && !o.interior {
        // Grown by the planar-edge margin as the CLI grows it: cells at
        // most two levels finer than each covering cell.
        cells.expand_by_radius(margin, 2);
        if let Some(level) = o.fixed {
            let mut out = Vec::new();
            for c in cells.iter() {
                if c.level() >= level {
                    out.push(c.parent(level));
                } else {
                    let (mut id, end) = (c.child_begin_at(level), c.child_end_at(level));
                    while id != end {
                        out.push(id);
                        if out.len() > o.budget {
                            return Err(over(s2cells::CovererError::CoveringOverBudget {
                                budget: o.budget,
                                cells: out.len(),
                            }));
                        }
                        id = id.next();
                    }
                }
            }
            out.dedup();
            cells = CellUnion::from_verbatim(out).map_err(|e| e.to_string())?;
        } else {
            // Growing normalizes the union (four siblings become their
            // parent), which can climb above min_level or off level_mod:
            // cells coarser than the options allow become their
            // descendants, as Google's Denormalize makes them.
            let options = o.coverer.options();
            let (min_level, level_mod) = (options.min_level(), options.level_mod());
            if min_level > 0 || level_mod > 1 {
                let target = |l: u8| {
                    let t = min_level.max(l);
                    (t + (30 - (t - min_level)) % level_mod).min(30)
                };
                let n: u128 = cells
                    .iter()
                    .map(|c| 1u128 << (2 * u32::from(target(c.level()) - c.level())))
                    .sum();
                if n > o.budget as u128 {
                    return Err(over(s2cells::CovererError::CoveringOverBudget {
                        budget: o.budget,
                        cells: usize::try_from(n).unwrap_or(usize::MAX),
                    }));
                }
                let ids = cells
                    .denormalize(min_level, level_mod)
                    .map_err(|e| e.to_string())?;
                cells = CellUnion::from_verbatim(ids).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(Some(cells))
}

/// The covering (or interior covering, or centroid cells) of any region,
/// within the budget.
/// One region's covering as a uint64 numpy array, the GIL released while
/// it is computed (`covering_rect`, `covering_cap`).
fn cover_to_numpy<'py, R: Region + Sync + ?Sized>(
    py: Python<'py>,
    region: &R,
    o: &CoverOpts,
) -> PyResult<Bound<'py, PyAny>> {
    let cells = detach(py, || cover_region(region, o))?
        .map_err(|e| PyValueError::new_err(format!("covering: {e}")))?;
    Ok(PyArray1::from_vec(py, cells.iter().map(|c| c.id()).collect()).into_any())
}

fn cover_region<R: Region + ?Sized>(region: &R, o: &CoverOpts) -> Result<CellUnion, String> {
    let over = |e: s2cells::CovererError| format!("{e}: raise budget= or coarsen the levels");
    if let (true, Some(level)) = (o.centroid, o.fixed) {
        // The CLI's --mode centroid: the fixed-level cells (in curve
        // order) whose centers the region contains.
        let mut ids = Vec::new();
        for id in
            RegionCoverer::fixed_level_centroid_cells(region, level).map_err(|e| e.to_string())?
        {
            ids.push(id);
            if ids.len() > o.budget {
                return Err(over(s2cells::CovererError::CoveringOverBudget {
                    budget: o.budget,
                    cells: ids.len(),
                }));
            }
        }
        return CellUnion::from_verbatim(ids).map_err(|e| e.to_string());
    }
    if o.interior {
        o.coverer
            .interior_covering_within(region, o.budget)
            .map_err(over)
    } else {
        o.coverer.covering_within(region, o.budget).map_err(over)
    }
}

/// The covering of a lat/lng rectangle in degrees (the CLI's `--rect`:
/// `lng_lo > lng_hi` crosses the antimeridian).
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (lat_lo, lng_lo, lat_hi, lng_hi, min_level, max_level, max_cells, level_mod, interior, level, budget, mode="covering"))]
pub fn covering_rect<'py>(
    py: Python<'py>,
    lat_lo: f64,
    lng_lo: f64,
    lat_hi: f64,
    lng_hi: f64,
    min_level: i64,
    max_level: i64,
    max_cells: i64,
    level_mod: i64,
    interior: bool,
    level: Option<i64>,
    budget: i64,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o = CoverOpts::new(
            min_level, max_level, max_cells, level_mod, interior, level, false, false, false,
            budget, mode,
        )?;
        let rect = LatLngRect::from_degrees(lat_lo, lat_hi, lng_lo, lng_hi)
            .map_err(|e| PyValueError::new_err(format!("Rect: {e}")))?;
        cover_to_numpy(py, &rect, &o)
    })
}

/// The covering of a spherical cap: a center in degrees and a radius in
/// meters on the Earth's mean radius (the CLI's `--cap`).
#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (lat, lng, radius_m, min_level, max_level, max_cells, level_mod, interior, level, budget, mode="covering"))]
pub fn covering_cap<'py>(
    py: Python<'py>,
    lat: f64,
    lng: f64,
    radius_m: f64,
    min_level: i64,
    max_level: i64,
    max_cells: i64,
    level_mod: i64,
    interior: bool,
    level: Option<i64>,
    budget: i64,
    mode: &str,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o = CoverOpts::new(
            min_level, max_level, max_cells, level_mod, interior, level, false, false, false,
            budget, mode,
        )?;
        let center = LatLng::try_from_degrees(lat, lng)
            .map_err(|e| PyValueError::new_err(format!("Cap: {e}")))?;
        if !(radius_m.is_finite() && radius_m >= 0.0) {
            return Err(PyValueError::new_err(format!(
                "Cap: radius {radius_m}: expected a non-negative number of meters"
            )));
        }
        let cap = Cap::try_from_center_angle(center.to_point(), earth::meters_to_radians(radius_m))
            .map_err(|e| PyValueError::new_err(format!("Cap: {e}")))?;
        cover_to_numpy(py, &cap, &o)
    })
}

/// A geometry held for the parallel pass.
enum Owned {
    Text(String),
    Wkb(Vec<u8>),
}

fn owned(obj: &Bound<'_, PyAny>) -> Result<Option<Owned>, String> {
    if obj.is_none() {
        return Ok(None);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s
            .to_str()
            .map(|s| Some(Owned::Text(s.to_owned())))
            .map_err(|e| e.to_string());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return Ok(Some(Owned::Wkb(b.as_bytes().to_vec())));
    }
    Err(format!(
        "expected a geometry as GeoJSON or WKT text or WKB bytes, got {}",
        type_name(obj)
    ))
}

#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (geometry, min_level, max_level, max_cells, level_mod, interior, level, strict_orientation, planar_edges, lenient, budget, mode="covering", warnings=None))]
pub fn covering<'py>(
    py: Python<'py>,
    geometry: &Bound<'py, PyAny>,
    min_level: i64,
    max_level: i64,
    max_cells: i64,
    level_mod: i64,
    interior: bool,
    level: Option<i64>,
    strict_orientation: bool,
    planar_edges: bool,
    lenient: bool,
    budget: i64,
    mode: &str,
    warnings: Option<&Bound<'py, PyList>>,
) -> PyResult<Bound<'py, PyAny>> {
    guard(|| {
        let o = CoverOpts::new(
            min_level,
            max_level,
            max_cells,
            level_mod,
            interior,
            level,
            strict_orientation,
            planar_edges,
            lenient,
            budget,
            mode,
        )?;
        let g = owned(geometry).map_err(|e| PyTypeError::new_err(format!("covering: {e}")))?;
        let Some(g) = g else {
            return Err(PyValueError::new_err("covering: the geometry is None"));
        };
        let mut repairs = Vec::new();
        let cells = detach(py, || match &g {
            Owned::Text(t) => cover(GeomIn::Text(t), &o, 0, &mut repairs),
            Owned::Wkb(b) => cover(GeomIn::Wkb(b), &o, 0, &mut repairs),
        })?
        .map_err(|e| PyValueError::new_err(format!("covering: {e}")))?;
        report(warnings, repairs)?;
        let ids: Vec<u64> = cells.map_or_else(Vec::new, |c| c.iter().map(|c| c.id()).collect());
        Ok(PyArray1::from_vec(py, ids).into_any())
    })
}

#[allow(clippy::too_many_arguments)]
#[pyfunction]
#[pyo3(signature = (geometries, min_level, max_level, max_cells, level_mod, interior, level, strict_orientation, planar_edges, lenient, budget, errors, mode="covering", warnings=None))]
pub fn coverings(
    py: Python<'_>,
    geometries: &Bound<'_, PyAny>,
    min_level: i64,
    max_level: i64,
    max_cells: i64,
    level_mod: i64,
    interior: bool,
    level: Option<i64>,
    strict_orientation: bool,
    planar_edges: bool,
    lenient: bool,
    budget: i64,
    errors: &str,
    mode: &str,
    warnings: Option<&Bound<'_, PyList>>,
) -> PyResult<Py<PyAny>> {
    guard(|| {
        let what = "coverings";
        let errors = Errors::parse(errors)?;
        let o = CoverOpts::new(
            min_level,
            max_level,
            max_cells,
            level_mod,
            interior,
            level,
            strict_orientation,
            planar_edges,
            lenient,
            budget,
            mode,
        )?;
        // Lenient repairs, by row, from the parallel pass.
        let repairs = Mutex::new(Vec::new());
        let cover_row = |g: GeomIn<'_>, row: usize, buf: &mut Vec<u64>| {
            let mut w = Vec::new();
            let r = cover(g, &o, row, &mut w);
            if !w.is_empty() {
                repairs
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((row, w));
            }
            push(r, buf)
        };
        let arrow =
            geometries.hasattr("__arrow_c_array__")? || geometries.hasattr("__arrow_c_stream__")?;
        if arrow {
            let c = col(geometries, None, what)?;
            for ch in &c.chunks {
                check_geoms(ch).map_err(|e| PyTypeError::new_err(format!("{what}: {e}")))?;
            }
            let chunks = c.chunks.clone();
            let outs = each_chunk(py, what, &chunks, |ch, base| {
                let (d, off, valid, err) =
                    var_rows(ch.len(), base, errors, |i, buf| match geom_at(ch, i) {
                        None => Row::Null,
                        Some(g) => cover_row(g, base + i, buf),
                    });
                (
                    Out {
                        values: Values::List(d, off),
                        valid,
                    },
                    ch.len(),
                    err,
                )
            })?;
            report_rows(warnings, repairs)?;
            return finish(py, outs, c.kind);
        }
        // A Python sequence of str / bytes / None.
        let mut items = Vec::new();
        for (k, item) in geometries.try_iter()?.enumerate() {
            match owned(&item?) {
                Ok(g) => items.push(g),
                Err(e) if errors == Errors::Raise => {
                    return Err(RowError { row: k, reason: e }.into_py(what));
                }
                Err(_) => items.push(None),
            }
        }
        let out = detach(py, || {
            var_rows(items.len(), 0, errors, |i, buf| match &items[i] {
                None => Row::Null,
                Some(Owned::Text(t)) => cover_row(GeomIn::Text(t), i, buf),
                Some(Owned::Wkb(b)) => cover_row(GeomIn::Wkb(b), i, buf),
            })
        })?;
        let (d, off, valid, err) = out;
        if let Some(e) = err {
            return Err(e.into_py(what));
        }
        report_rows(warnings, repairs)?;
        finish(
            py,
            vec![Out {
                values: Values::List(d, off),
                valid,
            }],
            Kind::Numpy,
        )
    })
}

/// Hands the lenient repairs' messages to the caller's list (the Python
/// layer turns each into a `RepairWarning`).
pub fn report(list: Option<&Bound<'_, PyList>>, msgs: Vec<String>) -> PyResult<()> {
    if let Some(list) = list {
        for m in msgs {
            list.append(m)?;
        }
    }
    Ok(())
}

/// As [`report`], the rows' messages in row order.
fn report_rows(
    list: Option<&Bound<'_, PyList>>,
    repairs: Mutex<Vec<(usize, Vec<String>)>>,
) -> PyResult<()> {
    let mut rows = repairs
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    rows.sort_by_key(|r| r.0);
    report(list, rows.into_iter().flat_map(|r| r.1).collect())
}

fn push(r: Result<Option<CellUnion>, String>, buf: &mut Vec<u64>) -> Row<()> {
    match r {
        Ok(None) => Row::Null,
        Ok(Some(c)) => {
            buf.extend(c.iter().map(|c| c.id()));
            Row::Value(())
        }
        Err(e) => Row::Bad(e),
    }
}

/// Whether an Arrow column holds geometries: binary (WKB) or strings
/// (GeoJSON or WKT).
fn check_geoms(a: &ArrayRef) -> Result<(), String> {
    match a.data_type() {
        DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View => Ok(()),
        dt @ (DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(..)
        | DataType::Struct(_)) => Err(format!(
            "expected geometries as WKB (binary) or GeoJSON/WKT (strings), got Arrow type {dt}: \
             GeoArrow's native coordinate encodings are not read; pass WKB (geopandas: \
             to_arrow(geometry_encoding=\"WKB\"); GeoParquet's default)"
        )),
        dt => Err(format!(
            "expected geometries as WKB (binary) or GeoJSON/WKT (strings), got Arrow type {dt}"
        )),
    }
}

/// Row `i` (< len) of a geometry column [`check_geoms`] accepted.
fn geom_at(a: &ArrayRef, i: usize) -> Option<GeomIn<'_>> {
    if a.is_null(i) {
        return None;
    }
    Some(match a.data_type() {
        DataType::Binary => GeomIn::Wkb(a.as_binary::<i32>().value(i)),
        DataType::LargeBinary => GeomIn::Wkb(a.as_binary::<i64>().value(i)),
        DataType::BinaryView => GeomIn::Wkb(a.as_binary_view().value(i)),
        DataType::Utf8 => GeomIn::Text(a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => GeomIn::Text(a.as_string::<i64>().value(i)),
        _ => GeomIn::Text(a.as_string_view().value(i)),
    })
}
