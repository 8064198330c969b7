//! `cover`: regions in, cells out, one covering per feature.
//!
//! Regions come from GeoJSON (a geometry, a feature, a feature collection,
//! or a text sequence of them, streamed one feature at a time), from WKT
//! (one geometry per line, streamed) or from `--rect` / `--cap`. Each
//! feature keeps its index, id and properties in the formats that carry
//! them (csv, ndjson, geojson, ranges, parquet, arrow).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::io::cell_geojson;
use s2cells::{Cell, CellUnion, RegionCoverer};
use serde_json::{Value, json};

use crate::advice::{self, AdviceFlags, Stats};
use crate::cells::{CellFormat, cell_json, cell_text, write_cell};
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::output::table::{CellType, JsonColumns, Kind, Table, TableFormat, Value as TableValue};
use crate::regions::{self, CovererFlags, Item, RegionInput};

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
    /// One order-preserving signed id (top bit flipped) per line.
    Ordered,
    /// feature,feature_id,token,id,level — one row per cell, for COPY.
    Csv,
    /// One JSON object per feature: its index, id, properties and cells.
    Ndjson,
    /// A FeatureCollection with one polygon per cell (split at ±180°).
    Geojson,
    /// feature,range_min,range_max — merged leaf-id ranges (as --cell-format).
    Ranges,
    /// Parquet, one row per cell: feature, feature_id, cell (as
    /// --cell-format: INT64 by default), token, level, then the first
    /// feature's properties (as strings).
    Parquet,
    /// The Parquet table's rows as an Arrow IPC stream.
    Arrow,
}

#[derive(Args, Debug)]
pub struct CoverArgs {
    #[command(flatten)]
    pub input: RegionInput,
    #[command(flatten)]
    pub coverer: CovererFlags,
    #[command(flatten)]
    pub selection: Selection,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = CoverFormat::Tokens)]
    pub format: CoverFormat,
    /// How cells are written inside ndjson and ranges [default: tokens],
    /// the id column of csv [default: ids], and the cell column of parquet
    /// and arrow [default: i64].
    #[arg(long, value_enum)]
    pub cell_format: Option<CellFormat>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub advice: AdviceFlags,
}

/// Which cells a region gets and how many it may have: the flags `cover`
/// and `plot` share.
#[derive(Args, Debug)]
pub struct Selection {
    /// Which cells: covering, interior, centroid or intersects (the last
    /// two need --level).
    #[arg(long, value_enum, default_value_t = Mode::Covering)]
    pub mode: Mode,
    /// Shorthand for --mode interior.
    #[arg(long, conflicts_with = "mode")]
    pub interior: bool,
    /// Fail instead of giving a region a covering of more than N cells.
    #[arg(long, value_name = "N")]
    pub budget: Option<usize>,
}

impl Selection {
    /// The mode asked for (`--interior` is `--mode interior`), checked
    /// against `--level`.
    pub fn mode(&self, level: Option<u8>) -> CliResult<Mode> {
        let mode = if self.interior {
            Mode::Interior
        } else {
            self.mode
        };
        if matches!(mode, Mode::Centroid | Mode::Intersects) && level.is_none() {
            return Err(CliError::Usage(
                "--mode centroid and --mode intersects need --level".into(),
            ));
        }
        Ok(mode)
    }
}

pub fn run(args: &CoverArgs) -> CliResult {
    let mode = args.selection.mode(args.coverer.level)?;
    check_cell_format(args)?;
    let covering_mode = matches!(mode, Mode::Covering | Mode::Intersects);
    if (args.advice.stats || args.advice.active()) && !covering_mode {
        return Err(CliError::Usage(
            "--stats, --fp-sweep and --target-fp measure coverings: --mode covering or \
             intersects"
                .into(),
        ));
    }
    if args.advice.active() {
        return advice::run(&args.advice, &args.input, &args.coverer, None);
    }
    let coverer = args.coverer.coverer()?;
    let mut stats = Stats::new(&args.advice);
    let mut writer = Writer::new(args)?;
    writer.start()?;
    regions::for_each(&args.input, |item| {
        let c = cover(&coverer, mode, args, item)?;
        stats.add(item, &c.cells);
        writer.feature(&c)
    })?;
    writer.finish()?;
    stats.report()
}

/// Refuses --cell-format where it would change nothing.
fn check_cell_format(args: &CoverArgs) -> CliResult {
    let Some(cf) = args.cell_format else {
        return Ok(());
    };
    let name = |f: CoverFormat| {
        f.to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_owned())
    };
    match args.format {
        CoverFormat::Tokens
        | CoverFormat::Ids
        | CoverFormat::I64
        | CoverFormat::Ordered
        | CoverFormat::Geojson => Err(CliError::Usage(format!(
            "--cell-format: --format {} writes its cells one way (it is for csv, ndjson, \
             ranges, parquet and arrow)",
            name(args.format)
        ))),
        CoverFormat::Csv if cf == CellFormat::Tokens => Err(CliError::Usage(
            "--cell-format tokens: csv has a token column already; --cell-format sets its id \
             column (ids, i64 or ordered)"
                .into(),
        )),
        _ => Ok(()),
    }
}

/// A feature and its cells.
struct Covered<'a> {
    item: &'a Item,
    cells: CellUnion,
}

fn cover<'a>(
    coverer: &RegionCoverer,
    mode: Mode,
    args: &CoverArgs,
    item: &'a Item,
) -> CliResult<Covered<'a>> {
    let cells = cells_of(
        coverer,
        mode,
        args.coverer.level,
        args.selection.budget,
        item,
    )?;
    Ok(Covered { item, cells })
}

/// The cells `mode` gives a region (`level` is --level, needed by centroid;
/// `budget` is --budget), grown by its planar-edge margin if it has one.
pub fn cells_of(
    coverer: &RegionCoverer,
    mode: Mode,
    level: Option<u8>,
    budget: Option<usize>,
    item: &Item,
) -> CliResult<CellUnion> {
    let region = item.region.as_ref();
    let over = |e: s2cells::CovererError| {
        CliError::Data(format!("feature {}: {e} (raise --budget)", item.index))
    };
    let mut cells = match (mode, budget) {
        (Mode::Covering | Mode::Intersects, None) => coverer.covering(region),
        (Mode::Covering | Mode::Intersects, Some(b)) => {
            coverer.covering_within(region, b).map_err(over)?
        }
        (Mode::Interior, None) => coverer.interior_covering(region),
        (Mode::Interior, Some(b)) => coverer.interior_covering_within(region, b).map_err(over)?,
        (Mode::Centroid, budget) => {
            let level = level.unwrap_or(30);
            let mut ids = Vec::new();
            for id in RegionCoverer::fixed_level_cells(region, level)
                .map_err(|e| CliError::Usage(e.to_string()))?
            {
                if region.contains_point(&Cell::from(id).center()) {
                    ids.push(id);
                    if budget.is_some_and(|b| ids.len() > b) {
                        return Err(over(s2cells::CovererError::CoveringOverBudget {
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
        if let Some(level) = level {
            let data = |e: s2cells::RegionError| CliError::Data(e.to_string());
            cells = CellUnion::from_verbatim(cells.cells_at_level(level).map_err(data)?)
                .map_err(data)?;
        }
    }
    Ok(cells)
}

struct Writer {
    out: Output,
    format: CoverFormat,
    cell_format: CellFormat,
    first: bool,
    /// For parquet and arrow: the table (made at the first feature, whose
    /// properties give its columns) and what it needs.
    table: Option<(Table, JsonColumns)>,
    table_format: Option<TableFormat>,
    output: Option<PathBuf>,
}

impl Writer {
    fn new(args: &CoverArgs) -> CliResult<Self> {
        let table_format = match args.format {
            CoverFormat::Parquet => Some(TableFormat::Parquet),
            CoverFormat::Arrow => Some(TableFormat::Arrow),
            _ => None,
        };
        let default = match args.format {
            CoverFormat::Csv => CellFormat::Ids,
            CoverFormat::Parquet | CoverFormat::Arrow => CellFormat::I64,
            _ => CellFormat::Tokens,
        };
        Ok(Self {
            out: if table_format.is_some() {
                // Nothing goes through it.
                Output::stdout()
            } else {
                Output::create(args.output.as_deref())?
            },
            format: args.format,
            cell_format: args.cell_format.unwrap_or(default),
            first: true,
            table: None,
            table_format,
            output: args.output.clone(),
        })
    }

    /// The table, made with the columns of `first`'s properties.
    fn table(&mut self, first: Option<&Item>) -> CliResult<&mut (Table, JsonColumns)> {
        if self.table.is_none() {
            let props = JsonColumns::new(first.and_then(|i| i.properties.as_ref()), &[]);
            let t = CellType::from_format(Some(self.cell_format));
            let mut cols = vec![
                ("feature".to_owned(), Kind::I64),
                ("feature_id".to_owned(), Kind::Str),
                ("cell".to_owned(), t.kind()),
                ("token".to_owned(), Kind::Str),
                ("level".to_owned(), Kind::I8),
            ];
            cols.extend(props.columns());
            let format = self.table_format.unwrap_or(TableFormat::Parquet);
            let table = Table::create(format, self.output.as_deref(), &cols, &[])?;
            self.table = Some((table, props));
        }
        self.table
            .as_mut()
            .ok_or_else(|| CliError::Data("internal error: no table".into()))
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
        let fid = c.item.id_text();
        match self.format {
            CoverFormat::Parquet | CoverFormat::Arrow => {
                let cell_type = CellType::from_format(Some(self.cell_format));
                let (t, props) = self.table(Some(c.item))?;
                let id = c.item.id.as_ref().map(|v| match v {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                });
                for cell in c.cells.iter() {
                    t.push(TableValue::I64(c.item.index as i64))?;
                    t.push_str(id.as_deref())?;
                    t.push_cell(Some(cell), cell_type)?;
                    t.push_cell(Some(cell), CellType::Token)?;
                    t.push(TableValue::I8(cell.level() as i8))?;
                    props.push(t, c.item.properties.as_ref(), &|| {
                        format!("feature {}", c.item.index)
                    })?;
                    t.end_row()?;
                }
            }
            CoverFormat::Tokens | CoverFormat::Ids | CoverFormat::I64 | CoverFormat::Ordered => {
                let f = match self.format {
                    CoverFormat::Ids => CellFormat::Ids,
                    CoverFormat::I64 => CellFormat::I64,
                    CoverFormat::Ordered => CellFormat::Ordered,
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
                        cell_text(id, self.cell_format),
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
                        "geometry": cell_geojson(id),
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
            CellFormat::Ordered => q
                .ordered_ranges()
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
        if self.table_format.is_some() {
            self.table(None)?;
            return match self.table {
                Some((t, _)) => t.finish(),
                None => Ok(()),
            };
        }
        if self.format == CoverFormat::Geojson {
            self.out.buf.extend_from_slice(b"\n]}\n");
        }
        Ok(self.out.flush()?)
    }
}
