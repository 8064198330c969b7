//! # s2cells
//!
//! S2 cells on the sphere: 64-bit cell ids on a Hilbert curve over the six
//! faces of a cube, regions and their cell coverings, and the database keys,
//! search terms and ML features made from cells, bit-for-bit equal to
//! Google's s2geometry.
//!
//! ```text
//!  63  61 60                                               2*(30-L)  0
//! ┌──────┬────────────────────────────────────────────────┬─┬────────┐
//! │ face │ 2 bits per level: child position 1..=L          │1│ 0 … 0  │
//! └──────┴────────────────────────────────────────────────┴─┴────────┘
//! ```
//!
//! The level `L` is the position of the lowest set bit, a parent is a
//! prefix, containment is a range check, and ids close in value are close
//! on the ground.
//!
//! ```
//! use s2cells::{CellId, LatLng};
//!
//! let leaf = CellId::from_latlng(LatLng::from_degrees(-30.0438, -51.14022));
//! for level in [0, 8, 15, 30] {
//!     let cell = leaf.parent(level);
//!     println!("level {level:2}: {} {}", cell.to_token(), cell.id());
//! }
//! assert_eq!(leaf.parent(8).to_token(), "95197");
//! ```
//!
//! ```
//! use s2cells::{LatLngRect, RegionCoverer};
//!
//! let porto_alegre = LatLngRect::from_degrees(-30.241701, -30.000003, -51.264871, -51.04618)?;
//! let cells = RegionCoverer::new().min_level(8)?.max_level(15)?.max_cells(500)?.covering(&porto_alegre);
//! assert_eq!(cells.len(), 351); // the cells Google's S2RegionCoverer gives
//! # Ok::<(), s2cells::Error>(())
//! ```
//!
//! Modules, lowest first (a module uses only those before it in this
//! list; ARCHITECTURE.md draws the layers): [`geom`] (points, lat/lngs,
//! rectangles, caps, [`earth`] units, the face/uv/st/ij projection, exact
//! predicates), [`cell`] (ids, cells, [`metrics`]), [`region`] (the
//! [`Region`] trait, loops, polygons, polylines, cell unions),
//! [`coverer`] (the [`RegionCoverer`] and its [`CovererOptions`]), then
//! [`feature`] (keys, SQL, terms, ML features) and [`io`] (geometries as
//! regions, cells as polygons; GeoJSON, WKT and geo-types behind their
//! features). Each area has its own error ([`CellError`], [`GeomError`],
//! [`RegionError`], [`CovererError`], [`FeatureError`], [`ParseError`]);
//! [`Error`] holds any of them.

// Safe Rust only, except the one audited SIMD module (issue 17), which
// allows it for itself. (Lints for every target: Cargo.toml's [lints].)
#![deny(unsafe_code)]

pub mod cell;
pub mod coverer;
mod error;
pub mod feature;
pub mod geom;
pub mod io;
pub mod region;
#[cfg(test)]
mod test_rng;

pub use cell::{Cell, CellError, CellId, MAX_LEVEL, TokenError, metrics};
pub use coverer::{CovererError, CovererOptions, RegionCoverer};
pub use error::Error;
pub use feature::FeatureError;
pub use geom::{Cap, GeomError, LatLng, LatLngRect, Point, earth};
pub use io::ParseError;
pub use region::{
    CellContainment, CellUnion, GeometryError, Loop, Polygon, Polyline, Region, RegionError,
};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
