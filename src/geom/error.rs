//! What can go wrong making a geometric value.

use std::fmt;

/// Why a lat/lng, point, rectangle or cap could not be made, or bytes
/// could not be decoded into one. Each variant carries the offending
/// input, so the message names it.
///
/// Converts into the crate's [`Error`](crate::Error) with `?`.
///
/// ```
/// use s2cells::{GeomError, LatLngRect};
///
/// let err = LatLngRect::from_degrees(10.0, 100.0, 0.0, 1.0).unwrap_err();
/// assert!(matches!(err, GeomError::InvalidRect { .. }));
/// assert!(err.to_string().starts_with("invalid lat/lng rectangle"));
/// ```
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum GeomError {
    /// A latitude/longitude that is not finite or out of range
    /// (|lat| > 90°, |lng| > 180°).
    InvalidLatLng {
        /// Latitude in degrees, as given.
        lat_degrees: f64,
        /// Longitude in degrees, as given.
        lng_degrees: f64,
    },
    /// A point that is not finite or is the zero vector.
    InvalidPoint {
        /// The coordinates, as given.
        xyz: [f64; 3],
    },
    /// Lat/lng rectangle bounds (radians) that do not make a valid
    /// rectangle: non-finite, |lat| > π/2, |lng| > π, or the latitude range
    /// empty while the longitude range is not.
    InvalidRect {
        /// Lowest latitude, radians, as given.
        lat_lo: f64,
        /// Highest latitude, radians, as given.
        lat_hi: f64,
        /// Western longitude, radians, as given.
        lng_lo: f64,
        /// Eastern longitude, radians, as given.
        lng_hi: f64,
        /// What was wrong.
        reason: &'static str,
    },
    /// A cap parameter (radius, height, area or margin) that is NaN or out
    /// of range, or a center that is not a unit vector.
    InvalidCap {
        /// Which parameter.
        what: &'static str,
        /// Its value (for a center, its squared length).
        value: f64,
    },
    /// Bytes that are not one Google encoding of a value
    /// (`LatLngRect::decode`, `Cap::decode`): the wrong length, an unknown
    /// version, or a value that is not valid.
    InvalidEncoding {
        /// What was being decoded: `"LatLngRect"`, `"Cap"`.
        what: &'static str,
        /// How many bytes were given.
        len: usize,
        /// What was wrong.
        reason: &'static str,
    },
}

/// The message of an invalid lat/lng, shared with the cell ids made from
/// one.
pub(crate) fn write_invalid_latlng(
    f: &mut fmt::Formatter<'_>,
    lat_degrees: f64,
    lng_degrees: f64,
) -> fmt::Result {
    write!(
        f,
        "invalid lat/lng ({lat_degrees}, {lng_degrees}): latitude must be finite and within \
         [-90, 90] degrees, longitude finite and within [-180, 180] degrees"
    )
}

/// The message of an invalid point, shared with the cell ids made from
/// one.
pub(crate) fn write_invalid_point(f: &mut fmt::Formatter<'_>, xyz: &[f64; 3]) -> fmt::Result {
    write!(
        f,
        "invalid point ({}, {}, {}): coordinates must be finite and not all zero",
        xyz[0], xyz[1], xyz[2]
    )
}

impl fmt::Display for GeomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidLatLng {
                lat_degrees,
                lng_degrees,
            } => write_invalid_latlng(f, *lat_degrees, *lng_degrees),
            Self::InvalidPoint { xyz } => write_invalid_point(f, xyz),
            Self::InvalidRect {
                lat_lo,
                lat_hi,
                lng_lo,
                lng_hi,
                reason,
            } => write!(
                f,
                "invalid lat/lng rectangle lat [{lat_lo}, {lat_hi}] lng [{lng_lo}, {lng_hi}] \
                 (radians): {reason}"
            ),
            Self::InvalidCap { what, value } => write!(f, "invalid cap {what} {value}"),
            Self::InvalidEncoding { what, len, reason } => {
                write!(f, "invalid {what} encoding ({len} bytes): {reason}")
            }
        }
    }
}

impl std::error::Error for GeomError {}
