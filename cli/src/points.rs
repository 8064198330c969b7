//! Points in for `terms` and `features`: CSV with a header (lat/lng
//! columns found as `index` finds them) or NDJSON objects, one point per
//! line, read line by line; or GeoJSON Point features (a
//! FeatureCollection or a text sequence), read feature by feature, as
//! `index` reads them.

use std::io::BufRead;
use std::path::PathBuf;

use clap::Args;
use s2cells::io::{GeoFeature, GeoJsonValues, Geometry};
use s2cells::{CellId, LatLng};
use serde_json::Value;

use crate::commands::index::{
    ColSpec, LAT_NAMES, LNG_NAMES, PointFormat, check_range, col_spec, find_column,
};
use crate::error::{CliError, CliResult};
use crate::regions::open_counted;
use crate::report::{OnInvalid, Progress, Skipped};

/// Where the points come from.
#[derive(Args, Debug)]
pub struct PointInput {
    /// Points file (CSV with a header, NDJSON, or GeoJSON Point features);
    /// stdin when absent or `-`.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Input format; by default from the extension (.ndjson .jsonl:
    /// ndjson; .geojson .json .geojsonl .geojsons: geojson), csv
    /// otherwise.
    #[arg(long, value_enum)]
    pub input_format: Option<PointFormat>,
    #[command(flatten)]
    pub columns: PointColumns,
    /// A row without a valid lat/lng (or a CSV row whose field count is
    /// not the header's, or a GeoJSON feature that is not a valid Point):
    /// fail (exit 1), or skip it and say at the end how many were skipped
    /// and why.
    #[arg(long, value_enum, value_name = "fail|skip", default_value_t = OnInvalid::Fail)]
    pub invalid: OnInvalid,
}

/// Where a point's latitude and longitude are: the flags `index`,
/// `features` and `terms --points` share.
#[derive(Args, Clone, Debug, Default)]
pub struct PointColumns {
    /// Latitude column: a header name (case-insensitive) or a 1-based
    /// column number; for NDJSON a key. By default the first of lat,
    /// latitude, y.
    #[arg(long, value_name = "NAME|N")]
    pub lat_col: Option<String>,
    /// Longitude column, as --lat-col. By default the first of lng, lon,
    /// long, longitude, x.
    #[arg(long, value_name = "NAME|N")]
    pub lng_col: Option<String>,
}

impl PointColumns {
    /// The latitude and longitude columns asked for, checked.
    pub fn specs(&self) -> CliResult<(Option<ColSpec>, Option<ColSpec>)> {
        Ok((
            col_spec(self.lat_col.as_deref(), "--lat-col")?,
            col_spec(self.lng_col.as_deref(), "--lng-col")?,
        ))
    }

    /// Whether either column was given.
    pub fn any(&self) -> bool {
        self.lat_col.is_some() || self.lng_col.is_some()
    }
}

/// Splits a CSV line on commas, honouring double quotes.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            c => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Where a point was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A line of CSV or NDJSON, from 1.
    Line(usize),
    /// A GeoJSON feature, from 0 (as `index` and `cover` number them).
    Feature(usize),
}

impl Row {
    /// The place, for a message: `FILE:LINE` or `FILE: feature N`.
    pub fn at(self, name: &str) -> String {
        match self {
            Self::Line(n) => format!("{name}:{n}"),
            Self::Feature(i) => format!("{name}: feature {i}"),
        }
    }

    /// The place as a JSON member's name and value: `line` or `feature`.
    pub fn member(self) -> (&'static str, usize) {
        match self {
            Self::Line(n) => ("line", n),
            Self::Feature(i) => ("feature", i),
        }
    }
}

/// Calls `each` with the place and leaf cell of every point; with
/// `--invalid skip`, rows that are not points are counted and reported at
/// the end instead.
pub fn for_each(input: &PointInput, mut each: impl FnMut(Row, CellId) -> CliResult) -> CliResult {
    for_each_with(input, &[], |row, leaf, _| each(row, leaf))
}

/// A column to carry with each point: its flag (for errors) and its
/// header name or 1-based number (a key for NDJSON; for GeoJSON a
/// property, or `id` for the feature's id when no property has that
/// name).
pub struct Extra<'a> {
    pub flag: &'a str,
    pub spec: &'a str,
}

/// As [`for_each`], with the values of the `extra` columns of each point
/// (a JSON value other than a string as its JSON text). A column missing
/// from the header, or a key missing from an object or null, is an error
/// naming the line (the feature).
pub fn for_each_with(
    input: &PointInput,
    extra: &[Extra<'_>],
    mut each: impl FnMut(Row, CellId, &[String]) -> CliResult,
) -> CliResult {
    let mut skipped = Skipped::default();
    let progress = Progress::bytes(
        input
            .file
            .as_ref()
            .filter(|p| p.as_os_str() != "-")
            .and_then(|p| std::fs::metadata(p).ok())
            .map(|m| m.len()),
    );
    let rows = read_points(input, extra, &progress, &mut skipped, &mut each)?;
    drop(progress);
    skipped.report("row", Some(rows));
    Ok(())
}

/// The rows of [`for_each_with`]; returns how many data rows there were.
fn read_points(
    input: &PointInput,
    extra: &[Extra<'_>],
    progress: &Progress,
    skipped: &mut Skipped,
    each: &mut impl FnMut(Row, CellId, &[String]) -> CliResult,
) -> CliResult<u64> {
    let skip = input.invalid == OnInvalid::Skip;
    let mut rows = 0u64;
    let extra_specs = extra
        .iter()
        .map(|e| {
            col_spec(Some(e.spec), e.flag)
                .map(|s| s.unwrap_or_else(|| ColSpec::Name(e.spec.to_owned())))
        })
        .collect::<CliResult<Vec<ColSpec>>>()?;
    let mut values: Vec<String> = vec![String::new(); extra.len()];
    let mut extra_cols: Vec<usize> = Vec::new();
    let (lat_spec, lng_spec) = input.columns.specs()?;
    let path = input.file.as_ref().filter(|p| p.as_os_str() != "-");
    let format = PointFormat::detect(input.input_format, path);
    if format == PointFormat::Geojson && input.columns.any() {
        return Err(CliError::Usage(
            "--lat-col and --lng-col are for CSV and NDJSON: a GeoJSON point is its Point \
             geometry"
                .into(),
        ));
    }
    let ndjson = format == PointFormat::Ndjson;
    let (name, reader) = open_counted(path, progress)?;
    if format == PointFormat::Geojson {
        let points = GeoJsonPoints {
            name: &name,
            extra,
            specs: &extra_specs,
            skip,
        };
        return points.read(reader, skipped, each);
    }
    // The lat/lng columns and the header's field count.
    let mut cols: Option<(usize, usize, usize)> = None;
    for (k, line) in reader.lines().enumerate() {
        let n = k + 1;
        let line = line.map_err(|e| CliError::Data(format!("{name}:{n}: {e}")))?;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let bad = |what: String| CliError::Data(format!("{name}:{n}: {what}"));
        if cols.is_some() || ndjson {
            rows += 1;
        }
        let point = (|| -> CliResult<Option<(f64, f64)>> {
            let (lat, lng) = if ndjson {
                let v: Value =
                    serde_json::from_str(line).map_err(|e| bad(format!("not JSON: {e}")))?;
                let Value::Object(obj) = v else {
                    return Err(bad("expected a JSON object".into()));
                };
                let keys: Vec<&str> = obj.keys().map(String::as_str).collect();
                let get = |spec: Option<&ColSpec>, names: &[&str], noun: &str| {
                    find_column(&keys.iter().copied(), spec, names)
                        .and_then(|i| obj.get(keys[i]))
                        .and_then(|v| match v {
                            Value::Number(x) => x.as_f64(),
                            Value::String(s) => number(s),
                            _ => None,
                        })
                        .ok_or_else(|| bad(format!("no numeric {noun}")))
                };
                for ((e, spec), v) in extra.iter().zip(&extra_specs).zip(values.iter_mut()) {
                    let found = find_column(&keys.iter().copied(), Some(spec), &[])
                        .and_then(|i| obj.get(keys[i]));
                    *v = match found {
                        Some(Value::String(s)) => s.clone(),
                        Some(Value::Null) | None => {
                            return Err(bad(format!("no {} {:?} in the object", e.flag, e.spec)));
                        }
                        Some(v) => v.to_string(),
                    };
                }
                (
                    get(lat_spec.as_ref(), LAT_NAMES, "latitude")?,
                    get(lng_spec.as_ref(), LNG_NAMES, "longitude")?,
                )
            } else {
                let f = fields(line);
                let Some((la, lo, width)) = cols else {
                    let find = |spec: Option<&ColSpec>, names, flag: &str| {
                        find_column(&f.iter().map(String::as_str), spec, names).ok_or_else(|| {
                            bad(format!(
                                "the header has no latitude/longitude column (pass {flag})"
                            ))
                        })
                    };
                    cols = Some((
                        find(lat_spec.as_ref(), LAT_NAMES, "--lat-col")?,
                        find(lng_spec.as_ref(), LNG_NAMES, "--lng-col")?,
                        f.len(),
                    ));
                    for (e, spec) in extra.iter().zip(&extra_specs) {
                        let i = find_column(&f.iter().map(String::as_str), Some(spec), &[])
                            .ok_or_else(|| {
                                bad(format!(
                                    "{} {:?}: no such column in the header ({})",
                                    e.flag,
                                    e.spec,
                                    f.join(", ")
                                ))
                            })?;
                        extra_cols.push(i);
                    }
                    return Ok(None);
                };
                if f.len() != width {
                    return Err(bad(format!(
                        "the row has {} field{}, the header {width}",
                        f.len(),
                        if f.len() == 1 { "" } else { "s" }
                    )));
                }
                for ((e, &i), v) in extra.iter().zip(&extra_cols).zip(values.iter_mut()) {
                    let field = f.get(i).ok_or_else(|| {
                        bad(format!(
                            "the row has {} fields, the {} column is field {}",
                            f.len(),
                            e.flag,
                            i + 1
                        ))
                    })?;
                    v.clone_from(field);
                }
                let get = |i: usize, noun: &str| {
                    f.get(i)
                        .and_then(|s| number(s))
                        .ok_or_else(|| bad(format!("column {}: the {noun} is not a number", i + 1)))
                };
                (get(la, "latitude")?, get(lo, "longitude")?)
            };
            check_range(lat, lng).map_err(bad)?;
            Ok(Some((lat, lng)))
        })();
        match point {
            Ok(Some((lat, lng))) => each(
                Row::Line(n),
                CellId::from_latlng(LatLng::from_degrees(lat, lng)),
                &values,
            )?,
            Ok(None) => {}
            Err(CliError::Data(reason)) if skip => skipped.add(reason),
            Err(e) => return Err(e),
        }
    }
    Ok(rows)
}

/// GeoJSON points: each feature's Point geometry, and its properties (or
/// id) for the extra columns.
struct GeoJsonPoints<'a> {
    name: &'a str,
    extra: &'a [Extra<'a>],
    specs: &'a [ColSpec],
    skip: bool,
}

impl GeoJsonPoints<'_> {
    /// The features of `reader`; returns how many there were. A feature
    /// that is not a valid Point, or lacks an extra column, fails or (with
    /// `skip`) is skipped; a stream that is not GeoJSON fails.
    fn read(
        &self,
        reader: impl BufRead,
        skipped: &mut Skipped,
        each: &mut impl FnMut(Row, CellId, &[String]) -> CliResult,
    ) -> CliResult<u64> {
        let mut rows = 0u64;
        let mut values: Vec<String> = vec![String::new(); self.extra.len()];
        for item in GeoJsonValues::new(reader) {
            let (index, value) = item.map_err(|e| CliError::Data(format!("{}: {e}", self.name)))?;
            rows += 1;
            let row = Row::Feature(index);
            match self.point(index, &value, &mut values) {
                Ok(leaf) => each(row, leaf, &values)?,
                Err(CliError::Data(reason)) if self.skip => skipped.add(reason),
                Err(e) => return Err(e),
            }
        }
        Ok(rows)
    }

    /// Feature `index`'s leaf cell, with its extra columns in `values`.
    fn point(&self, index: usize, value: &Value, values: &mut [String]) -> CliResult<CellId> {
        let at = Row::Feature(index).at(self.name);
        let feature = GeoFeature::from_value(index, value)
            .map_err(|e| CliError::Data(format!("{}: {e}", self.name)))?;
        let ll = match &feature.geometry {
            Some(Geometry::Point(ll)) => *ll,
            other => {
                return Err(CliError::Data(format!(
                    "{at}: points are read from Point geometries, this one is {}",
                    other.as_ref().map_or("null", Geometry::type_name)
                )));
            }
        };
        let props = feature.properties.as_ref();
        let keys: Vec<&str> =
            props.map_or_else(Vec::new, |p| p.keys().map(String::as_str).collect());
        for ((e, spec), v) in self.extra.iter().zip(self.specs).zip(values.iter_mut()) {
            let found = find_column(&keys.iter().copied(), Some(spec), &[])
                .and_then(|i| props.and_then(|p| p.get(keys[i])))
                .filter(|v| !v.is_null())
                .or_else(|| match spec {
                    ColSpec::Name(n) if n.eq_ignore_ascii_case("id") => feature.id.as_ref(),
                    _ => None,
                });
            *v = match found {
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
                None => {
                    return Err(CliError::Data(format!(
                        "{at}: no {} {:?} in the properties",
                        e.flag, e.spec
                    )));
                }
            };
        }
        Ok(CellId::from_latlng(ll))
    }
}
