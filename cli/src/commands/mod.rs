//! One module per subcommand family, each thin over the library.
//!
//! Present: `cell` (everything about cells), `hierarchy` (parent, children,
//! neighbors, compact, uncompact: cell streams in and out), `index`
//! (points in, cells appended), `cover` (regions in, coverings out) and
//! `plot` (a PNG or SVG of regions and their coverings, with plotters).
//!
//! To come, each with its library part: `keys` and `terms` (the feature
//! module's database ranges and index terms) and `features` (ML features
//! of points). Each becomes a file here and a variant of `Command` in
//! main.rs.

pub mod cell;
pub mod cover;
pub mod hierarchy;
pub mod index;
pub mod plot;
