//! # s2cells
//!
//! S2 cells on the sphere: 64-bit cell ids on a Hilbert curve over the six
//! faces of a cube, bit-for-bit equal to Google's s2geometry.
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
//! Modules, lowest first (a module only uses those above it in this list):
//! [`geom`] (points, lat/lngs, rectangles, caps, [`earth`] units) and
//! [`cell`] (ids, cells, [`metrics`]).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod cell;
pub mod coverer;
mod error;
pub mod feature;
pub mod geom;
pub mod io;
pub mod region;

pub use cell::{metrics, Cell, CellId, MAX_LEVEL};
pub use coverer::RegionCoverer;
pub use error::{Error, GeometryError, TokenError};
pub use geom::{earth, Cap, LatLng, LatLngRect, Point};
pub use region::{CellUnion, Loop, Polygon, Polyline, Region};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
