//! Reading the formats regions come in, turning geometries into regions,
//! and cells into polygons for maps.
//!
//! Always here, with no dependency:
//!
//! - [`Geometry`] and [`GeoFeature`], the format-neutral geometry every
//!   reader produces (GeoJSON's seven types, positions as
//!   [`LatLng`](crate::LatLng)s), and [`ParseError`], what reading can
//!   get wrong;
//! - [`regions`]: a geometry as a [`Region`](crate::Region) for the
//!   coverer ([`GeoRegion`]), with documented rules for ring orientation
//!   and for the straight (planar) edges GeoJSON and WKT draw;
//! - cells as `[longitude, latitude]` polygons ([`cell_polygons`],
//!   [`cell_boundary`]), cut at the antimeridian and closed over the
//!   poles, as maps and GeoJSON want them.
//!
//! Each format is behind a cargo feature, so a user who only wants cell
//! ids pulls in no parser:
//!
//! - `geojson`: the `geojson` module reads GeoJSON (RFC 7946) geometries,
//!   features, feature collections and GeoJSON text sequences (RFC 8142
//!   or newline-delimited), one feature at a time (`parse_geojson`,
//!   `GeoJsonReader`), and `cell_geojson` writes a cell's polygon;
//! - `wkt`: the `wkt` module reads WKT and EWKT, one geometry per line
//!   (`parse_wkt`, `WktReader`), into the same features, and `cell_wkt`
//!   writes a cell's polygon;
//! - `wkb`: the `wkb` module reads WKB and PostGIS EWKB (`parse_wkb`), as
//!   GeoParquet, PostGIS, DuckDB and shapely write it, into the same
//!   geometries, and `cell_wkb` writes a cell's polygon;
//! - `geo`: the `geo` module converts `geo-types` points, rects, line
//!   strings and (multi)polygons into regions, and cells, cell unions,
//!   loops and polygons back.

mod cell_polygon;
mod error;
mod geometry;
mod planar;
pub mod regions;
mod repair;

#[cfg(feature = "geojson")]
pub mod geojson;

#[cfg(feature = "geojson")]
mod json_scan;

#[cfg(feature = "wkt")]
pub mod wkt;

#[cfg(feature = "wkb")]
pub mod wkb;

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
pub use wkt::{MAX_WKT_NESTING, WktReader, cell_wkt, parse_wkt};

#[cfg(feature = "wkb")]
pub use wkb::{MAX_WKB_NESTING, cell_wkb, parse_wkb};
