//! `terms`: Google's S2RegionTermIndexer from the shell — the index or
//! query terms of regions (per feature) or of points, for a full-text or
//! inverted index.

use clap::{Args, ValueEnum};
use s2cells::feature::terms::{TermIndexer, TermIndexerOptions};
use serde_json::json;

use crate::commands::index::PointFormat;
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::points::{self, PointColumns, PointInput};
use crate::regions::{self, InputFormat, RegionInput};

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TermsFormat {
    /// One term per line.
    Lines,
    /// One JSON object per feature (or point): its index, id, properties
    /// and terms.
    Ndjson,
}

#[derive(Args, Debug)]
pub struct TermsArgs {
    #[command(flatten)]
    pub input: RegionInput,
    /// The input holds points (CSV, NDJSON or GeoJSON Point features, as
    /// `index` reads them), not regions.
    #[arg(long, conflicts_with_all = ["rect", "cap", "strict_orientation", "planar_edges", "lenient"])]
    pub points: bool,
    /// With --points: where the latitude and longitude are.
    #[command(flatten)]
    pub columns: PointColumns,
    /// Query terms (to look documents up).
    #[arg(long, conflicts_with = "index")]
    pub query: bool,
    /// Index terms (to store with documents; the default).
    #[arg(long)]
    pub index: bool,
    /// The shallowest level indexed.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub min_level: u8,
    /// The deepest level indexed.
    #[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u8).range(0..=30))]
    pub max_level: u8,
    /// Only levels min_level + k * level_mod.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=3))]
    pub level_mod: u8,
    /// Covering size the region coverer aims for.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_cells: u64,
    /// Every indexed document is a point (fewer query terms; regions
    /// cannot be indexed).
    #[arg(long)]
    pub points_only: bool,
    /// Fewer index terms at the price of more query terms.
    #[arg(long)]
    pub optimize_for_space: bool,
    /// The character before covering terms: ASCII, not a letter or digit.
    #[arg(long, default_value_t = '$')]
    pub marker: char,
    /// Text put before every term.
    #[arg(long, default_value = "")]
    pub prefix: String,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = TermsFormat::Lines)]
    pub format: TermsFormat,
    /// Fail instead of covering a region with more than N cells (default
    /// 200000; `none` lifts it), as `cover --budget`.
    #[arg(long, value_name = "N|none", value_parser = regions::parse_budget)]
    pub budget: Option<regions::Budget>,
}

pub fn run(args: &TermsArgs) -> CliResult {
    if !args.points && args.columns.any() {
        return Err(CliError::Usage(
            "--lat-col and --lng-col read points: they need --points".into(),
        ));
    }
    if args.min_level > args.max_level {
        return Err(CliError::Usage(format!(
            "--min-level {} is above --max-level {}",
            args.min_level, args.max_level
        )));
    }
    let indexer = TermIndexer::new(TermIndexerOptions {
        min_level: args.min_level,
        max_level: args.max_level,
        level_mod: args.level_mod,
        max_cells: usize::try_from(args.max_cells).unwrap_or(usize::MAX),
        index_contains_points_only: args.points_only,
        optimize_for_space: args.optimize_for_space,
        marker: args.marker,
    })
    .map_err(|e| CliError::Usage(e.to_string()))?;
    let mut out = Output::stdout();
    let write = |out: &mut Output, v: serde_json::Value, terms: &[String]| -> CliResult {
        match args.format {
            TermsFormat::Lines => {
                for t in terms {
                    out.line(t)?;
                }
            }
            TermsFormat::Ndjson => {
                let mut v = v;
                v["terms"] = json!(terms);
                out.line(&v.to_string())?;
            }
        }
        Ok(())
    };
    if args.points {
        let input = PointInput {
            file: args.input.input.clone(),
            input_format: point_format(args.input.input_format)?,
            columns: args.columns.clone(),
            invalid: args.input.invalid,
        };
        let result = points::for_each(&input, |row, leaf| {
            let p = s2cells::Cell::from(leaf).center();
            let terms = if args.query {
                indexer.query_terms_for_point(&p, &args.prefix)
            } else {
                indexer.index_terms_for_point(&p, &args.prefix)
            };
            let (key, at) = row.member();
            let mut v = json!({});
            v[key] = json!(at);
            write(&mut out, v, &terms)
        });
        result.map_err(|e| out.fail(e))?;
    } else {
        let coverer = indexer.coverer();
        let result = regions::for_each(&args.input, |item, _| {
            let mut covering = regions::covering(
                &coverer,
                args.budget,
                item.region.as_ref(),
                false,
                item.index,
            )?;
            if item.margin > 0.0 {
                covering.expand_by_radius(item.margin, 2);
            }
            let terms = if args.query {
                indexer.query_terms_for_covering(&covering, &args.prefix)
            } else {
                indexer
                    .index_terms_for_covering(&covering, &args.prefix)
                    .map_err(|e| CliError::Usage(e.to_string()))?
            };
            let v = json!({
                "feature": item.index,
                "id": item.id,
                "properties": item.properties,
            });
            write(&mut out, v, &terms)
        });
        result.map_err(|e| out.fail(e))?;
    }
    Ok(out.flush()?)
}

/// `--input-format` for `--points`: the point formats `index` reads.
fn point_format(format: Option<InputFormat>) -> CliResult<Option<PointFormat>> {
    Ok(match format {
        None => None,
        Some(InputFormat::Csv) => Some(PointFormat::Csv),
        Some(InputFormat::Ndjson) => Some(PointFormat::Ndjson),
        Some(InputFormat::Geojson) => Some(PointFormat::Geojson),
        Some(InputFormat::Wkt) => {
            return Err(CliError::Usage(
                "--input-format wkt: points are read from csv, ndjson or geojson".into(),
            ));
        }
    })
}
