//! What can go wrong reading a format, or turning what was read into a
//! region.

use std::fmt;

/// Why input could not be read: GeoJSON or WKT that leaves the grammar or
/// is not a geometry this crate reads (with the line and column, or the
/// feature and the path within it), a failed read, a geo-types geometry
/// that is not a valid region, or a geometry that does not make a region.
/// The format variants exist only with their cargo feature.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// # #[cfg(feature = "wkt")] {
/// use s2cells::ParseError;
/// use s2cells::io::parse_wkt;
///
/// let err = parse_wkt("POINT (1 2").unwrap_err();
/// assert!(matches!(err, ParseError::WktSyntax { line: 1, column: 11, .. }));
/// # }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseError {
    /// GeoJSON input that is not well-formed JSON (feature `geojson`).
    #[cfg(feature = "geojson")]
    GeoJsonSyntax {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1.
        column: usize,
        /// What the JSON parser expected or found.
        reason: String,
    },
    /// Well-formed JSON that is not GeoJSON this crate reads (feature
    /// `geojson`).
    #[cfg(feature = "geojson")]
    InvalidGeoJson {
        /// Index of the feature in the input, from 0.
        feature: usize,
        /// Where in the feature, as a JSON path (`geometry.coordinates[0][3]`).
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// WKT input that leaves the grammar (feature `wkt`).
    #[cfg(feature = "wkt")]
    WktSyntax {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1.
        column: usize,
        /// What the parser expected there.
        expected: &'static str,
        /// What it found (a quoted token, or the end of the line).
        found: String,
    },
    /// Well-formed WKT that is not a geometry this crate reads: a
    /// coordinate out of range, a ring not closed or too short, a line
    /// string of one position, an SRID other than 4326 (feature `wkt`).
    #[cfg(feature = "wkt")]
    InvalidWkt {
        /// Line of the input, from 1.
        line: usize,
        /// Column (byte within the line), from 1, where the offending
        /// coordinate, ring or geometry starts.
        column: usize,
        /// What is wrong there.
        reason: String,
    },
    /// Reading the input failed (an I/O error, or bytes that are not
    /// UTF-8).
    #[cfg(any(feature = "geojson", feature = "wkt"))]
    ReadFailed {
        /// The underlying error's message.
        reason: String,
    },
    /// A geo-types geometry that is not a valid region (feature `geo`).
    #[cfg(feature = "geo")]
    InvalidGeoTypes {
        /// Where: `point`, `rect.min`, `line[3]`, `exterior`,
        /// `polygons[1].interiors[0][2]`, `polygon`.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// A geometry that does not make a region
    /// ([`GeoRegion::from_geometry`](super::GeoRegion::from_geometry)): a
    /// ring that is not a valid loop, rings that cross, a wrong
    /// orientation under `strict_orientation`, a degenerate line.
    InvalidGeometry {
        /// Index of the feature in the input, from 0.
        feature: usize,
        /// Where in the geometry, as a path (`coordinates[0]`,
        /// `geometries[1].coordinates[2]`).
        path: String,
        /// What is wrong there.
        reason: String,
    },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            #[cfg(feature = "geojson")]
            Self::GeoJsonSyntax {
                line,
                column,
                reason,
            } => write!(
                f,
                "GeoJSON syntax error at line {line}, column {column}: {reason}"
            ),
            #[cfg(feature = "geojson")]
            Self::InvalidGeoJson {
                feature,
                path,
                reason,
            } => write!(
                f,
                "invalid GeoJSON in feature {feature} at {path}: {reason}"
            ),
            #[cfg(feature = "wkt")]
            Self::WktSyntax {
                line,
                column,
                expected,
                found,
            } => write!(
                f,
                "WKT syntax error: expected {expected} at line {line}, column {column}, found {found}"
            ),
            #[cfg(feature = "wkt")]
            Self::InvalidWkt {
                line,
                column,
                reason,
            } => write!(f, "invalid WKT at line {line}, column {column}: {reason}"),
            #[cfg(any(feature = "geojson", feature = "wkt"))]
            Self::ReadFailed { reason } => write!(f, "reading the input failed: {reason}"),
            #[cfg(feature = "geo")]
            Self::InvalidGeoTypes { path, reason } => {
                write!(f, "invalid geo-types geometry at {path}: {reason}")
            }
            Self::InvalidGeometry {
                feature,
                path,
                reason,
            } => write!(
                f,
                "invalid geometry in feature {feature} at {path}: {reason}"
            ),
        }
    }
}

impl std::error::Error for ParseError {}
