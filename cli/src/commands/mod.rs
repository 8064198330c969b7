//! One module per subcommand family, each thin over the library.
//!
//! Present: `cell` (everything about cells), `hierarchy` (parent, children,
//! neighbors, compact, uncompact: cell streams in and out) and `index`
//! (points in, cells appended).
//!
//! To come, each with its library part: `cover` (regions in, coverings out;
//! reads GeoJSON with `s2cells::io::GeoJsonReader`, needs `Loop`/`Polygon`
//! and `RegionCoverer`), `keys` and `terms` (the feature module's database
//! ranges and index terms), `features` (ML features of points) and `plot`
//! (plotters, present). Each becomes a file here and a variant of `Command` in
//! main.rs.

pub mod cell;
pub mod cover;
pub mod hierarchy;
pub mod index;
pub mod plot;
