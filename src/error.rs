//! The crate's one top-level error, for callers who want one type.
//!
//! Each area of the crate has its own small error, returned by its
//! functions so that a caller can match on exactly what that area can get
//! wrong: [`CellError`] (ids, tokens, lat/lngs to cells), [`GeomError`]
//! (lat/lngs, points, rectangles, caps, encodings), [`RegionError`]
//! (loops, polygons, polylines, cell unions), [`CovererError`] (options
//! and budgets), [`FeatureError`] (keys, SQL, terms, ML features) and
//! [`ParseError`] (GeoJSON, WKT, geo-types, geometries as regions). Every
//! one converts into [`Error`] with `?`, and its message is the same
//! either way. This module sits above every area: no area imports it.

use std::fmt;

use crate::cell::CellError;
use crate::coverer::CovererError;
use crate::feature::FeatureError;
use crate::geom::GeomError;
use crate::io::ParseError;
use crate::region::RegionError;

/// Any error of the crate: one variant per area, each holding that area's
/// error (whose message it shows unchanged).
///
/// ```
/// use s2cells::{CellError, CellId, Error, LatLngRect, RegionCoverer};
///
/// fn first_cell(token: &str) -> Result<CellId, Error> {
///     let coverer = RegionCoverer::new().max_cells(4)?; // CovererError
///     let rect = LatLngRect::from_degrees(-1.0, 1.0, -1.0, 1.0)?; // GeomError
///     let id = CellId::from_token(token)?; // CellError
///     Ok(coverer.covering(&rect).iter().find(|c| c.intersects(id)).unwrap_or(id))
/// }
/// let err = first_cell("0x1f").unwrap_err();
/// assert!(matches!(err, Error::Cell(CellError::InvalidToken { .. })));
/// assert_eq!(err.to_string(), "invalid cell token \"0x1f\": 'x' at byte 1 is not a hex digit");
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Error {
    /// Making or parsing a cell id.
    Cell(CellError),
    /// Making a lat/lng, point, rectangle or cap.
    Geom(GeomError),
    /// Making a loop, polygon, polyline or cell union.
    Region(RegionError),
    /// The coverer's options, or a covering over budget.
    Coverer(CovererError),
    /// Keys, SQL, terms and ML features.
    Feature(FeatureError),
    /// Reading GeoJSON, WKT or geo-types, or a geometry as a region.
    Parse(ParseError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Cell(e) => e.fmt(f),
            Self::Geom(e) => e.fmt(f),
            Self::Region(e) => e.fmt(f),
            Self::Coverer(e) => e.fmt(f),
            Self::Feature(e) => e.fmt(f),
            Self::Parse(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<CellError> for Error {
    fn from(e: CellError) -> Self {
        Self::Cell(e)
    }
}

impl From<GeomError> for Error {
    fn from(e: GeomError) -> Self {
        Self::Geom(e)
    }
}

impl From<RegionError> for Error {
    fn from(e: RegionError) -> Self {
        Self::Region(e)
    }
}

impl From<CovererError> for Error {
    fn from(e: CovererError) -> Self {
        Self::Coverer(e)
    }
}

impl From<FeatureError> for Error {
    fn from(e: FeatureError) -> Self {
        Self::Feature(e)
    }
}

impl From<ParseError> for Error {
    fn from(e: ParseError) -> Self {
        Self::Parse(e)
    }
}
