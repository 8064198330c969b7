//! `keys`: the database keys that find what lies in a region — merged
//! leaf-id ranges (and, for stored regions, exact ancestor keys) in one of
//! the key encodings, as CSV, Parquet or Arrow; or SQL: one query whose
//! rows name the feature they matched (`-f sql`), or bare `WHERE` clauses
//! (`-f where`); `--recipe` prints the `CREATE TABLE` / `CREATE INDEX`
//! statements the keys are meant for.

use std::fmt::Write as _;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use s2cells::CellUnion;
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

use crate::advice::{self, AdviceFlags};
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::output::table::{Kind, Table, TableFormat, Value as Cell};
use crate::regions::{self, CovererFlags, Item, RegionInput};

/// What the table stores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StoredKind {
    /// Points (leaf cells): ranges alone answer.
    Points,
    /// Coverings of regions, no cell above --stored-min-level: queries add
    /// exact ancestor keys.
    Regions,
}

/// How keys are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
    /// Unsigned decimal cell ids.
    U64,
    /// Signed decimal ids (bit-cast; BigQuery, MongoDB); ranges split at
    /// the sign flip.
    I64,
    /// Order-preserving signed ids (id XOR the sign bit).
    Ordered,
    /// Big-endian 8-byte keys, in hex (key-value stores).
    Bytes,
    /// Hex tokens.
    Tokens,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum KeysFormat {
    /// CSV: feature,feature_id,kind,min,max (kind `range`, or `ancestor`
    /// with min = max).
    Ranges,
    /// One SQL query (encoding i64 or ordered): a SELECT per feature, with
    /// the feature's index and id as columns, joined by UNION ALL.
    Sql,
    /// One SQL WHERE clause per feature, each after a `-- feature N: id`
    /// comment line (encoding i64 or ordered).
    Where,
    /// The ranges as Parquet: feature, feature_id, kind, min, max (min and
    /// max INT64 for i64 and ordered, UINT64 for u64, 8 bytes for bytes,
    /// STRING for tokens).
    Parquet,
    /// The ranges as an Arrow IPC stream (columns as parquet).
    Arrow,
}

/// The SQL dialects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    Postgres,
    Sqlite,
}

#[derive(Args, Debug)]
pub struct KeysArgs {
    #[command(flatten)]
    pub input: RegionInput,
    #[command(flatten)]
    pub coverer: CovererFlags,
    /// What the table stores: points, or region coverings.
    #[arg(long, value_enum, default_value_t = StoredKind::Points)]
    pub stored: StoredKind,
    /// For --stored regions: the coarsest level of the stored coverings.
    #[arg(long = "stored-min-level", value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u8).range(0..=30))]
    pub stored_min_level: u8,
    /// Key encoding.
    #[arg(short, long, value_enum, default_value_t = Encoding::I64)]
    pub encoding: Encoding,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = KeysFormat::Ranges)]
    pub format: KeysFormat,
    /// SQL dialect (for --format sql or where, and --recipe) [default:
    /// postgres].
    #[arg(long, value_enum)]
    pub dialect: Option<Dialect>,
    /// SQL table name (for --format sql or where, and --recipe) [default:
    /// cells].
    #[arg(long)]
    pub table: Option<String>,
    /// SQL key column name (for --format sql or where, and --recipe)
    /// [default: cell].
    #[arg(long)]
    pub column: Option<String>,
    /// Print the CREATE TABLE / CREATE INDEX recipe for the table and stop
    /// (no region is read).
    #[arg(long, conflicts_with_all = ["input", "rect", "cap", "format"])]
    pub recipe: bool,
    /// Write to this file instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub advice: AdviceFlags,
}

pub fn run(args: &KeysArgs) -> CliResult {
    let stored = match args.stored {
        StoredKind::Points => Stored::Points,
        StoredKind::Regions => Stored::Regions {
            min_level: args.stored_min_level,
        },
    };
    check_flags(args)?;
    if args.advice.active() {
        return advice::run(&args.advice, &args.input, &args.coverer, None);
    }
    let coverer = args.coverer.coverer()?;
    let mut stats = advice::Stats::new(&args.advice);
    let format = match args.format {
        KeysFormat::Parquet => Some(TableFormat::Parquet),
        KeysFormat::Arrow => Some(TableFormat::Arrow),
        _ => None,
    };
    if let Some(format) = format {
        let (lo, hi) = match args.encoding {
            Encoding::I64 | Encoding::Ordered => (Kind::I64, Kind::I64),
            Encoding::U64 => (Kind::U64, Kind::U64),
            Encoding::Bytes => (Kind::Bytes8, Kind::Bytes8),
            Encoding::Tokens => (Kind::Str, Kind::Str),
        };
        let cols = [
            ("feature".to_owned(), Kind::I64),
            ("feature_id".to_owned(), Kind::Str),
            ("kind".to_owned(), Kind::Str),
            ("min".to_owned(), lo),
            ("max".to_owned(), hi),
        ];
        let enc = args
            .encoding
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_owned());
        let mut t = Table::create(
            format,
            args.output.as_deref(),
            &cols,
            &[("s2cells.key_encoding", enc)],
        )?;
        let result = regions::for_each(&args.input, |item, _| {
            let cells = covering(&coverer, args, item)?;
            stats.add(item, &cells);
            table_rows(&mut t, item, &KeyQuery::new(&cells, stored), args.encoding)
        });
        if let Err(e) = result {
            return Err(t.fail(e));
        }
        t.finish()?;
        stats.report();
        return Ok(());
    }
    let mut out = Output::create(args.output.as_deref())?;
    if args.recipe || matches!(args.format, KeysFormat::Sql | KeysFormat::Where) {
        let table = table(args)?;
        if args.recipe {
            let sql = match stored {
                Stored::Points => table.create_sql(),
                Stored::Regions { .. } => table.create_covering_sql(),
            };
            out.line(&format!("{sql};"))?;
            // Run once the rows are loaded (PostgreSQL needs it for
            // index-only scans), so a comment here, not a statement.
            out.line(&format!(
                "-- after loading the rows: {};",
                table.after_load_sql()
            ))?;
            return Ok(out.flush()?);
        }
        let mut first = true;
        let result = regions::for_each(&args.input, |item, _| {
            let cells = covering(&coverer, args, item)?;
            stats.add(item, &cells);
            let q = KeyQuery::new(&cells, stored);
            let fid = item.id.as_ref().map(id_text);
            if args.format == KeysFormat::Where {
                let id = fid.as_deref().unwrap_or("(no id)");
                out.line(&format!("-- feature {}: {}", item.index, one_line(id)))?;
                return out.line(&table.where_clause(&q)).map_err(CliError::from);
            }
            if !first {
                out.line("UNION ALL")?;
            }
            first = false;
            out.line(&select(&table, stored, item.index, fid.as_deref(), &q)?)?;
            Ok(())
        });
        result.map_err(|e| out.fail(e))?;
        if !first {
            // Close the statement after the last SELECT.
            out.buf.pop();
            out.line(";")?;
        }
        out.flush()?;
        stats.report();
        return Ok(());
    }
    out.line("feature,feature_id,kind,min,max")?;
    let result = regions::for_each(&args.input, |item, _| {
        let cells = covering(&coverer, args, item)?;
        stats.add(item, &cells);
        let q = KeyQuery::new(&cells, stored);
        let mut s = String::new();
        write_ranges(&mut s, item, &q, args.encoding);
        out.buf.extend_from_slice(s.as_bytes());
        Ok(out.maybe_flush()?)
    });
    result.map_err(|e| out.fail(e))?;
    out.flush()?;
    stats.report();
    Ok(())
}

/// Refuses flags that the chosen output would ignore.
fn check_flags(args: &KeysArgs) -> CliResult {
    let sql = args.recipe || matches!(args.format, KeysFormat::Sql | KeysFormat::Where);
    if !sql && (args.dialect.is_some() || args.table.is_some() || args.column.is_some()) {
        return Err(CliError::Usage(
            "--dialect, --table and --column are for --format sql or where, and --recipe".into(),
        ));
    }
    if args.stored == StoredKind::Points && args.stored_min_level != 0 {
        return Err(CliError::Usage(
            "--stored-min-level is for --stored regions".into(),
        ));
    }
    if args.recipe && args.advice.active() {
        return Err(CliError::Usage(
            "--recipe reads no region: it cannot go with --fp-sweep or --target-fp".into(),
        ));
    }
    Ok(())
}

/// A feature id as text: a string as it is, anything else as its JSON.
fn id_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Text for a one-line comment (line breaks shown as spaces).
fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// An SQL string literal ('' for a quote), or CAST(NULL AS TEXT).
fn sql_text(s: Option<&str>) -> CliResult<String> {
    match s {
        None => Ok("CAST(NULL AS TEXT)".to_owned()),
        Some(s) if s.contains('\0') => Err(CliError::Data(format!(
            "feature id {s:?} holds a NUL character, which SQL text cannot"
        ))),
        Some(s) => Ok(format!("'{}'", s.replace('\'', "''"))),
    }
}

/// One feature's SELECT: the matching rows (every column for points, the
/// distinct region ids for stored regions) with the feature's index and
/// id added. The rows come from the library's query
/// ([`SqlTable::select_sql`], [`SqlTable::select_regions_sql`]: one part
/// per key range, which the recipe's covering index answers alone, as
/// `Index Only Scan`s on PostgreSQL), not from one `OR`ed `WHERE`, which
/// PostgreSQL answers with a bitmap scan of the table.
fn select(
    table: &SqlTable,
    stored: Stored,
    index: usize,
    id: Option<&str>,
    q: &KeyQuery,
) -> CliResult<String> {
    let rows = match stored {
        Stored::Points => table
            .select_sql(&[], q)
            .map_err(|e| CliError::Usage(e.to_string()))?,
        Stored::Regions { .. } => table.select_regions_sql(q),
    };
    Ok(format!(
        "SELECT t.*, {index} AS \"feature\", {} AS \"feature_id\" FROM ({rows}) AS t",
        sql_text(id)?,
    ))
}

/// The table rows of one feature: its ranges, then its ancestor keys.
fn table_rows(t: &mut Table, item: &Item, q: &KeyQuery, enc: Encoding) -> CliResult {
    let fid = item.id.as_ref().map(id_text);
    let mut row = |kind: &str, a: Cell<'_>, b: Cell<'_>| -> CliResult {
        t.push(Cell::I64(item.index as i64))?;
        t.push_str(fid.as_deref())?;
        t.push(Cell::Str(kind))?;
        t.push(a)?;
        t.push(b)?;
        t.end_row()
    };
    match enc {
        Encoding::U64 => {
            for (a, b) in q.u64_ranges() {
                row("range", Cell::U64(a), Cell::U64(b))?;
            }
            for a in q.ancestors() {
                row("ancestor", Cell::U64(a.id()), Cell::U64(a.id()))?;
            }
        }
        Encoding::I64 | Encoding::Ordered => {
            let (ranges, ancestors) = if enc == Encoding::I64 {
                (q.signed_ranges(), q.signed_ancestors())
            } else {
                (q.ordered_ranges(), q.ordered_ancestors())
            };
            for (a, b) in ranges {
                row("range", Cell::I64(a), Cell::I64(b))?;
            }
            for a in ancestors {
                row("ancestor", Cell::I64(a), Cell::I64(a))?;
            }
        }
        Encoding::Bytes => {
            for (a, b) in q.byte_ranges() {
                row("range", Cell::Bytes8(a), Cell::Bytes8(b))?;
            }
            for a in q.ancestors() {
                let k = a.id().to_be_bytes();
                row("ancestor", Cell::Bytes8(k), Cell::Bytes8(k))?;
            }
        }
        Encoding::Tokens => {
            for (a, b) in q.token_ranges() {
                row("range", Cell::Str(&a), Cell::Str(&b))?;
            }
            for a in q.ancestors() {
                let k = a.to_token();
                row("ancestor", Cell::Str(&k), Cell::Str(&k))?;
            }
        }
    }
    Ok(())
}

/// The region's covering under the cell budget, grown for a line under
/// `--planar-edges` as `cover` grows it.
fn covering(
    coverer: &s2cells::RegionCoverer,
    args: &KeysArgs,
    item: &Item,
) -> CliResult<CellUnion> {
    let mut cells = regions::covering(
        coverer,
        args.coverer.budget,
        item.region.as_ref(),
        false,
        item.index,
    )?;
    if item.margin > 0.0 {
        cells.expand_by_radius(item.margin, 2);
    }
    Ok(cells)
}

fn table(args: &KeysArgs) -> CliResult<SqlTable> {
    let key = match args.encoding {
        Encoding::I64 => SqlKey::Signed,
        Encoding::Ordered => SqlKey::Ordered,
        e => {
            return Err(CliError::Usage(format!(
                "--encoding {}: SQL keys are BIGINT, use --encoding i64 or ordered",
                e.to_possible_value()
                    .map_or_else(|| "?".to_owned(), |v| v.get_name().to_owned())
            )));
        }
    };
    let dialect = match args.dialect.unwrap_or(Dialect::Postgres) {
        Dialect::Postgres => SqlDialect::Postgres,
        Dialect::Sqlite => SqlDialect::Sqlite,
    };
    let table = args.table.as_deref().unwrap_or("cells");
    let column = args.column.as_deref().unwrap_or("cell");
    SqlTable::new(dialect, key, table, column).map_err(|e| CliError::Usage(e.to_string()))
}

fn hex(b: [u8; 8]) -> String {
    b.iter().fold(String::with_capacity(16), |mut s, x| {
        let _ = write!(s, "{x:02x}");
        s
    })
}

/// The rows of one feature: its ranges, then its ancestor keys.
fn write_ranges(s: &mut String, item: &Item, q: &KeyQuery, enc: Encoding) {
    let pre = format!("{},{}", item.index, item.id_text());
    // Writing to a String cannot fail.
    let mut row = |kind: &str, a: &dyn std::fmt::Display, b: &dyn std::fmt::Display| {
        let _ = writeln!(s, "{pre},{kind},{a},{b}");
    };
    match enc {
        Encoding::U64 => {
            for (a, b) in q.u64_ranges() {
                row("range", &a, &b);
            }
            for a in q.ancestors() {
                row("ancestor", &a.id(), &a.id());
            }
        }
        Encoding::I64 => {
            for (a, b) in q.signed_ranges() {
                row("range", &a, &b);
            }
            for a in q.signed_ancestors() {
                row("ancestor", &a, &a);
            }
        }
        Encoding::Ordered => {
            for (a, b) in q.ordered_ranges() {
                row("range", &a, &b);
            }
            for a in q.ordered_ancestors() {
                row("ancestor", &a, &a);
            }
        }
        Encoding::Bytes => {
            for (a, b) in q.byte_ranges() {
                row("range", &hex(a), &hex(b));
            }
            for a in q.ancestors() {
                let h = hex(a.id().to_be_bytes());
                row("ancestor", &h, &h);
            }
        }
        Encoding::Tokens => {
            for (a, b) in q.token_ranges() {
                row("range", &a, &b);
            }
            for a in q.ancestors() {
                let t = a.to_token();
                row("ancestor", &t, &t);
            }
        }
    }
}
