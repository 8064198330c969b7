//! NDJSON and GeoJSON points in.
//!
//! NDJSON rows are written back as they came, with the cell keys inserted
//! before the closing brace, so numbers and key order are untouched.
//! GeoJSON features are written one per line (a newline-delimited GeoJSON
//! text sequence) with the cells added to their properties.

use std::io::{BufRead, BufReader, Read};

use s2cells::io::{GeoFeature, GeoJsonValues, Geometry};
use s2cells::{CellId, LatLng};
use serde_json::Value;

use super::{Invalid, LAT_NAMES, LNG_NAMES, Spec, check_range, find_column, wanted};
use crate::cells::{cell_json, write_cell};
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::output::table::{JsonColumns, Kind, Table, Value as TableValue, json_text};
use crate::report::Skipped;

/// The leaf cell of a lat/lng in degrees, the same conversion the CSV
/// path's batch API makes.
fn leaf(lat: f64, lng: f64) -> CellId {
    CellId::from_latlng(LatLng::from_degrees(lat, lng))
}

/// Writes the cells of `leaf` at each level, separated by the delimiter,
/// as `--cells-only` output.
fn write_cells_only(out: &mut Output, leaf: Option<CellId>, spec: &Spec<'_>) {
    for (k, &level) in spec.args.levels.iter().enumerate() {
        if k > 0 {
            out.buf.push(spec.delimiter);
        }
        if let Some(c) = leaf {
            write_cell(&mut out.buf, c.parent(level), spec.cells);
        }
    }
    out.buf.push(b'\n');
}

/// A coordinate from an object member: a number, or a string holding one.
fn coordinate(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

/// Ends a run of rows: on an error, says what became of the output (an
/// unfinished table file is removed); else finishes the table (an empty
/// one when no row came) or flushes the stream. Returns `rows`.
fn end(
    result: CliResult,
    table: Option<(Table, JsonColumns)>,
    out: &mut Output,
    spec: &Spec<'_>,
    rows: u64,
) -> CliResult<u64> {
    if let Err(e) = result {
        return Err(match table {
            Some((t, _)) => t.fail(e),
            None => out.fail(e),
        });
    }
    if spec.table.is_some() {
        match table {
            Some((t, _)) => t.finish()?,
            None => spec.table(Vec::new())?.finish()?,
        }
        return Ok(rows);
    }
    out.flush()?;
    Ok(rows)
}

/// Returns how many rows there were.
pub(super) fn run_ndjson(
    input: impl Read,
    spec: &Spec<'_>,
    skipped: &mut Skipped,
) -> CliResult<u64> {
    let mut reader = BufReader::with_capacity(1 << 20, input);
    let mut out = if spec.table.is_some() {
        Output::stdout()
    } else {
        spec.output()?
    };
    let mut table: Option<(Table, JsonColumns)> = None;
    let mut line = Vec::new();
    let args = spec.args;
    let names: Vec<String> = spec.column_names().collect();
    let mut rows = 0;
    // Everything that reads and writes rows; on an error the message
    // says what became of the output.
    let result = (|| -> CliResult {
        for n in 1.. {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| CliError::Data(format!("{}:{n}: reading failed: {e}", spec.name)))?;
            if read == 0 {
                break;
            }
            let text = line.trim_ascii_end();
            if text.trim_ascii_start().is_empty() {
                continue;
            }
            rows += 1;
            let fail = |m: String| CliError::Data(format!("{}:{n}: {m}", spec.name));
            let value = serde_json::from_slice::<Value>(text).map_err(|e| {
                let m = e.to_string();
                let m = m
                    .rfind(" at line ")
                    .map_or(m.clone(), |i| m[..i].to_owned());
                format!("{}:{n}:{}: {m}", spec.name, e.column())
            });
            let value = match value {
                Ok(v) => v,
                Err(m) if args.invalid == Invalid::Skip => {
                    skipped.add(m);
                    continue;
                }
                Err(m) => return Err(CliError::Data(m)),
            };
            let Value::Object(obj) = &value else {
                let m = "expected a JSON object with the point's coordinates";
                if args.invalid == Invalid::Skip {
                    skipped.add(format!("{}:{n}: {m}", spec.name));
                    continue;
                }
                return Err(fail(m.to_owned()));
            };
            let keys = obj.keys().map(String::as_str);
            let key = |col: &Option<super::ColSpec>, cands: &[&str], what: &str, flag: &str| {
                find_column(&keys, col.as_ref(), cands)
                    .and_then(|i| obj.iter().nth(i))
                    .ok_or_else(|| {
                        format!(
                            "no {what} in the object; expected {}",
                            wanted(col.as_ref(), cands, flag, "key")
                        )
                    })
            };
            let point =
                key(&spec.lat, LAT_NAMES, "latitude", "--lat-col").and_then(|(lat_key, lat)| {
                    let (lng_key, lng) = key(&spec.lng, LNG_NAMES, "longitude", "--lng-col")?;
                    let lat = coordinate(lat)
                        .ok_or_else(|| format!("{lat_key:?} is not a number: {lat}"))?;
                    let lng = coordinate(lng)
                        .ok_or_else(|| format!("{lng_key:?} is not a number: {lng}"))?;
                    check_range(lat, lng)?;
                    Ok(leaf(lat, lng))
                });
            let cell = match (point, args.invalid) {
                (Ok(c), _) => Some(c),
                (Err(m), Invalid::Fail) => return Err(fail(m)),
                (Err(m), Invalid::Skip) => {
                    skipped.add(format!("{}:{n}: {m}", spec.name));
                    continue;
                }
                (Err(_), Invalid::Empty) => None,
            };
            if spec.table.is_some() {
                if table.is_none() {
                    // The first object's keys are the columns; its coordinates
                    // are doubles.
                    let coords: Vec<&str> = [(&spec.lat, LAT_NAMES), (&spec.lng, LNG_NAMES)]
                        .iter()
                        .filter_map(|(col, cands)| {
                            find_column(&obj.keys().map(String::as_str), col.as_ref(), cands)
                                .and_then(|i| obj.keys().nth(i))
                                .map(String::as_str)
                        })
                        .collect();
                    let cols = JsonColumns::new(Some(obj), &coords);
                    table = Some((spec.table(cols.columns())?, cols));
                }
                if let Some((t, cols)) = &mut table {
                    if !args.cells_only {
                        cols.push(t, Some(obj), &|| format!("{}:{n}", spec.name))?;
                    }
                    spec.push_cells(t, cell)?;
                }
                continue;
            }
            if args.cells_only {
                write_cells_only(&mut out, cell, spec);
            } else {
                // The row as it came, minus its closing brace, then the cells.
                out.buf.extend_from_slice(&text[..text.len() - 1]);
                for (k, (&level, name)) in args.levels.iter().zip(&names).enumerate() {
                    if k > 0 || !obj.is_empty() {
                        out.buf.push(b',');
                    }
                    let v = cell.map_or(Value::Null, |c| cell_json(c.parent(level), spec.cells));
                    out.buf
                        .extend_from_slice(Value::from(name.as_str()).to_string().as_bytes());
                    out.buf.push(b':');
                    out.buf.extend_from_slice(v.to_string().as_bytes());
                }
                out.buf.extend_from_slice(b"}\n");
            }
            out.maybe_flush()?;
        }
        Ok(())
    })();
    end(result, table, &mut out, spec, rows)
}

/// Returns how many features there were.
pub(super) fn run_geojson(
    input: impl Read,
    spec: &Spec<'_>,
    skipped: &mut Skipped,
) -> CliResult<u64> {
    let reader = BufReader::with_capacity(1 << 20, input);
    let mut out = if spec.table.is_some() {
        Output::stdout()
    } else {
        spec.output()?
    };
    let mut table: Option<(Table, JsonColumns)> = None;
    let args = spec.args;
    let names: Vec<String> = spec.column_names().collect();
    let mut rows = 0;
    // Everything that reads and writes rows; on an error the message
    // says what became of the output.
    let result = (|| -> CliResult {
        for item in GeoJsonValues::new(reader) {
            let fail = |e: s2cells::ParseError| CliError::Data(format!("{}: {e}", spec.name));
            let (index, mut value) = item.map_err(fail)?;
            rows += 1;
            let feature = match GeoFeature::from_value(index, &value) {
                Ok(f) => f,
                Err(e) if args.invalid == Invalid::Skip => {
                    skipped.add(fail(e).to_string());
                    continue;
                }
                Err(e) => return Err(fail(e)),
            };
            let cell = match (&feature.geometry, args.invalid) {
                (Some(Geometry::Point(ll)), _) => Some(CellId::from_latlng(*ll)),
                (other, Invalid::Skip) => {
                    skipped.add(format!(
                        "{}: feature {index}: index reads Point geometries, this one is {}",
                        spec.name,
                        other.as_ref().map_or("null", Geometry::type_name)
                    ));
                    continue;
                }
                (None, Invalid::Empty) => None,
                (other, _) => {
                    return Err(CliError::Data(format!(
                        "{}: feature {index}: index reads Point geometries, this one is {}",
                        spec.name,
                        other.as_ref().map_or("null", Geometry::type_name)
                    )));
                }
            };
            if spec.table.is_some() {
                if table.is_none() {
                    // The id, the first feature's properties, the coordinates.
                    let cols = JsonColumns::new(feature.properties.as_ref(), &[]);
                    let mut all = vec![("id".to_owned(), Kind::Str)];
                    all.extend(cols.columns());
                    all.extend([("lat".to_owned(), Kind::F64), ("lng".to_owned(), Kind::F64)]);
                    table = Some((spec.table(all)?, cols));
                }
                if let Some((t, cols)) = &mut table {
                    if !args.cells_only {
                        let id = feature.id.as_ref();
                        t.push_str(json_text(id).as_deref())?;
                        cols.push(t, feature.properties.as_ref(), &|| {
                            format!("{}: feature {index}", spec.name)
                        })?;
                        let ll = match &feature.geometry {
                            Some(Geometry::Point(ll)) => Some(*ll),
                            _ => None,
                        };
                        t.push(ll.map_or(TableValue::Null, |l| TableValue::F64(l.lat_degrees())))?;
                        t.push(ll.map_or(TableValue::Null, |l| TableValue::F64(l.lng_degrees())))?;
                    }
                    spec.push_cells(t, cell)?;
                }
                continue;
            }
            if args.cells_only {
                write_cells_only(&mut out, cell, spec);
                out.maybe_flush()?;
                continue;
            }
            // A bare geometry becomes a feature so it has properties to hold
            // the cells.
            if value.get("type").and_then(Value::as_str) != Some("Feature") {
                value = serde_json::json!({"type": "Feature", "properties": {}, "geometry": value});
            }
            if let Value::Object(obj) = &mut value {
                let props = obj
                    .entry("properties")
                    .or_insert_with(|| Value::Object(serde_json::Map::new()));
                if !props.is_object() {
                    *props = Value::Object(serde_json::Map::new());
                }
                if let Value::Object(props) = props {
                    for (&level, name) in args.levels.iter().zip(&names) {
                        let v =
                            cell.map_or(Value::Null, |c| cell_json(c.parent(level), spec.cells));
                        props.insert(name.clone(), v);
                    }
                }
            }
            serde_json::to_writer(&mut out.buf, &value)
                .map_err(|e| CliError::Data(format!("{}: {e}", spec.name)))?;
            out.buf.push(b'\n');
            out.maybe_flush()?;
        }
        Ok(())
    })();
    end(result, table, &mut out, spec, rows)
}
