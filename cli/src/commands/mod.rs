//! One module per subcommand family, each thin over the library.
//!
//! Present: `cell` (everything about cells), `hierarchy` (parent, children,
//! neighbors, compact, uncompact: cell streams in and out), `index`
//! (points in, cells appended), `cover` (regions in, coverings out),
//! `keys` (database key ranges, SQL WHERE, the table recipe), `terms`
//! (index/query terms of regions or points), `features` (ML features of
//! points) and `plot` (a PNG or SVG of regions and their coverings, with
//! plotters). Regions are read by `crate::regions`, points for `terms` and
//! `features` by `crate::points`; Parquet and Arrow tables are written by
//! `crate::output::table`, and `cover`/`keys` share `crate::advice`
//! (`--stats`, `--fp-sweep`, `--target-fp`). Each command is a file here and a variant
//! of `Command` in main.rs.

pub mod cell;
pub mod cover;
pub mod features;
pub mod hierarchy;
pub mod index;
pub mod keys;
pub mod plot;
pub mod terms;
