//! `keys`: the database keys that find what lies in a region — merged
//! leaf-id ranges (and, for stored regions, exact ancestor keys) in one of
//! the key encodings, or a SQL `WHERE` clause; `--recipe` prints the
//! `CREATE TABLE` / `CREATE INDEX` statements the keys are meant for.

use std::fmt::Write as _;

use clap::{Args, ValueEnum};
use s2cells::CellUnion;
use s2cells::feature::keys::{KeyQuery, Stored};
use s2cells::feature::sql::{SqlDialect, SqlKey, SqlTable};

use crate::error::{CliError, CliResult};
use crate::output::Output;
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
    /// One SQL WHERE clause per feature (encoding i64 or ordered).
    Sql,
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
    /// SQL dialect (for --format sql and --recipe).
    #[arg(long, value_enum, default_value_t = Dialect::Postgres)]
    pub dialect: Dialect,
    /// SQL table name.
    #[arg(long, default_value = "cells")]
    pub table: String,
    /// SQL key column name.
    #[arg(long, default_value = "cell")]
    pub column: String,
    /// Print the CREATE TABLE / CREATE INDEX recipe for the table and stop
    /// (no region is read).
    #[arg(long)]
    pub recipe: bool,
}

pub fn run(args: &KeysArgs) -> CliResult {
    let stored = match args.stored {
        StoredKind::Points => Stored::Points,
        StoredKind::Regions => Stored::Regions {
            min_level: args.stored_min_level,
        },
    };
    let mut out = Output::stdout();
    if args.recipe || args.format == KeysFormat::Sql {
        let table = table(args)?;
        if args.recipe {
            let sql = match stored {
                Stored::Points => table.create_sql(),
                Stored::Regions { .. } => table.create_covering_sql(),
            };
            out.line(&format!("{sql};"))?;
            return Ok(out.flush()?);
        }
        let coverer = args.coverer.coverer()?;
        regions::for_each(&args.input, |item, _| {
            let q = KeyQuery::new(&covering(&coverer, args, item)?, stored);
            out.line(&table.where_clause(&q)).map_err(CliError::from)
        })?;
        return Ok(out.flush()?);
    }
    let coverer = args.coverer.coverer()?;
    out.line("feature,feature_id,kind,min,max")?;
    regions::for_each(&args.input, |item, _| {
        let q = KeyQuery::new(&covering(&coverer, args, item)?, stored);
        let mut s = String::new();
        write_ranges(&mut s, item, &q, args.encoding);
        out.buf.extend_from_slice(s.as_bytes());
        Ok(out.maybe_flush()?)
    })?;
    Ok(out.flush()?)
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
    let dialect = match args.dialect {
        Dialect::Postgres => SqlDialect::Postgres,
        Dialect::Sqlite => SqlDialect::Sqlite,
    };
    SqlTable::new(dialect, key, &args.table, &args.column)
        .map_err(|e| CliError::Usage(e.to_string()))
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
