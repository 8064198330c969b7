//! `s2cells index`: points in (CSV, NDJSON or GeoJSON), the cells that
//! contain them appended, at one or several levels, as text or as a
//! Parquet / Arrow table (`crate::output::table`). Streams input of any
//! size in constant memory. CSV is strict: every row has the header's
//! number of fields.

mod csv;
mod decimal;
mod json;

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::MAX_LEVEL;

use crate::cells::CellFormat;
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::output::table::{CellType, Kind, Table, TableFormat};
use crate::points::PointColumns;
use crate::report::{Progress, Skipped};
use s2cells::CellId;

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Input file; stdin when absent or `-`.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Cell level(s), 0..=30: `--level 15` or `--levels 8,12,15`; one
    /// output column per level, in the order given.
    #[arg(short, long = "level", visible_alias = "levels", value_delimiter = ',',
          required = true, value_parser = clap::value_parser!(u8).range(0..=i64::from(MAX_LEVEL)))]
    pub levels: Vec<u8>,
    /// Output format: the input with cells appended as tokens, ids, i64
    /// or ordered; or a Parquet table or Arrow IPC stream (the input's
    /// columns as strings, except the latitude and longitude as doubles,
    /// then one cell column per level as --cell-format).
    #[arg(short, long, value_enum, default_value_t = IndexFormat::Tokens)]
    pub format: IndexFormat,
    /// For parquet and arrow: how cells are stored (i64: INT64 bit-cast,
    /// BigQuery's form; ids: UINT64; ordered: INT64 order-preserving;
    /// tokens: STRING) [default: i64].
    #[arg(long, value_enum)]
    pub cell_format: Option<CellFormat>,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Input format; by default from the file extension (.csv .tsv .txt:
    /// csv; .ndjson .jsonl: ndjson; .geojson .json .geojsonl: geojson),
    /// csv for stdin.
    #[arg(long, value_enum)]
    pub input_format: Option<PointFormat>,
    #[command(flatten)]
    pub columns: PointColumns,
    /// CSV field delimiter: one ASCII character, or `tab`. Default `,`
    /// (tab for .tsv files).
    #[arg(short, long)]
    pub delimiter: Option<String>,
    /// The CSV has no header line: give --lat-col and --lng-col as numbers.
    #[arg(long)]
    pub no_header: bool,
    /// What to do with a row whose lat/lng is missing, not a number or
    /// out of range, or (CSV) whose number of fields is not the header's:
    /// fail, skip it (the count and the first reasons are printed at the
    /// end), or keep it with empty cells (not for a ragged CSV row).
    #[arg(long, value_enum, value_name = "fail|skip|empty", default_value_t = Invalid::Fail)]
    pub invalid: Invalid,
    /// Write only the cells (one line per point, levels separated by the
    /// delimiter, no header): a cell stream for `s2cells cell` and friends.
    #[arg(long)]
    pub cells_only: bool,
    /// Prefix of the added columns' names, followed by the level
    /// [default: s2_].
    #[arg(long)]
    pub prefix: Option<String>,
}

/// What `index` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum IndexFormat {
    /// Hex tokens (`951977d34`).
    Tokens,
    /// Unsigned 64-bit decimal ids.
    Ids,
    /// Signed 64-bit decimal ids (bit-cast: BigQuery, SQL `BIGINT`).
    I64,
    /// Order-preserving signed ids (top bit flipped), as `keys -e ordered`.
    Ordered,
    /// A Parquet file.
    Parquet,
    /// An Arrow IPC stream.
    Arrow,
}

/// The kinds of point input.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PointFormat {
    /// Delimited text with a header line (index also reads it without one,
    /// with --no-header).
    Csv,
    /// One JSON object per line.
    Ndjson,
    /// GeoJSON Point features (a FeatureCollection, or a text sequence).
    Geojson,
}

impl PointFormat {
    /// The format given, else the one `path`'s extension names (.ndjson
    /// .jsonl: ndjson; .geojson .json .geojsonl .geojsons: geojson), else
    /// CSV (and for stdin).
    pub fn detect(given: Option<Self>, path: Option<&PathBuf>) -> Self {
        let ext = path
            .and_then(|p| p.extension())
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        given.unwrap_or(match ext.as_deref() {
            Some("ndjson" | "jsonl") => Self::Ndjson,
            Some("geojson" | "json" | "geojsonl" | "geojsons") => Self::Geojson,
            _ => Self::Csv,
        })
    }
}

/// What to do with a point that has no valid lat/lng.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Invalid {
    /// Stop with an error naming the line and column (exit 1).
    #[value(alias = "error")]
    Fail,
    /// Drop the row from the output.
    Skip,
    /// Keep the row with empty cell columns (null in JSON).
    Empty,
}

/// A column named in the header, or by its number.
#[derive(Clone, Debug)]
pub(crate) enum ColSpec {
    Name(String),
    /// 0-based.
    Number(usize),
}

pub(crate) const LAT_NAMES: &[&str] = &["lat", "latitude", "y"];
pub(crate) const LNG_NAMES: &[&str] = &["lng", "lon", "long", "longitude", "x"];

pub(crate) fn col_spec(arg: Option<&str>, flag: &str) -> CliResult<Option<ColSpec>> {
    let Some(s) = arg else { return Ok(None) };
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return match s.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(Some(ColSpec::Number(n - 1))),
            _ => Err(CliError::Usage(format!(
                "{flag} {s}: column numbers start at 1"
            ))),
        };
    }
    Ok(Some(ColSpec::Name(s.to_owned())))
}

/// Finds a column among `names` (a header, or an object's keys): the one
/// asked for, else the first candidate name present.
pub(crate) fn find_column<'a>(
    names: &(impl Iterator<Item = &'a str> + Clone),
    spec: Option<&ColSpec>,
    candidates: &[&str],
) -> Option<usize> {
    let position = |want: &str| {
        names
            .clone()
            .position(|n| n.trim().eq_ignore_ascii_case(want))
    };
    match spec {
        Some(ColSpec::Number(n)) => Some(*n),
        Some(ColSpec::Name(name)) => position(name),
        None => candidates.iter().find_map(|c| position(c)),
    }
}

/// Says which column was wanted, for an error when it is not there.
fn wanted(spec: Option<&ColSpec>, candidates: &[&str], flag: &str, noun: &str) -> String {
    match spec {
        Some(ColSpec::Name(n)) => format!("a {noun} named {n:?}"),
        Some(ColSpec::Number(n)) => format!("{noun} {}", n + 1),
        None => format!("a {noun} named {} (or pass {flag})", candidates.join(", ")),
    }
}

pub fn run(args: &IndexArgs) -> CliResult {
    let (lat, lng) = args.columns.specs()?;
    let path = args.file.as_ref().filter(|p| p.as_os_str() != "-");
    let ext = path
        .and_then(|p| p.extension())
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let format = PointFormat::detect(args.input_format, path);
    let delimiter = match args.delimiter.as_deref() {
        None if ext.as_deref() == Some("tsv") => b'\t',
        None => b',',
        Some("tab" | "\\t" | "\t") => b'\t',
        Some(d) if d.len() == 1 && d.is_ascii() && !matches!(d, "\"" | "\n" | "\r") => {
            d.as_bytes()[0]
        }
        Some(d) => {
            return Err(CliError::Usage(format!(
                "--delimiter {d:?}: expected one ASCII character other than a quote or a line break, or `tab`"
            )));
        }
    };
    if args.no_header {
        if format != PointFormat::Csv {
            return Err(CliError::Usage(
                "--no-header applies to CSV input only".to_owned(),
            ));
        }
        if !matches!(lat, Some(ColSpec::Number(_))) || !matches!(lng, Some(ColSpec::Number(_))) {
            return Err(CliError::Usage(
                "with --no-header, give --lat-col and --lng-col as column numbers (from 1)"
                    .to_owned(),
            ));
        }
    }
    let (name, input, size): (String, Box<dyn Read>, Option<u64>) = match path {
        Some(p) => {
            let file = File::open(p)
                .map_err(|e| CliError::Data(format!("cannot open {}: {e}", p.display())))?;
            let size = file.metadata().ok().map(|m| m.len());
            (p.display().to_string(), Box::new(file), size)
        }
        None => ("<stdin>".to_owned(), Box::new(io::stdin().lock()), None),
    };
    let progress = Progress::bytes(size);
    let input = progress.reader(input);
    let (cells, table) = match args.format {
        IndexFormat::Parquet => (
            CellFormat::Tokens,
            Some((
                TableFormat::Parquet,
                CellType::from_format(args.cell_format),
            )),
        ),
        IndexFormat::Arrow => (
            CellFormat::Tokens,
            Some((TableFormat::Arrow, CellType::from_format(args.cell_format))),
        ),
        _ if args.cell_format.is_some() => {
            return Err(CliError::Usage(
                "--cell-format is for -f parquet and -f arrow; text output writes cells as -f \
                 says (tokens, ids, i64 or ordered)"
                    .to_owned(),
            ));
        }
        IndexFormat::Tokens => (CellFormat::Tokens, None),
        IndexFormat::Ids => (CellFormat::Ids, None),
        IndexFormat::I64 => (CellFormat::I64, None),
        IndexFormat::Ordered => (CellFormat::Ordered, None),
    };
    if args.delimiter.is_some()
        && format != PointFormat::Csv
        && (table.is_some() || !args.cells_only)
    {
        return Err(CliError::Usage(
            "--delimiter applies to CSV input (and to --cells-only text output)".to_owned(),
        ));
    }
    if format == PointFormat::Geojson && args.columns.any() {
        return Err(CliError::Usage(
            "--lat-col and --lng-col: GeoJSON points come from their geometry".to_owned(),
        ));
    }
    if args.cells_only && args.prefix.is_some() && table.is_none() {
        return Err(CliError::Usage(
            "--prefix names the added columns, and --cells-only writes no header".to_owned(),
        ));
    }
    let spec = Spec {
        name,
        lat,
        lng,
        delimiter,
        args,
        cells,
        table,
    };
    let mut skipped = Skipped::default();
    let rows = match format {
        PointFormat::Csv => csv::run(input, &spec, &mut skipped),
        PointFormat::Ndjson => json::run_ndjson(input, &spec, &mut skipped),
        PointFormat::Geojson => json::run_geojson(input, &spec, &mut skipped),
    }?;
    drop(progress);
    skipped.report("row", Some(rows));
    Ok(())
}

/// Everything the readers need to know, resolved from the arguments.
struct Spec<'a> {
    name: String,
    lat: Option<ColSpec>,
    lng: Option<ColSpec>,
    delimiter: u8,
    args: &'a IndexArgs,
    /// How text output writes cells.
    cells: CellFormat,
    /// For parquet and arrow output: the format and the cells' type.
    table: Option<(TableFormat, CellType)>,
}

impl Spec<'_> {
    /// The text output (stdout or --output).
    fn output(&self) -> CliResult<Output> {
        Output::create(self.args.output.as_deref())
    }

    /// The table for `-f parquet|arrow`: the `carried` input columns (none
    /// with --cells-only), then one cell column per level.
    fn table(&self, carried: Vec<(String, Kind)>) -> CliResult<Table> {
        let (format, cell) = self.table.unwrap_or((TableFormat::Parquet, CellType::I64));
        let mut cols = if self.args.cells_only {
            Vec::new()
        } else {
            carried
        };
        cols.extend(self.column_names().map(|n| (n, cell.kind())));
        Table::create(format, self.args.output.as_deref(), &cols, &[])
    }

    /// Appends a point's cells at each level (nulls for no point) and ends
    /// the row.
    fn push_cells(&self, t: &mut Table, leaf: Option<CellId>) -> CliResult {
        let cell = self.table.map_or(CellType::I64, |(_, c)| c);
        for &level in &self.args.levels {
            t.push_cell(leaf.map(|c| c.parent(level)), cell)?;
        }
        t.end_row()
    }

    /// The added columns' names.
    fn column_names(&self) -> impl Iterator<Item = String> + '_ {
        self.args
            .levels
            .iter()
            .map(|l| format!("{}{l}", self.args.prefix.as_deref().unwrap_or("s2_")))
    }
}

/// Checks a lat/lng pair in degrees, saying which is wrong.
pub(crate) fn check_range(lat: f64, lng: f64) -> Result<(), String> {
    if !(-90.0..=90.0).contains(&lat) {
        return Err(format!("latitude {lat} is out of range [-90, 90]"));
    }
    if !(-180.0..=180.0).contains(&lng) {
        return Err(format!("longitude {lng} is out of range [-180, 180]"));
    }
    Ok(())
}
