//! `cover`: regions in, cells out, one covering per feature.
//!
//! Regions come from GeoJSON (a geometry, a feature, a feature collection,
//! or a text sequence of them, streamed one feature at a time) or from
//! `--rect` / `--cap`. Each feature keeps its index, id and properties in
//! the formats that carry them (csv, ndjson, geojson, ranges).

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::io::{GeoFeature, GeoJsonReader, GeoRegion, RegionOptions};
use s2cells::{earth, Cap, Cell, CellId, CellUnion, LatLng, LatLngRect, Region, RegionCoverer};
use serde_json::{json, Map, Value};

use crate::cells::{cell_json, write_cell, CellFormat};
use crate::error::{CliError, CliResult};
use crate::output::Output;

/// Which cells a region gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    /// Google's covering: cells that together contain the region.
    Covering,
    /// Google's interior covering: cells inside the region.
    Interior,
    /// Every cell at --level whose center lies in the region.
    Centroid,
    /// Every cell at --level that may intersect the region (Google's
    /// fixed-level covering).
    Intersects,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CoverFormat {
    /// One hex token per line.
    Tokens,
    /// One unsigned decimal id per line.
    Ids,
    /// One signed decimal id (the INT64 of BigQuery and SQL) per line.
    I64,
    /// feature,feature_id,token,id,level — one row per cell, for COPY.
    Csv,
    /// One JSON object per feature: its index, id, properties and cells.
    Ndjson,
    /// A FeatureCollection with one polygon per cell (split at ±180°).
    Geojson,
    /// feature,range_min,range_max — merged leaf-id ranges (as --cell-format).
    Ranges,
}

/// The regions and coverer options shared by `cover` and `plot`.
#[derive(Args, Debug)]
pub struct RegionArgs {
    /// GeoJSON file (geometry, feature, feature collection, or one feature
    /// per line); `-` or nothing reads stdin.
    #[arg(value_name = "FILE", conflicts_with_all = ["rect", "cap"])]
    pub input: Option<PathBuf>,
    /// A lat/lng rectangle in degrees: LAT_LO,LNG_LO,LAT_HI,LNG_HI (LNG_LO >
    /// LNG_HI crosses the antimeridian).
    #[arg(
        long,
        value_name = "LAT_LO,LNG_LO,LAT_HI,LNG_HI",
        allow_hyphen_values = true
    )]
    pub rect: Option<String>,
    /// A spherical cap: LAT,LNG,RADIUS_METERS.
    #[arg(
        long,
        value_name = "LAT,LNG,RADIUS_M",
        allow_hyphen_values = true,
        conflicts_with = "rect"
    )]
    pub cap: Option<String>,
    /// Coarsest level of covering cells.
    #[arg(long, default_value_t = 0, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub min_level: u8,
    /// Finest level of covering cells.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub max_level: u8,
    /// Use only levels min_level + k * level_mod.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level_mod: u8,
    /// Target number of cells (min_level wins when it needs more).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
    /// Every cell at this one level (sets min and max level, no cell limit).
    #[arg(short, long, value_parser = clap::value_parser!(u8).range(0..=30),
          conflicts_with_all = ["min_level", "max_level", "level_mod"])]
    pub level: Option<u8>,
    /// Which cells: covering, interior, centroid or intersects (the last
    /// two need --level).
    #[arg(long, value_enum, default_value_t = Mode::Covering)]
    pub mode: Mode,
    /// Shorthand for --mode interior.
    #[arg(long, conflicts_with = "mode")]
    pub interior: bool,
    /// Fail instead of writing a region's covering of more than N cells.
    #[arg(long, value_name = "N")]
    pub budget: Option<usize>,
    /// Reject exterior rings that are not counterclockwise and holes that
    /// are not clockwise (RFC 7946); by default a ring stands for the
    /// smaller region it bounds.
    #[arg(long)]
    pub strict_orientation: bool,
    /// Treat edges as straight lines in lon/lat (as a flat map draws them)
    /// rather than great circles: edges are densified and the covering
    /// grown by the largest remaining difference.
    #[arg(long)]
    pub planar_edges: bool,
    /// Cover rings that cross themselves or each other as given (inside =
    /// inside an odd number of rings), with a warning on stderr, instead of
    /// failing on them.
    #[arg(long)]
    pub lenient: bool,
}

#[derive(Args, Debug)]
pub struct CoverArgs {
    #[command(flatten)]
    pub region: RegionArgs,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CoverFormat::Tokens)]
    pub format: CoverFormat,
    /// How cells are written inside csv, ndjson and ranges.
    #[arg(long, value_enum, default_value_t = CellFormat::Tokens)]
    pub cell_format: CellFormat,
}

impl RegionArgs {
    /// The containment mode, `--interior` included.
    pub fn mode(&self) -> Mode {
        if self.interior {
            Mode::Interior
        } else {
            self.mode
        }
    }

    /// How GeoJSON rings and edges are read.
    pub fn options(&self) -> RegionOptions {
        RegionOptions {
            strict_orientation: self.strict_orientation,
            planar_edges: self.planar_edges,
            lenient: self.lenient,
        }
    }
}

/// One region to cover, with what identifies it in the output.
pub struct Item {
    pub index: usize,
    pub id: Option<Value>,
    pub properties: Option<Map<String, Value>>,
    pub region: Box<dyn Region>,
    pub margin: f64,
}

pub fn run(cover_args: &CoverArgs) -> CliResult {
    let args = &cover_args.region;
    let mode = args.mode();
    let coverer = coverer(args, mode)?;
    let mut writer = Writer::new(cover_args);
    writer.start()?;
    if let Some(spec) = &args.rect {
        writer.feature(&cover(&coverer, mode, args, &rect_item(spec)?)?)?;
    } else if let Some(spec) = &args.cap {
        writer.feature(&cover(&coverer, mode, args, &cap_item(spec)?)?)?;
    } else {
        let (name, reader) = open(args.input.as_ref())?;
        let options = args.options();
        for feature in GeoJsonReader::new(reader) {
            let feature = feature.map_err(|e| CliError::Data(format!("{name}: {e}")))?;
            let Some(item) =
                geo_item(feature, options).map_err(|e| CliError::Data(format!("{name}: {e}")))?
            else {
                continue;
            };
            writer.feature(&cover(&coverer, mode, args, &item)?)?;
        }
    }
    writer.finish()
}

pub fn coverer(args: &RegionArgs, mode: Mode) -> CliResult<RegionCoverer> {
    let usage = |e: s2cells::Error| CliError::Usage(e.to_string());
    let max_cells = usize::try_from(args.max_cells).unwrap_or(usize::MAX);
    if matches!(mode, Mode::Centroid | Mode::Intersects) && args.level.is_none() {
        return Err(CliError::Usage(
            "--mode centroid and --mode intersects need --level".into(),
        ));
    }
    if let Some(level) = args.level {
        return RegionCoverer::new()
            .fixed_level(level)
            .and_then(|c| c.max_cells(usize::MAX))
            .map_err(usage);
    }
    if args.min_level > args.max_level {
        return Err(CliError::Usage(format!(
            "--min-level {} is above --max-level {}",
            args.min_level, args.max_level
        )));
    }
    RegionCoverer::new()
        .max_level(args.max_level)
        .and_then(|c| c.min_level(args.min_level))
        .and_then(|c| c.level_mod(args.level_mod))
        .and_then(|c| c.max_cells(max_cells))
        .map_err(usage)
}

pub fn open(path: Option<&PathBuf>) -> CliResult<(String, Box<dyn BufRead>)> {
    match path {
        None => Ok(("<stdin>".into(), Box::new(BufReader::new(io::stdin())))),
        Some(p) if p.as_os_str() == "-" => {
            Ok(("<stdin>".into(), Box::new(BufReader::new(io::stdin()))))
        }
        Some(p) => {
            let f = File::open(p)
                .map_err(|e| CliError::Data(format!("{}: cannot open: {e}", p.display())))?;
            Ok((
                p.display().to_string(),
                Box::new(BufReader::with_capacity(1 << 16, f)),
            ))
        }
    }
}

pub fn numbers<const N: usize>(flag: &str, spec: &str, what: &str) -> CliResult<[f64; N]> {
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let bad = || CliError::Usage(format!("--{flag} {spec:?}: expected {what}"));
    if parts.len() != N {
        return Err(bad());
    }
    let mut out = [0.0; N];
    for (o, p) in out.iter_mut().zip(parts) {
        *o = p.parse::<f64>().map_err(|_| bad())?;
    }
    Ok(out)
}

pub fn rect_item(spec: &str) -> CliResult<Item> {
    let [lat_lo, lng_lo, lat_hi, lng_hi] =
        numbers::<4>("rect", spec, "LAT_LO,LNG_LO,LAT_HI,LNG_HI in degrees")?;
    let rect = LatLngRect::from_degrees(lat_lo, lat_hi, lng_lo, lng_hi)
        .map_err(|e| CliError::Usage(format!("--rect {spec:?}: {e}")))?;
    Ok(plain_item(Box::new(rect)))
}

pub fn cap_item(spec: &str) -> CliResult<Item> {
    let [lat, lng, radius] = numbers::<3>("cap", spec, "LAT,LNG,RADIUS_METERS")?;
    let center = LatLng::from_degrees(lat, lng);
    if !center.is_valid() {
        return Err(CliError::Usage(format!(
            "--cap {spec:?}: the center {lat}, {lng} is not a valid lat/lng"
        )));
    }
    if !(radius.is_finite() && radius >= 0.0) {
        return Err(CliError::Usage(format!(
            "--cap {spec:?}: the radius must be a non-negative number of meters"
        )));
    }
    let cap = Cap::try_from_center_angle(center.to_point(), earth::meters_to_radians(radius))
        .map_err(|e| CliError::Usage(format!("--cap {spec:?}: {e}")))?;
    Ok(plain_item(Box::new(cap)))
}

pub fn plain_item(region: Box<dyn Region>) -> Item {
    Item {
        index: 0,
        id: None,
        properties: None,
        region,
        margin: 0.0,
    }
}

fn geo_item(feature: GeoFeature, options: RegionOptions) -> Result<Option<Item>, s2cells::Error> {
    let Some(geometry) = &feature.geometry else {
        return Ok(None);
    };
    let region = GeoRegion::from_geometry(feature.index, geometry, options)?;
    for w in region.warnings() {
        eprintln!("warning: {w}");
    }
    Ok(Some(Item {
        index: feature.index,
        id: feature.id,
        properties: feature.properties,
        margin: region.planar_margin(),
        region: Box::new(region),
    }))
}

/// A feature and its cells.
pub struct Covered<'a> {
    pub item: &'a Item,
    pub cells: CellUnion,
}

pub fn cover<'a>(
    coverer: &RegionCoverer,
    mode: Mode,
    args: &RegionArgs,
    item: &'a Item,
) -> CliResult<Covered<'a>> {
    let region = item.region.as_ref();
    let over =
        |e: s2cells::Error| CliError::Data(format!("feature {}: {e} (raise --budget)", item.index));
    let mut cells = match (mode, args.budget) {
        (Mode::Covering | Mode::Intersects, None) => coverer.covering(region),
        (Mode::Covering | Mode::Intersects, Some(b)) => {
            coverer.covering_within(region, b).map_err(over)?
        }
        (Mode::Interior, None) => coverer.interior_covering(region),
        (Mode::Interior, Some(b)) => coverer.interior_covering_within(region, b).map_err(over)?,
        (Mode::Centroid, budget) => {
            let level = args.level.unwrap_or(30);
            let mut ids = Vec::new();
            for id in RegionCoverer::fixed_level_cells(region, level)
                .map_err(|e| CliError::Usage(e.to_string()))?
            {
                if region.contains_point(&Cell::from(id).center()) {
                    ids.push(id);
                    if budget.is_some_and(|b| ids.len() > b) {
                        return Err(over(s2cells::Error::CoveringOverBudget {
                            budget: budget.unwrap_or(0),
                            cells: ids.len(),
                        }));
                    }
                }
            }
            CellUnion::from_verbatim(ids).map_err(|e| CliError::Data(e.to_string()))?
        }
    };
    if item.margin > 0.0 && mode != Mode::Interior {
        // Grow by the planar-edge margin, with cells at most two levels
        // finer than each covering cell.
        cells.expand_by_radius(item.margin, 2);
        if let Some(level) = args.level {
            cells = CellUnion::from_verbatim(denormalized(&cells, level))
                .map_err(|e| CliError::Data(e.to_string()))?;
        }
    }
    Ok(Covered { item, cells })
}

/// The cells of a union at exactly `level` (finer cells replaced by their
/// ancestor), sorted and unique.
fn denormalized(cells: &CellUnion, level: u8) -> Vec<CellId> {
    let mut out = Vec::new();
    for c in cells.iter() {
        if c.level() >= level {
            out.push(c.parent(level));
        } else {
            let (mut id, end) = (c.child_begin_at(level), c.child_end_at(level));
            while id != end {
                out.push(id);
                id = id.next();
            }
        }
    }
    out.dedup();
    out
}

struct Writer {
    out: Output,
    format: CoverFormat,
    cell_format: CellFormat,
    first: bool,
}

impl Writer {
    fn new(args: &CoverArgs) -> Self {
        Self {
            out: Output::stdout(),
            format: args.format,
            cell_format: args.cell_format,
            first: true,
        }
    }

    fn start(&mut self) -> CliResult {
        match self.format {
            CoverFormat::Csv => self.out.line("feature,feature_id,token,id,level")?,
            CoverFormat::Ranges => self.out.line("feature,feature_id,range_min,range_max")?,
            CoverFormat::Geojson => self
                .out
                .buf
                .extend_from_slice(b"{\"type\":\"FeatureCollection\",\"features\":[\n"),
            _ => {}
        }
        Ok(())
    }

    fn feature(&mut self, c: &Covered) -> CliResult {
        let fid = feature_id_text(c.item);
        match self.format {
            CoverFormat::Tokens | CoverFormat::Ids | CoverFormat::I64 => {
                let f = match self.format {
                    CoverFormat::Ids => CellFormat::Ids,
                    CoverFormat::I64 => CellFormat::I64,
                    _ => CellFormat::Tokens,
                };
                for id in c.cells.iter() {
                    write_cell(&mut self.out.buf, id, f);
                    self.out.buf.push(b'\n');
                    self.out.maybe_flush()?;
                }
            }
            CoverFormat::Csv => {
                for id in c.cells.iter() {
                    let line = format!(
                        "{},{},{},{},{}",
                        c.item.index,
                        fid,
                        id.to_token(),
                        id.id(),
                        id.level()
                    );
                    self.out.line(&line)?;
                }
            }
            CoverFormat::Ndjson => {
                let cells: Vec<Value> = c
                    .cells
                    .iter()
                    .map(|id| cell_json(id, self.cell_format))
                    .collect();
                let v = json!({
                    "feature": c.item.index,
                    "id": c.item.id,
                    "properties": c.item.properties,
                    "cells": cells,
                });
                self.out.line(&v.to_string())?;
            }
            CoverFormat::Ranges => self.ranges(c, &fid)?,
            CoverFormat::Geojson => {
                for id in c.cells.iter() {
                    if !self.first {
                        self.out.buf.extend_from_slice(b",\n");
                    }
                    self.first = false;
                    let v = json!({
                        "type": "Feature",
                        "properties": {
                            "token": id.to_token(),
                            "id": id.id().to_string(),
                            "level": id.level(),
                            "feature": c.item.index,
                            "feature_id": c.item.id,
                        },
                        "geometry": cell_geometry(id),
                    });
                    self.out.buf.extend_from_slice(v.to_string().as_bytes());
                    self.out.maybe_flush()?;
                }
            }
        }
        Ok(())
    }

    fn ranges(&mut self, c: &Covered, fid: &str) -> CliResult {
        let q = KeyQuery::new(&c.cells, Stored::Points);
        let lines: Vec<String> = match self.cell_format {
            CellFormat::I64 => q
                .signed_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", c.item.index))
                .collect(),
            CellFormat::Ids => q
                .u64_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", c.item.index))
                .collect(),
            CellFormat::Tokens => q
                .token_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", c.item.index))
                .collect(),
        };
        for l in lines {
            self.out.line(&l)?;
        }
        Ok(())
    }

    fn finish(mut self) -> CliResult {
        if self.format == CoverFormat::Geojson {
            self.out.buf.extend_from_slice(b"\n]}\n");
        }
        Ok(self.out.flush()?)
    }
}

/// The feature's id as a CSV field: a string id quoted when it needs it,
/// a number as is, nothing when absent.
fn feature_id_text(item: &Item) -> String {
    match &item.id {
        None => String::new(),
        Some(Value::String(s)) if s.contains([',', '"', '\n', '\r']) => {
            format!("\"{}\"", s.replace('"', "\"\""))
        }
        Some(Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// A cell as a GeoJSON polygon: its vertices, with points along its edges
/// for coarse cells (whose great-circle edges bow away from straight
/// lon/lat lines), cut in two where it crosses ±180°.
fn cell_geometry(id: CellId) -> Value {
    let cell = Cell::from(id);
    let per_edge = 1usize << 6u8.saturating_sub(id.level()).min(6);
    let mut ring: Vec<[f64; 2]> = Vec::with_capacity(4 * per_edge + 1);
    for k in 0..4 {
        let (a, b) = (cell.vertex(k), cell.vertex((k + 1) % 4));
        for s in 0..per_edge {
            let f = s as f64 / per_edge as f64;
            let p = s2cells::Point::new(
                a.x + f * (b.x - a.x),
                a.y + f * (b.y - a.y),
                a.z + f * (b.z - a.z),
            )
            .normalize();
            let ll = LatLng::from(p);
            ring.push([ll.lng_degrees(), ll.lat_degrees()]);
        }
    }
    if id.level() == 0 && (id.face() == 2 || id.face() == 5) {
        return polar_face(&ring, id.face() == 2);
    }
    // Unwrap longitudes so the ring is continuous; then split at 180.
    for k in 1..ring.len() {
        let d = ring[k][0] - ring[k - 1][0];
        if d > 180.0 {
            ring[k][0] -= 360.0;
        } else if d < -180.0 {
            ring[k][0] += 360.0;
        }
    }
    let (lo, hi) = ring
        .iter()
        .fold((f64::MAX, f64::MIN), |(l, h), p| (l.min(p[0]), h.max(p[0])));
    if lo >= -180.0 && hi <= 180.0 {
        return json!({"type": "Polygon", "coordinates": [closed(ring)]});
    }
    // The part past the cut moves by 360° to the other side.
    let (cut, shift) = if hi > 180.0 {
        (180.0, -360.0)
    } else {
        (-180.0, 360.0)
    };
    let stays = clip(&ring, cut, cut > 0.0);
    let moves: Vec<[f64; 2]> = clip(&ring, cut, cut < 0.0)
        .into_iter()
        .map(|p| [p[0] + shift, p[1]])
        .collect();
    json!({"type": "MultiPolygon", "coordinates": [[closed(stays)], [closed(moves)]]})
}

/// A face cell around a pole: the ring of its boundary closed over the pole.
fn polar_face(ring: &[[f64; 2]], north: bool) -> Value {
    let pole = if north { 90.0 } else { -90.0 };
    let mut pts = ring.to_vec();
    pts.sort_by(|a, b| a[0].total_cmp(&b[0]));
    if !north {
        pts.reverse();
    }
    let first = pts[0];
    let last = pts[pts.len() - 1];
    let (w, e) = if north {
        (-180.0, 180.0)
    } else {
        (180.0, -180.0)
    };
    let mut out = vec![[w, first[1]]];
    out.extend(pts);
    out.push([e, last[1]]);
    out.push([e, pole]);
    out.push([w, pole]);
    json!({"type": "Polygon", "coordinates": [closed(out)]})
}

/// The part of a ring on one side of the meridian `lng` (Sutherland–Hodgman
/// in lon/lat).
fn clip(ring: &[[f64; 2]], lng: f64, keep_below: bool) -> Vec<[f64; 2]> {
    let inside = |p: &[f64; 2]| if keep_below { p[0] <= lng } else { p[0] >= lng };
    let mut out = Vec::new();
    for k in 0..ring.len() {
        let (a, b) = (ring[k], ring[(k + 1) % ring.len()]);
        if inside(&a) {
            out.push(a);
        }
        if inside(&a) != inside(&b) {
            let t = (lng - a[0]) / (b[0] - a[0]);
            out.push([lng, a[1] + t * (b[1] - a[1])]);
        }
    }
    out
}

fn closed(mut ring: Vec<[f64; 2]>) -> Vec<[f64; 2]> {
    if let Some(&first) = ring.first() {
        ring.push(first);
    }
    ring
}
