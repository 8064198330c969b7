//! `s2cells`: S2 cells from a shell or a data pipeline.
//!
//! Each subcommand is thin over the `s2cells` library; see
//! `s2cells --help` and `s2cells <command> --help`.
//!
//! Exit status: 0 on success (and when the reader of stdout goes away,
//! as `head` does), 1 for bad input data, 2 for a usage mistake.

#![forbid(unsafe_code)]
// The workspace lints apply (Cargo.toml's [workspace.lints]), with three
// that do not fit a binary:
// - unreachable_pub keeps a library's API deliberate; a binary has none,
//   so every `pub` here is crate-visible whatever it says.
#![allow(unreachable_pub)]
// - doc_markdown wants identifiers in backticks; the doc comments of the
//   clap types are the --help text, printed as written (`feature_id`
//   would print its backticks).
#![allow(clippy::doc_markdown)]
// - struct_excessive_bools: a command's switches are its bools (clap's
//   derive gives each flag a field).
#![allow(clippy::struct_excessive_bools)]

mod advice;
mod cells;
mod commands;
mod error;
mod output;
mod points;
mod regions;
mod report;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use commands::{cell, cover, features, hierarchy, index, keys, plot, terms};
use error::CliResult;

/// S2 cells on the sphere, bit-for-bit with Google's s2geometry: cell
/// information, cell hierarchies and point indexing, streaming from files
/// or stdin.
#[derive(Parser, Debug)]
#[command(name = "s2cells", version, propagate_version = true)]
#[command(
    after_help = "Cells are read as tokens (951977d34), unsigned decimal ids \
    (10743750135264575488) or signed ids (-7702993938444976128), one per line, \
    and written in the same form unless --format says otherwise."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// No progress bar and no warnings on stderr (errors, and the count of
    /// what --invalid skip passed over, still print). Progress shows only
    /// when stderr is a terminal.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Everything about cells: level, face, center, vertices, area in m²,
    /// edge lengths, parent, children and neighbors.
    Cell(cell::CellArgs),
    /// The parent of each cell, at --level or one level up.
    Parent(hierarchy::ParentArgs),
    /// The children of each cell, at --level or one level down.
    Children(hierarchy::ChildrenArgs),
    /// The neighbors of each cell: sharing an edge, or around a vertex, or all.
    Neighbors(hierarchy::NeighborsArgs),
    /// The fewest cells covering the same area (a normalized cell union).
    Compact(hierarchy::CompactArgs),
    /// Cells coarser than --level replaced by their descendants at it.
    Uncompact(hierarchy::UncompactArgs),
    /// Points in (CSV, NDJSON, GeoJSON), their cells appended at each level
    /// (as text, Parquet or Arrow).
    Index(index::IndexArgs),
    /// Regions in (GeoJSON, WKT, --rect, --cap), their coverings out, per
    /// feature; --fp-sweep and --target-fp to choose --max-cells.
    Cover(cover::CoverArgs),
    /// Database keys for regions: leaf-id ranges in an encoding (CSV,
    /// Parquet, Arrow), one SQL query naming each feature, or the CREATE
    /// TABLE/INDEX recipe.
    Keys(keys::KeysArgs),
    /// Index or query terms (Google's S2RegionTermIndexer) of regions or
    /// points.
    Terms(terms::TermsArgs),
    /// Points in, ML features out: one-hot, multi-level or hashed; sparse
    /// (npz, libsvm, CSR JSON, long Parquet or Arrow) or dense (CSV, npy),
    /// with labels and ids carried.
    Features(features::FeaturesArgs),
    /// A picture (PNG or SVG) of regions and their covering cells,
    /// coloured by level, with axes, legend and scale bar.
    Plot(plot::PlotArgs),
}

fn run(cli: &Cli) -> CliResult {
    match &cli.command {
        Command::Cell(a) => cell::run(a),
        Command::Parent(a) => hierarchy::parent(a),
        Command::Children(a) => hierarchy::children(a),
        Command::Neighbors(a) => hierarchy::neighbors(a),
        Command::Compact(a) => hierarchy::compact(a),
        Command::Uncompact(a) => hierarchy::uncompact(a),
        Command::Index(a) => index::run(a),
        Command::Cover(a) => cover::run(a),
        Command::Keys(a) => keys::run(a),
        Command::Terms(a) => terms::run(a),
        Command::Features(a) => features::run(a),
        Command::Plot(a) => plot::run(a),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    report::set_quiet(cli.quiet);
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let (status, print) = e.exit_status();
            if print {
                // Input echoed in the message is escaped. Nothing more to
                // do if stderr is gone too.
                let text = e.to_string();
                let _ = writeln!(std::io::stderr(), "error: {}", report::escape(&text));
            }
            ExitCode::from(status as u8)
        }
    }
}
