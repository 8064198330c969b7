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

#[cfg(feature = "geojson")]
pub mod geojson;

#[cfg(feature = "geojson")]
mod json_scan;

#[cfg(feature = "geojson")]
mod planar;

#[cfg(feature = "geojson")]
mod repair;

#[cfg(feature = "geojson")]
pub mod regions;

#[cfg(feature = "geojson")]
pub mod wkt;

#[cfg(feature = "geo")]
pub mod geo;

#[cfg(feature = "geojson")]
pub use regions::{GeoRegion, GeoShape, PLANAR_STEP_DEGREES, RegionOptions};

#[cfg(feature = "geojson")]
pub use geojson::{GeoFeature, GeoJsonReader, GeoJsonValues, Geometry, parse_geojson};

#[cfg(feature = "geojson")]
pub use wkt::{MAX_WKT_NESTING, WktReader, parse_wkt};
