//! Cell streams in, cell streams out: `parent`, `children`, `neighbors`,
//! `compact` and `uncompact`. Each reads cells from its arguments or stdin
//! and writes cells, one per line, in the input's form or the one asked
//! for, so that the commands pipe into each other.
//!
//! `parent`, `children` and `neighbors` work row by row: their output comes
//! in input order, one group per input cell (one line for `parent`),
//! nothing sorted or merged, so it can be pasted back beside its input;
//! `--pairs` writes `input,output` lines, `--unique` the sorted set of all
//! results instead. `compact` and `uncompact` are set operations: their
//! output is a sorted cell union.

use clap::{Args, ValueEnum};
use s2cells::{CellId, CellUnion, MAX_LEVEL};

use crate::cells::{CellFormat, CellInput, for_each_cell, read_cells, write_cell};
use crate::error::{CliError, CliResult};
use crate::output::Output;

fn level_arg() -> clap::builder::RangedI64ValueParser<u8> {
    clap::value_parser!(u8).range(0..=i64::from(MAX_LEVEL))
}

/// How a row-wise command writes its results.
#[derive(Args, Debug)]
pub struct RowOutput {
    /// Write `input,output` on each line (the input cell in the output's
    /// form), so that each result names the row it came from.
    #[arg(long, conflicts_with = "unique")]
    pub pairs: bool,
    /// Write the sorted set of all results, duplicates dropped, instead of
    /// one group per input row in input order.
    #[arg(long)]
    pub unique: bool,
}

#[derive(Args, Debug)]
pub struct ParentArgs {
    #[command(flatten)]
    pub input: CellInput,
    #[command(flatten)]
    pub output: RowOutput,
    /// Level of the parents (0..=30, at most each cell's level); by default
    /// one level up.
    #[arg(short, long, value_parser = level_arg())]
    pub level: Option<u8>,
}

#[derive(Args, Debug)]
pub struct ChildrenArgs {
    #[command(flatten)]
    pub input: CellInput,
    #[command(flatten)]
    pub output: RowOutput,
    /// Level of the children (0..=30, at least each cell's level); by
    /// default one level down.
    #[arg(short, long, value_parser = level_arg())]
    pub level: Option<u8>,
}

/// Which cells count as neighbors.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NeighborKind {
    /// The 4 cells of the same level sharing an edge.
    Edge,
    /// The cells at --level (default: one level up) around the vertex of
    /// the cell's ancestor there that is closest to the cell, the
    /// ancestor included (Google's AppendVertexNeighbors): 4, or 3 at a
    /// cube corner.
    Vertex,
    /// All cells at --level (default: the cell's own) touching the cell
    /// along an edge or at a corner (Google's AppendAllNeighbors).
    All,
}

#[derive(Args, Debug)]
pub struct NeighborsArgs {
    #[command(flatten)]
    pub input: CellInput,
    #[command(flatten)]
    pub output: RowOutput,
    /// Which neighbors.
    #[arg(short, long, value_enum, default_value_t = NeighborKind::Edge)]
    pub kind: NeighborKind,
    /// Level for --kind vertex or all.
    #[arg(short, long, value_parser = level_arg())]
    pub level: Option<u8>,
}

#[derive(Args, Debug)]
pub struct CompactArgs {
    #[command(flatten)]
    pub input: CellInput,
}

#[derive(Args, Debug)]
pub struct UncompactArgs {
    #[command(flatten)]
    pub input: CellInput,
    /// Every cell coarser than this level is replaced by its descendants
    /// at it; finer cells stay as they are (Google's Denormalize).
    #[arg(short, long, value_parser = level_arg())]
    pub level: u8,
}

fn write_sorted(mut cells: Vec<CellId>, format: CellFormat) -> CliResult {
    cells.sort_unstable();
    cells.dedup();
    let mut out = Output::stdout();
    for c in cells {
        write_cell(&mut out.buf, c, format);
        out.buf.push(b'\n');
        out.maybe_flush()?;
    }
    Ok(out.flush()?)
}

fn at_level(id: CellId) -> String {
    format!("cell {} is at level {}", id.to_token(), id.level())
}

/// Runs a row-wise command: `results` gives each input cell's results (in
/// their order) to a sink, which writes them at once (`--pairs` with the
/// input first), or collects them for `--unique`.
fn row_wise(
    input: &CellInput,
    output: &RowOutput,
    mut results: impl FnMut(CellId, &mut dyn FnMut(CellId) -> CliResult) -> CliResult,
) -> CliResult {
    let mut out = Output::stdout();
    let mut all = Vec::new();
    let format = for_each_cell(input, |id, format| {
        if output.unique {
            return results(id, &mut |c| {
                all.push(c);
                Ok(())
            });
        }
        results(id, &mut |c| {
            if output.pairs {
                write_cell(&mut out.buf, id, format);
                out.buf.push(b',');
            }
            write_cell(&mut out.buf, c, format);
            out.buf.push(b'\n');
            Ok(out.maybe_flush()?)
        })
    });
    let format = match format {
        Ok(f) => f,
        Err(e) => return Err(out.fail(e)),
    };
    if output.unique {
        return write_sorted(all, format);
    }
    Ok(out.flush()?)
}

pub fn parent(args: &ParentArgs) -> CliResult {
    row_wise(&args.input, &args.output, |id, sink| {
        let level = match args.level {
            Some(l) if l > id.level() => {
                return Err(CliError::Data(format!(
                    "{}: it has no parent at level {l}",
                    at_level(id)
                )));
            }
            Some(l) => l,
            None if id.level() == 0 => {
                return Err(CliError::Data(format!(
                    "{}: a face cell has no parent",
                    at_level(id)
                )));
            }
            None => id.level() - 1,
        };
        sink(id.parent(level))
    })
}

pub fn children(args: &ChildrenArgs) -> CliResult {
    row_wise(&args.input, &args.output, |id, sink| {
        let level = match args.level {
            None if id.is_leaf() => {
                return Err(CliError::Data(format!(
                    "{}: a leaf cell has no children",
                    at_level(id)
                )));
            }
            None => id.level() + 1,
            Some(level) if id.level() > level => {
                return Err(CliError::Data(format!(
                    "{}: it has no children at level {level}",
                    at_level(id)
                )));
            }
            Some(level) => level,
        };
        // In order, without collecting them (a face has 4^L of them).
        let end = id.child_end_at(level);
        let mut c = id.child_begin_at(level);
        while c != end {
            sink(c)?;
            c = c.next();
        }
        Ok(())
    })
}

/// Writes the descendants of `id` at `level`, in order.
fn stream_range(out: &mut Output, id: CellId, level: u8, format: CellFormat) -> CliResult {
    let end = id.child_end_at(level);
    let mut c = id.child_begin_at(level);
    while c != end {
        write_cell(&mut out.buf, c, format);
        out.buf.push(b'\n');
        out.maybe_flush()?;
        c = c.next();
    }
    Ok(())
}

pub fn neighbors(args: &NeighborsArgs) -> CliResult {
    if args.kind == NeighborKind::Edge && args.level.is_some() {
        return Err(CliError::Usage(
            "--level applies to --kind vertex or all; edge neighbors are at the cell's own level"
                .to_owned(),
        ));
    }
    row_wise(&args.input, &args.output, |id, sink| {
        let cells = match args.kind {
            NeighborKind::Edge => id.edge_neighbors().to_vec(),
            NeighborKind::Vertex => {
                let level = match args.level {
                    Some(l) if l < id.level() => l,
                    None if id.level() > 0 => id.level() - 1,
                    _ => {
                        return Err(CliError::Data(format!(
                            "{}: vertex neighbors need a --level coarser than the cell's",
                            at_level(id)
                        )));
                    }
                };
                id.vertex_neighbors(level)
            }
            NeighborKind::All => {
                let level = args.level.unwrap_or(id.level());
                if level < id.level() {
                    return Err(CliError::Data(format!(
                        "{}: all neighbors need a --level at or finer than the cell's",
                        at_level(id)
                    )));
                }
                id.all_neighbors(level)
            }
        };
        cells.into_iter().try_for_each(sink)
    })
}

pub fn compact(args: &CompactArgs) -> CliResult {
    let (cells, format) = read_cells(&args.input)?;
    write_sorted(CellUnion::from_cell_ids(cells).into_cell_ids(), format)
}

pub fn uncompact(args: &UncompactArgs) -> CliResult {
    let (cells, format) = read_cells(&args.input)?;
    let mut out = Output::stdout();
    // Google's Denormalize(level, 1), streamed: the union is sorted and
    // disjoint, so the output is too.
    for id in &CellUnion::from_cell_ids(cells) {
        if id.level() >= args.level {
            write_cell(&mut out.buf, id, format);
            out.buf.push(b'\n');
            out.maybe_flush()?;
        } else {
            stream_range(&mut out, id, args.level, format)?;
        }
    }
    Ok(out.flush()?)
}
