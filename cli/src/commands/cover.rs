//! `cover`: regions in, cells out, one covering per feature.
//!
//! Regions come from GeoJSON (a geometry, a feature, a feature collection,
//! or a text sequence of them, streamed one feature at a time), from WKT
//! (one geometry per line, streamed) or from `--rect` / `--cap`. Each
//! feature keeps its index, id and properties in the formats that carry
//! them (csv, ndjson, geojson, ranges, parquet, arrow).
//!
//! Fixed-level cells (`--level`, and `--mode intersects|centroid`) are
//! streamed as the search finds them, in constant memory whatever the
//! region's size; mixed-level coverings are computed whole, under a cell
//! budget (`--budget`). Output goes out in large writes: when a command
//! fails, what was not yet written is dropped and the error says whether
//! anything was (`the output is partial`).

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::io::cell_geojson;
use s2cells::{CellId, CellUnion, Region, RegionCoverer};
use serde_json::{Value, json};

use crate::advice::{self, AdviceFlags, Stats};
use crate::cells::{CellFormat, write_cell};
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::output::table::{CellType, JsonColumns, Kind, Table, TableFormat, Value as TableValue};
use crate::regions::{self, CovererFlags, Item, RegionInput};
use crate::report::Progress;

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
#[command(
    after_help = "Hostile input: a ring collapsed to one or two points, a spike, a ring \
    that touches or crosses itself, a hole outside or across its shell, overlapping polygons of a \
    MultiPolygon are errors naming the feature and ring; --lenient repairs them with a warning \
    (see --lenient). A ring that encloses nothing with great-circle edges but an area on a flat \
    map (a lon/lat box along ±180° or through a pole) is an error that names --planar-edges. \
    Mixed-level coverings stop at a cell budget (--budget, default 200000) with an estimate of \
    the cells needed; --level output streams in constant memory. --invalid skip goes on past a \
    bad feature and counts it."
)]
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

/// Which cells a region gets: the flags `cover` and `plot` share.
#[derive(Args, Debug)]
pub struct Selection {
    /// Which cells: covering, interior, centroid or intersects (the last
    /// two need --level).
    #[arg(long, value_enum, default_value_t = Mode::Covering)]
    pub mode: Mode,
    /// Shorthand for --mode interior.
    #[arg(long, conflicts_with = "mode")]
    pub interior: bool,
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
    let result = regions::for_each(&args.input, |item, progress| match args.coverer.level {
        // A line's planar margin grows the whole covering, and --stats
        // measures it whole: neither is streamed.
        Some(level) if item.margin == 0.0 && !args.advice.stats => {
            writer.stream(item, mode, level, &args.coverer, progress)
        }
        _ => {
            let cells = cells_of(&coverer, mode, &args.coverer, item)?;
            stats.add(item, &cells);
            writer.feature(item, &cells, progress)
        }
    });
    match result {
        Ok(()) => writer.finish()?,
        Err(e) => return Err(writer.fail(e)),
    }
    stats.report();
    Ok(())
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

/// The cells `mode` gives a region whole (mixed-level coverings under the
/// budget, fixed-level cells collected), grown by a line's planar-edge
/// margin if it has one.
pub fn cells_of(
    coverer: &RegionCoverer,
    mode: Mode,
    flags: &CovererFlags,
    item: &Item,
) -> CliResult<CellUnion> {
    let region = item.region.as_ref();
    let mut cells = match (mode, flags.level) {
        (Mode::Covering | Mode::Interior, None) => regions::covering(
            coverer,
            flags.budget,
            region,
            mode == Mode::Interior,
            item.index,
        )?,
        (_, level) => {
            // Held whole, so under the default budget as a mixed-level
            // covering is (streamed output has none: `Writer::stream`).
            let level = level.unwrap_or(30);
            let budget = regions::held_budget(flags.budget);
            let mut ids = Vec::new();
            for id in fixed_level(region, mode, level)? {
                ids.push(id);
                if let Some(b) = budget.filter(|&b| ids.len() > b) {
                    return Err(over_stream_budget(region, level, b, flags.budget, item));
                }
            }
            CellUnion::from_verbatim(ids).map_err(|e| CliError::Data(e.to_string()))?
        }
    };
    if item.margin > 0.0 && mode != Mode::Interior {
        // A line under --planar-edges: grow by its margin, with cells at
        // most two levels finer than each covering cell.
        cells.expand_by_radius(item.margin, 2);
        if let Some(level) = flags.level {
            let data = |e: s2cells::RegionError| CliError::Data(e.to_string());
            cells = CellUnion::from_verbatim(cells.cells_at_level(level).map_err(data)?)
                .map_err(data)?;
        }
    }
    Ok(cells)
}

/// The cells at `level` that `mode` gives a region, lazily, in increasing
/// order, in memory bounded by the search's depth.
fn fixed_level<'a>(
    region: &'a dyn Region,
    mode: Mode,
    level: u8,
) -> CliResult<Box<dyn Iterator<Item = CellId> + 'a>> {
    let usage = |e: s2cells::CovererError| CliError::Usage(e.to_string());
    Ok(match mode {
        Mode::Covering | Mode::Intersects => {
            Box::new(RegionCoverer::fixed_level_cells(region, level).map_err(usage)?)
        }
        Mode::Interior => {
            Box::new(RegionCoverer::fixed_level_interior_cells(region, level).map_err(usage)?)
        }
        Mode::Centroid => {
            Box::new(RegionCoverer::fixed_level_centroid_cells(region, level).map_err(usage)?)
        }
    })
}

/// The maximal runs of the cells `mode` gives a region at `level`, as
/// inclusive leaf-id ranges, lazily.
fn fixed_level_ranges<'a>(
    region: &'a dyn Region,
    mode: Mode,
    level: u8,
) -> CliResult<Box<dyn Iterator<Item = (CellId, CellId)> + 'a>> {
    let usage = |e: s2cells::CovererError| CliError::Usage(e.to_string());
    Ok(match mode {
        Mode::Covering | Mode::Intersects => {
            Box::new(RegionCoverer::fixed_level_ranges(region, level).map_err(usage)?)
        }
        Mode::Interior => {
            Box::new(RegionCoverer::fixed_level_interior_ranges(region, level).map_err(usage)?)
        }
        Mode::Centroid => {
            Box::new(RegionCoverer::fixed_level_centroid_ranges(region, level).map_err(usage)?)
        }
    })
}

/// How many cells at `level` the leaf range `[lo, hi]` of whole cells holds.
fn run_len(lo: CellId, hi: CellId, level: u8) -> u64 {
    let step = 2u128 << (2 * (30 - u32::from(level)));
    ((u128::from(hi.id()) - u128::from(lo.id()) + 2) / step) as u64
}

/// The error of fixed-level cells past `--budget` (`given`), or past the
/// default where they are held whole.
fn over_stream_budget(
    region: &dyn Region,
    level: u8,
    budget: usize,
    given: Option<regions::Budget>,
    item: &Item,
) -> CliError {
    let need = RegionCoverer::new()
        .fixed_level(level)
        .and_then(|c| c.max_cells(usize::MAX))
        .map_or(f64::NAN, |c| c.estimate_covering_len(region, false).forced);
    let which = if given.is_some() {
        "--budget"
    } else {
        "the default --budget of"
    };
    CliError::Data(format!(
        "feature {}: more than {which} {budget} cells at level {level} (about {} in all): \
         lower --level or raise --budget (--budget none lifts it)",
        item.index,
        regions::approx(need)
    ))
}

struct Writer {
    out: Output,
    format: CoverFormat,
    cell_format: CellFormat,
    first: bool,
    /// Cells written so far (for the progress message).
    cells: u64,
    /// For parquet and arrow: the table (made at the first feature, whose
    /// properties give its columns) and what it needs.
    table: Option<(Table, JsonColumns)>,
    table_format: Option<TableFormat>,
    output: Option<PathBuf>,
}

/// How often (in cells) a long stream updates the progress message.
const PROGRESS_EVERY: u64 = 1 << 16;

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
            cells: 0,
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

    /// A whole feature's cells.
    fn feature(&mut self, item: &Item, cells: &CellUnion, progress: &Progress) -> CliResult {
        if self.format == CoverFormat::Ranges {
            self.ranges(item, cells)?;
            self.cells += cells.len() as u64;
            return Ok(());
        }
        self.begin(item);
        for id in cells {
            self.cell(item, id)?;
        }
        self.end()?;
        self.note(progress);
        Ok(())
    }

    /// A feature's fixed-level cells, written as they are found.
    fn stream(
        &mut self,
        item: &Item,
        mode: Mode,
        level: u8,
        flags: &CovererFlags,
        progress: &Progress,
    ) -> CliResult {
        let region = item.region.as_ref();
        let budget = regions::stream_budget(flags.budget);
        let mut n = 0u64;
        let mut next_note = self.cells + PROGRESS_EVERY;
        let check = |n: u64| match budget {
            Some(b) if n > b as u64 => {
                Err(over_stream_budget(region, level, b, flags.budget, item))
            }
            _ => Ok(()),
        };
        if self.format == CoverFormat::Ranges {
            // Maximal runs of consecutive cells as leaf ranges, a contained
            // cell's descendants at once (a level-10 cell holds 4^20 leaves).
            for (lo, hi) in fixed_level_ranges(region, mode, level)? {
                let count = run_len(lo, hi, level);
                n += count;
                check(n)?;
                self.range_run(item, (lo, hi))?;
                self.cells += count;
                if self.cells >= next_note {
                    self.note(progress);
                    next_note = self.cells + PROGRESS_EVERY;
                }
            }
            return Ok(());
        }
        let cells = fixed_level(region, mode, level)?;
        self.begin(item);
        for id in cells {
            n += 1;
            check(n)?;
            self.cell(item, id)?;
            if self.cells >= next_note {
                self.note(progress);
                next_note += PROGRESS_EVERY;
            }
        }
        self.end()?;
        self.note(progress);
        Ok(())
    }

    fn note(&self, progress: &Progress) {
        let cells = self.cells;
        progress.message(|| format!("{cells} cells"));
    }

    /// What goes before a feature's cells (ndjson: the object up to its
    /// cell array).
    fn begin(&mut self, item: &Item) {
        if self.format == CoverFormat::Ndjson {
            let head = json!({
                "feature": item.index,
                "id": item.id,
                "properties": item.properties,
            })
            .to_string();
            // `{"feature":..,"id":..,"properties":..}` without its `}`.
            self.out
                .buf
                .extend_from_slice(&head.as_bytes()[..head.len() - 1]);
            self.out.buf.extend_from_slice(b",\"cells\":[");
            self.first = true;
        }
    }

    fn end(&mut self) -> CliResult {
        if self.format == CoverFormat::Ndjson {
            self.out.buf.extend_from_slice(b"]}\n");
            self.out.maybe_flush()?;
        }
        Ok(())
    }

    /// One cell of a feature.
    fn cell(&mut self, item: &Item, id: CellId) -> CliResult {
        self.cells += 1;
        let buf = &mut self.out.buf;
        match self.format {
            CoverFormat::Tokens => write_cell(buf, id, CellFormat::Tokens),
            CoverFormat::Ids => write_cell(buf, id, CellFormat::Ids),
            CoverFormat::I64 => write_cell(buf, id, CellFormat::I64),
            CoverFormat::Ordered => write_cell(buf, id, CellFormat::Ordered),
            CoverFormat::Csv => {
                buf.extend_from_slice(item.index.to_string().as_bytes());
                buf.push(b',');
                buf.extend_from_slice(item.id_text().as_bytes());
                buf.push(b',');
                write_cell(buf, id, CellFormat::Tokens);
                buf.push(b',');
                write_cell(buf, id, self.cell_format);
                buf.push(b',');
                buf.extend_from_slice(id.level().to_string().as_bytes());
            }
            CoverFormat::Parquet | CoverFormat::Arrow => {
                let cell_type = CellType::from_format(Some(self.cell_format));
                let (t, props) = self.table(Some(item))?;
                let fid = item.id.as_ref().map(|v| match v {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                });
                t.push(TableValue::I64(item.index as i64))?;
                t.push_str(fid.as_deref())?;
                t.push_cell(Some(id), cell_type)?;
                t.push_cell(Some(id), CellType::Token)?;
                t.push(TableValue::I8(id.level() as i8))?;
                props.push(t, item.properties.as_ref(), &|| {
                    format!("feature {}", item.index)
                })?;
                return t.end_row();
            }
            CoverFormat::Ndjson => {
                if !self.first {
                    buf.push(b',');
                }
                self.first = false;
                // As `cell_json` writes it: tokens quoted, ids bare.
                if self.cell_format == CellFormat::Tokens {
                    buf.push(b'"');
                    write_cell(buf, id, CellFormat::Tokens);
                    buf.push(b'"');
                } else {
                    write_cell(buf, id, self.cell_format);
                }
                return Ok(self.out.maybe_flush()?);
            }
            CoverFormat::Geojson => {
                if !self.first {
                    buf.extend_from_slice(b",\n");
                }
                self.first = false;
                let v = json!({
                    "type": "Feature",
                    "properties": {
                        "token": id.to_token(),
                        "id": id.id().to_string(),
                        "level": id.level(),
                        "feature": item.index,
                        "feature_id": item.id,
                    },
                    "geometry": cell_geojson(id),
                });
                buf.extend_from_slice(v.to_string().as_bytes());
                return Ok(self.out.maybe_flush()?);
            }
            CoverFormat::Ranges => unreachable!("ranges are written by run"),
        }
        buf.push(b'\n');
        Ok(self.out.maybe_flush()?)
    }

    /// A feature's merged leaf ranges.
    fn ranges(&mut self, item: &Item, cells: &CellUnion) -> CliResult {
        let q = KeyQuery::new(cells, Stored::Points);
        self.range_lines(item, &q)
    }

    /// One inclusive leaf range in the key encodings.
    fn range_run(&mut self, item: &Item, (lo, hi): (CellId, CellId)) -> CliResult {
        let run = CellUnion::from_min_max(lo, hi).map_err(|e| CliError::Data(e.to_string()))?;
        let q = KeyQuery::new(&run, Stored::Points);
        self.range_lines(item, &q)
    }

    fn range_lines(&mut self, item: &Item, q: &KeyQuery) -> CliResult {
        let fid = item.id_text();
        let lines: Vec<String> = match self.cell_format {
            CellFormat::I64 => q
                .signed_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", item.index))
                .collect(),
            CellFormat::Ordered => q
                .ordered_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", item.index))
                .collect(),
            CellFormat::Ids => q
                .u64_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", item.index))
                .collect(),
            CellFormat::Tokens => q
                .token_ranges()
                .into_iter()
                .map(|(a, b)| format!("{},{fid},{a},{b}", item.index))
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

    fn fail(mut self, e: CliError) -> CliError {
        match self.table.take() {
            Some((t, _)) => t.fail(e),
            None => self.out.fail(e),
        }
    }
}
