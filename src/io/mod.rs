//! Reading and writing the formats regions come in.
//!
//! Each format is behind a cargo feature, so a user who only wants cell ids
//! pulls in no parser:
//!
//! - `geojson`: [`geojson`] reads GeoJSON (RFC 7946) geometries, features,
//!   feature collections and GeoJSON text sequences (RFC 8142 or
//!   newline-delimited) into [`GeoFeature`]s, one at a time; [`wkt`]
//!   reads WKT and EWKT, one geometry per line, into the same features.
//! - `geo`: [`geo`] converts `geo-types` points, rects, line strings and
//!   (multi)polygons into regions, and cells, cell unions, loops and
//!   polygons back.
//!
//! The readers keep the raw geometry (points, lines and rings as
//! [`LatLng`](crate::LatLng)s); [`regions`] turns a geometry into a
//! [`Region`](crate::Region) for the coverer, with documented rules for
//! ring orientation and for GeoJSON's straight (planar) edges.

mod cell_polygon;
mod error;
mod geometry;
pub mod regions;

#[cfg(feature = "geojson")]
pub mod geojson;

#[cfg(feature = "geojson")]
mod json_scan;

#[cfg(feature = "wkt")]
pub mod wkt;

#[cfg(feature = "geo")]
pub mod geo;

#[cfg(feature = "geojson")]
pub use cell_polygon::cell_geojson;
pub use cell_polygon::{
    cell_boundary, cell_polygons, clip_at_meridian, default_pieces_per_edge, edge_points,
};
pub use error::ParseError;
pub use geometry::{GeoFeature, Geometry};
pub use regions::{GeoRegion, GeoShape, PLANAR_STEP_DEGREES, RegionOptions};

#[cfg(feature = "geojson")]
pub use geojson::{GeoJsonReader, GeoJsonValues, parse_geojson};

#[cfg(feature = "wkt")]
pub use wkt::{MAX_WKT_NESTING, WktReader, parse_wkt};
